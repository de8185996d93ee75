"""Written feedback per question and per article of the self-assessment, the plain-text versions of every
document (kept at each move of its workflow, compared line by line) and the dialogue of a phase."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from palermo.core.audit import log_action
from palermo.review.domain import questionnaire
from palermo.review.domain.cycles import ReviewError
from palermo.review.domain.participants import parties_of
from palermo.review.domain.steps import CLEARED, DRAFTERS, can_edit, role_for
from palermo.review.models import (
    DialogueMessage,
    DocumentKind,
    DocumentVersion,
    FeedbackArticle,
    Observation,
    Review,
    StepDocument,
)


def self_assessment_of(document: StepDocument) -> StepDocument | None:
    """The self-assessment a feedback document comments on."""
    return StepDocument.objects.filter(
        review=document.review,
        phase=document.phase,
        kind=DocumentKind.SELF_ASSESSMENT,
        party_id=document.review.state_under_review_id,
    ).first()


@dataclass
class FeedbackSheet:
    """One article: the State under review's answers and this reviewing State's comments on them."""

    answers: questionnaire.ArticleSheet
    feedback: FeedbackArticle | None

    @property
    def version(self) -> int:
        return self.feedback.version if self.feedback else 0

    def comment(self, key: str) -> str:
        return self.feedback.comments.get(key, "") if self.feedback else ""

    def rows(self):
        return [
            (question, label, answer, self.comment(question.key))
            for question, label, answer in self.answers.rows()
        ]


def sheets(document: StepDocument) -> list[FeedbackSheet]:
    """Per article, the cleared self-assessment's answers with this feedback's comments; empty until the
    self-assessment is cleared (the reviewers receive it then)."""
    saq = self_assessment_of(document)
    if saq is None or saq.state != CLEARED:
        return []
    comments = (
        {f.article: f for f in FeedbackArticle.objects.filter(document=document)} if document.pk else {}
    )
    return [FeedbackSheet(sheet, comments.get(sheet.article.number)) for sheet in questionnaire.sheets(saq)]


@transaction.atomic
def save_comments(
    *, document: StepDocument, user, article: str, comments: dict[str, str], expected_version: int
) -> FeedbackArticle:
    """Save a reviewing State's comments on one article; refused if someone saved it since."""
    locked = StepDocument.objects.select_for_update().get(pk=document.pk)
    if locked.kind != DocumentKind.FEEDBACK or not can_edit(user, locked):
        raise ReviewError(_("This document is not a draft you may change."))
    sheet = next((s for s in sheets(locked) if s.answers.article.number == article), None)
    if sheet is None:
        raise ReviewError(_("Article %(article)s is not in this questionnaire.") % {"article": article})
    keys = {q.key for q in sheet.answers.questions} | {""}
    if set(comments) - keys:
        raise ReviewError(
            _("Article %(article)s has no question %(question)s.")
            % {"article": article, "question": ", ".join(sorted(set(comments) - keys))}
        )
    found = sheet.feedback or FeedbackArticle.objects.create(
        document=locked, article=article, updated_by=user
    )
    questionnaire.check_version(found, article, expected_version)
    found.comments = {key: text.strip() for key, text in comments.items() if text.strip()}
    found.version, found.updated_by = found.version + 1, user
    found.save(update_fields=["comments", "version", "updated_by", "updated"])
    locked.updated_by = user
    locked.save(update_fields=["updated_by", "updated"])
    log_action(
        "review.feedback.saved", actor=user, obj=locked, data={"article": article, "version": found.version}
    )
    return found


def has_comments(document: StepDocument) -> bool:
    return any(f.comments for f in FeedbackArticle.objects.filter(document=document))


# Versions -------------------------------------------------------------------------------------------


def as_text(document: StepDocument) -> str:
    """The document's content as plain text, the same way every time (labels in English, whoever moves it),
    for versions and their diffs."""
    with translation.override("en"):
        return _as_text(document)


def _as_text(document: StepDocument) -> str:
    lines: list[str] = []
    if document.kind == DocumentKind.SELF_ASSESSMENT:
        for sheet in questionnaire.sheets(document):
            lines.append(f"## Article {sheet.article.number}: {sheet.article.title}")
            for _question, label, answer in sheet.rows():
                lines.append(
                    f"{label} {answer.get_response_display() if answer and answer.response else '—'}"
                )
                lines.extend((answer.explanation if answer else "").splitlines())
            if sheet.answer:
                if sheet.answer.challenges:
                    lines += ["Challenges:", *sheet.answer.challenges.splitlines()]
                lines += [
                    f"Technical-assistance need: {n.get_kind_display()} ({n.get_priority_display()}) {n.description}"
                    for n in sheet.answer.needs.all()
                ]
                lines += [f"Cited: {c}" for c in sheet.answer.citations.all()]
            lines.append("")
    elif document.kind == DocumentKind.FEEDBACK:
        for item in FeedbackArticle.objects.filter(document=document).order_by("id"):
            for key, text in sorted(item.comments.items()):
                where = questionnaire.question_label(item.article, key) if key else f"Article {item.article}"
                lines += [f"## {where}", *text.splitlines(), ""]
    elif document.kind == DocumentKind.OBSERVATIONS:
        for observation in Observation.objects.filter(document=document):
            where = f" (article {observation.article})" if observation.article else ""
            lines += [f"## {observation.get_category_display()}{where}", *observation.text.splitlines(), ""]
    if document.text.strip():
        lines += ["## Text", *document.text.strip().splitlines()]
    return "\n".join(lines).strip() + "\n"


def keep_version(document: StepDocument, user, state: str) -> DocumentVersion:
    """Record the document as it is now (called at each move of its workflow)."""
    number = DocumentVersion.objects.filter(document=document).count() + 1
    return DocumentVersion.objects.create(
        document=document, number=number, state=state, content=as_text(document), created_by=user
    )


# Dialogue -------------------------------------------------------------------------------------------


def may_write(user, review: Review) -> str | None:
    """The State a user writes for in the review's dialogue (experts and focal points of any delegation)."""
    for party in parties_of(review):
        if role_for(user, review, party) in DRAFTERS:
            return party
    return None


@transaction.atomic
def post(
    *, review: Review, phase: int, user, text: str, article: str = "", thread: DialogueMessage | None = None
):
    """Open a thread (a question to the State under review, or from it) or reply in one."""
    party = may_write(user, review)
    if party is None:
        raise ReviewError(
            _("Only the experts and focal points of the review's States write in its dialogue.")
        )
    if not text.strip():
        raise ReviewError(_("Write the message."), field="text")
    if not 1 <= phase <= 4:
        raise ReviewError(_("There is no such phase."))
    if thread is not None and (thread.review_id != review.pk or thread.phase != phase or thread.thread_id):
        raise ReviewError(_("Reply to a thread of this phase."))
    article = article.strip()
    if (
        thread is None
        and article
        and article not in review.cycle.article_numbers(phase, review.instrument_id)
    ):
        raise ReviewError(
            _("Article %(article)s is not in this questionnaire.") % {"article": article}, field="article"
        )
    message = DialogueMessage.objects.create(
        review=review,
        phase=phase,
        thread=thread,
        article=thread.article if thread else article,
        party_id=party,
        author=user,
        text=text.strip(),
    )
    log_action(
        "review.dialogue.posted",
        actor=user,
        obj=review,
        data={"phase": phase, "message": message.pk, "thread": thread.pk if thread else None},
    )
    return message


def threads(review: Review, phase: int) -> list[tuple[DialogueMessage, list[DialogueMessage]]]:
    messages = list(
        DialogueMessage.objects.filter(review=review, phase=phase).select_related("author", "party")
    )
    replies: dict[int, list[DialogueMessage]] = {}
    for message in messages:
        if message.thread_id:
            replies.setdefault(message.thread_id, []).append(message)
    return [(m, replies.get(m.pk, [])) for m in messages if not m.thread_id]
