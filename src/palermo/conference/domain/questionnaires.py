"""Information gathering, its writes: the secretariat composes a questionnaire and sends it (a reply is
opened for every recipient State); a State's focal point names the experts who answer; the focal point and
those experts answer question by question, each answer with its own version (a save from an older version
is refused and nothing typed is lost); the focal point submits the reply, choosing whether its answers are
published or only counted. Every write is atomic and audited; bad data raises `RecordError` naming the
field and changes nothing."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.accounts.models import Role, User
from palermo.accounts.rules import is_approved, is_secretariat, is_verified
from palermo.conference.domain.records import RecordError, _require_secretariat, _texts
from palermo.conference.models import (
    Answer,
    AnswerKind,
    Meeting,
    Question,
    Questionnaire,
    QuestionnaireState,
    Recipients,
    Reply,
    ReplyState,
)
from palermo.core.audit import log_action
from palermo.core.i18n import listed
from palermo.core.numbers import MAX_INT
from palermo.knowledge.models import Record
from palermo.register.models import Article, Instrument, Participation, Party, RegionalGroup

CONVENTION = "UNTOC"
MAX_QUESTIONS = 200
MAX_CHOICES = 12


@dataclass
class QuestionInput:
    texts: dict[str, str]
    kind: str
    choices: list[dict] = field(default_factory=list)  # [{"value": ..., "labels": {"en": ...}}]
    article: Article | None = None


def recipient_parties(
    recipients: str, instrument: Instrument | None = None, regional_group: str = ""
) -> QuerySet[Party]:
    """The parties a questionnaire goes to: every party to the Convention, the parties to one instrument,
    or the parties to the Convention in one regional group (consent given, by the register)."""
    code = instrument.pk if recipients == Recipients.INSTRUMENT and instrument is not None else CONVENTION
    parties = Participation.objects.filter(instrument_id=code).exclude(consent=None).values("party_id")
    found = Party.objects.filter(pk__in=parties)
    if recipients == Recipients.REGIONAL_GROUP:
        found = found.filter(regional_group=regional_group)
    return found.order_by("name")


def create_questionnaire(
    *,
    user,
    titles: dict[str, str],
    recipients: str,
    deadline: date | None,
    questions: list[QuestionInput],
    introductions: dict[str, str] | None = None,
    instrument: Instrument | None = None,
    regional_group: str = "",
    meeting: Meeting | None = None,
    today: date | None = None,
) -> Questionnaire:
    """A draft questionnaire with its questions, all or nothing."""
    _require_secretariat(user)
    problems: list[tuple[str, str]] = []
    titles = _texts(titles, "titles", problems)
    introductions = {code: text.strip() for code, text in (introductions or {}).items() if text.strip()}
    if recipients not in Recipients.values:
        problems.append(("recipients", _("Choose to whom the questionnaire goes.")))
    if recipients == Recipients.INSTRUMENT and instrument is None:
        problems.append(("instrument", _("Choose the instrument whose parties receive it.")))
    if recipients == Recipients.REGIONAL_GROUP and regional_group not in RegionalGroup.values:
        problems.append(("regional_group", _("Choose the regional group that receives it.")))
    if deadline is None:
        problems.append(("deadline", _("Give the date by which States answer.")))
    elif deadline <= (today or timezone.localdate()):
        problems.append(("deadline", _("The deadline must be after today.")))
    if not questions:
        problems.append(("questions", _("Ask at least one question.")))
    if len(questions) > MAX_QUESTIONS:
        problems.append(("questions", _("Ask at most %(count)s questions.") % {"count": MAX_QUESTIONS}))
    cleaned = [_question(number, question, problems) for number, question in enumerate(questions, start=1)]
    if problems or deadline is None:
        raise RecordError(problems)
    with transaction.atomic():
        questionnaire = Questionnaire.objects.create(
            titles=titles,
            introductions=introductions,
            recipients=recipients,
            instrument=instrument if recipients == Recipients.INSTRUMENT else None,
            regional_group=regional_group if recipients == Recipients.REGIONAL_GROUP else "",
            deadline=deadline,
            meeting=meeting,
            created_by=user,
        )
        Question.objects.bulk_create(
            Question(questionnaire=questionnaire, number=number, **values)
            for number, values in enumerate(cleaned, start=1)
        )
        log_action(
            "conference.questionnaire.created",
            actor=user,
            obj=questionnaire,
            data={"questions": len(cleaned), "recipients": recipients},
        )
    return questionnaire


def _question(number: int, question: QuestionInput, problems: list[tuple[str, str]]) -> dict:
    key = f"question-{number}"
    texts = _texts(question.texts, key, problems)
    if question.kind not in AnswerKind.values:
        problems.append((key, _("Choose the kind of answer of question %(number)s.") % {"number": number}))
    choices = []
    if question.kind == AnswerKind.CHOICE:
        for position, choice in enumerate(question.choices, start=1):
            labels = {code: text.strip() for code, text in choice.get("labels", {}).items() if text.strip()}
            if labels.get("en"):
                choices.append({"value": str(position), "labels": labels})
        if not 2 <= len(choices) <= MAX_CHOICES:
            problems.append(
                (
                    key,
                    _(
                        "Question %(number)s offers between 2 and %(most)s answers, each with its English text."
                    )
                    % {"number": number, "most": MAX_CHOICES},
                )
            )
    return {"texts": texts, "kind": question.kind, "choices": choices, "article": question.article}


def send_questionnaire(*, user, questionnaire: Questionnaire, today: date | None = None) -> int:
    """Send a draft: a reply is opened for every recipient State. Returns how many."""
    _require_secretariat(user)
    with transaction.atomic():
        questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if questionnaire.state != QuestionnaireState.DRAFT:
            raise RecordError([("state", _("This questionnaire has already been sent."))])
        if questionnaire.deadline <= (today or timezone.localdate()):
            raise RecordError([("deadline", _("The deadline has passed: change it before sending."))])
        parties = list(
            recipient_parties(
                questionnaire.recipients, questionnaire.instrument, questionnaire.regional_group
            )
        )
        if not parties:
            raise RecordError([("recipients", _("No State party matches these recipients."))])
        Reply.objects.bulk_create(Reply(questionnaire=questionnaire, party=party) for party in parties)
        questionnaire.state, questionnaire.sent = QuestionnaireState.SENT, timezone.now()
        questionnaire.save(update_fields=["state", "sent"])
        log_action(
            "conference.questionnaire.sent", actor=user, obj=questionnaire, data={"states": len(parties)}
        )
    return len(parties)


def close_questionnaire(*, user, questionnaire: Questionnaire) -> None:
    """No more answers: what was submitted stays; replies not submitted are no longer accepted."""
    _require_secretariat(user)
    with transaction.atomic():
        questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
        if questionnaire.state != QuestionnaireState.SENT:
            raise RecordError([("state", _("Only a questionnaire that was sent can be closed."))])
        questionnaire.state = QuestionnaireState.CLOSED
        questionnaire.save(update_fields=["state"])
        log_action("conference.questionnaire.closed", actor=user, obj=questionnaire)


# The State's side ---------------------------------------------------------------------------------------


def _of_state(user, reply: Reply) -> bool:
    organisation = getattr(user, "organisation", None)
    return (
        is_verified(user)
        and is_approved(user)
        and organisation is not None
        and organisation.party_id == reply.party_id
    )


def is_focal_point_of(user, reply: Reply) -> bool:
    return _of_state(user, reply) and user.role == Role.FOCAL_POINT


def may_answer(user, reply: Reply) -> bool:
    """The State's focal point, and the experts the focal point named (while they belong to the State)."""
    if is_focal_point_of(user, reply):
        return True
    return _of_state(user, reply) and any(expert.pk == user.pk for expert in reply.experts.all())


def may_read(user, reply: Reply) -> bool:
    """Who reads a reply as it stands: the secretariat and the State's own people who may answer it."""
    return is_secretariat(user) or may_answer(user, reply)


def eligible_experts(reply: Reply) -> QuerySet[User]:
    """The people a focal point may name: approved users of an authority of the same State, governmental
    experts or focal points."""
    return User.objects.filter(
        organisation__party_id=reply.party_id,
        role__in=[Role.GOVERNMENTAL_EXPERT, Role.FOCAL_POINT],
        is_active=True,
    ).order_by("email")


def assign_experts(*, user, reply: Reply, experts: list[User]) -> None:
    """The focal point names who answers with them (replacing the previous list)."""
    if not is_focal_point_of(user, reply):
        raise PermissionDenied
    allowed = set(eligible_experts(reply).values_list("pk", flat=True))
    strangers = [expert.email for expert in experts if expert.pk not in allowed]
    if strangers:
        raise RecordError(
            [
                (
                    "experts",
                    _("Only experts of your State can answer: %(emails)s.") % {"emails": listed(strangers)},
                )
            ]
        )
    with transaction.atomic():
        _locked_open(reply)
        reply.experts.set(experts)
        log_action(
            "conference.reply.experts", actor=user, obj=reply, data={"experts": [e.email for e in experts]}
        )


def _locked_open(reply: Reply) -> Reply:
    """The reply, locked for a write (call it inside the write's transaction), as the database has it now;
    refused unless its questionnaire is sent and it is not submitted."""
    locked = Reply.objects.select_for_update().select_related("questionnaire").get(pk=reply.pk)
    if locked.questionnaire.state != QuestionnaireState.SENT:
        raise RecordError([("state", _("This questionnaire is closed: nothing more can be changed."))])
    if locked.state == ReplyState.SUBMITTED:
        raise RecordError([("state", _("Your State's reply was submitted: nothing more can be changed."))])
    return locked


@dataclass
class AnswerInput:
    value: str = ""
    number: str = ""
    text: str = ""
    citations: list[int] | None = (
        None  # ids of published knowledge-base records; None: leave them as they are
    )


MAX_CITATIONS = 20


def _cited(ids: list[int]) -> list[Record]:
    """The published records cited, by id; a RecordError names the ids that are not published records."""
    if len(ids) > MAX_CITATIONS:
        raise RecordError([("citations", _("Cite at most %(count)s records.") % {"count": MAX_CITATIONS})])
    found = Record.objects.published().in_bulk([i for i in ids if 0 < i <= MAX_INT])
    unknown = [str(i) for i in ids if i not in found]
    if unknown:
        raise RecordError(
            [
                (
                    "citations",
                    _("No published record of the knowledge base has the number %(numbers)s.")
                    % {"numbers": listed(unknown)},
                )
            ]
        )
    return [found[i] for i in dict.fromkeys(ids)]


def save_answer(
    *, user, reply: Reply, question: Question, typed: AnswerInput, expected_version: int
) -> Answer:
    """Save one answer; refused when someone saved it since `expected_version` (what was typed is kept by
    the caller and shown again)."""
    if not may_answer(user, reply):
        raise PermissionDenied
    if question.questionnaire_id != reply.questionnaire_id:
        raise PermissionDenied
    value, number = typed.value.strip(), None
    offered = {option for option, _label in question.options()}
    if value and value not in offered:
        raise RecordError([("value", _("Choose one of the answers offered."))])
    if question.kind == AnswerKind.NUMBER and typed.number.strip():
        try:
            number = Decimal(typed.number.strip().replace(",", "."))
        except InvalidOperation:
            raise RecordError([("number", _("Write a number, such as 12 or 3.5."))]) from None
        if not number.is_finite() or abs(number) >= Decimal("1e12"):
            raise RecordError([("number", _("Write a number, such as 12 or 3.5."))])
    if len(typed.text) > 20_000:
        raise RecordError([("text", _("Write at most 20,000 characters."))])
    cited = _cited(typed.citations) if typed.citations is not None else None
    with transaction.atomic():
        locked = _locked_open(reply)
        answer = Answer.objects.filter(reply=locked, question=question).first()
        current = answer.version if answer else 0
        if current != expected_version:
            who = (answer.updated_by.get_full_name() or answer.updated_by.email) if answer else _("No one")
            raise StaleAnswer(
                _(
                    "%(person)s saved this answer since you opened it (version %(current)s, you had %(yours)s). "
                    "Copy your text, reload, and apply it again."
                )
                % {"person": who, "current": current, "yours": expected_version}
            )
        answer = answer or Answer(reply=locked, question=question)
        answer.value, answer.number, answer.text = value, number, typed.text.strip()
        answer.version, answer.updated_by = current + 1, user
        answer.save()
        if cited is not None:
            answer.citations.set(cited)
        if locked.state == ReplyState.NOT_STARTED:
            locked.state = ReplyState.IN_PROGRESS
            locked.save(update_fields=["state"])
        log_action(
            "conference.answer.saved",
            actor=user,
            obj=locked,
            data={"question": question.number, "version": answer.version},
        )
    return answer


class StaleAnswer(RecordError):
    """Someone saved the answer since the editor opened it."""

    def __init__(self, message: str):
        super().__init__([("version", message)])
        self.message = message


def is_answered(question: Question, answer: Answer | None) -> bool:
    """Whether `answer` gives what its question's kind asks for (a number, a text, a choice)."""
    if answer is None:
        return False
    if question.kind == AnswerKind.NUMBER:
        return answer.number is not None
    if question.kind == AnswerKind.TEXT:
        return bool(answer.text)
    return bool(answer.value)


def unanswered(reply: Reply) -> list[int]:
    """The numbers of the questions the reply has not answered yet."""
    answers = {answer.question_id: answer for answer in reply.answers.all()}
    return [
        question.number
        for question in reply.questionnaire.questions.all()
        if not is_answered(question, answers.get(question.pk))
    ]


def submit_reply(*, user, reply: Reply, publish: bool) -> None:
    """The focal point clears and submits the State's reply, every question answered, and says whether its
    answers are published or only counted."""
    if not is_focal_point_of(user, reply):
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked_open(reply)
        missing = unanswered(locked)
        if missing:
            raise RecordError(
                [
                    (
                        "answers",
                        _("Answer every question before submitting; still unanswered: %(numbers)s.")
                        % {"numbers": listed(missing)},
                    )
                ]
            )
        locked.state, locked.publish = ReplyState.SUBMITTED, publish
        locked.submitted, locked.submitted_by = timezone.now(), user
        locked.save(update_fields=["state", "publish", "submitted", "submitted_by"])
        log_action("conference.reply.submitted", actor=user, obj=locked, data={"publish": publish})


def set_publication(*, user, reply: Reply, publish: bool) -> None:
    """The focal point changes whether the State's submitted answers are published."""
    if not is_focal_point_of(user, reply):
        raise PermissionDenied
    with transaction.atomic():
        reply.publish = publish
        reply.save(update_fields=["publish"])
        log_action("conference.reply.publication", actor=user, obj=reply, data={"publish": publish})
