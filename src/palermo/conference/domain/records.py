"""The record of the Conference's work, its writes: the secretariat records meetings, documents and the
resolutions and decisions with their operative paragraphs; the secretariat or a State's focal point
records what was done on a paragraph. Every write is atomic and audited; bad data raises `RecordError`
naming the field and changes nothing."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from palermo.accounts.models import Role
from palermo.accounts.rules import is_approved, is_secretariat, is_verified
from palermo.conference.models import (
    Addressee,
    Body,
    Decision,
    DecisionKind,
    Document,
    DocumentFile,
    DocumentKind,
    FollowUp,
    FollowUpStatus,
    Meeting,
    OperativeParagraph,
)
from palermo.core.audit import log_action
from palermo.core.uploads import UploadRefused, check_pdf
from palermo.knowledge.models import Term
from palermo.register.models import Article, Party

# A UN document symbol: series separated by slashes, as CTOC/COP/2020/1, CTOC/COP/WG.2/2021/3 or
# CTOC/COP/2020/L.3/Rev.1.
SYMBOL = re.compile(r"^[A-Z][A-Z0-9.]*(/[A-Za-z0-9.()-]+)+$")
LANGUAGES = {code for code, _name in settings.LANGUAGES}
DECISION_NUMBER = re.compile(r"^\d{1,2}/\d{1,3}$")
WORKING_GROUPS = {body for body in Body.values if body != Body.CONFERENCE}


class RecordError(Exception):
    """A write refused: `problems` is a list of (field, message) for people."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(f"{key}: {message}" for key, message in problems))
        self.problems = problems


def _require_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied


def _texts(values: dict[str, str], key: str, problems: list[tuple[str, str]]) -> dict[str, str]:
    """Texts by language code, trimmed, the empty left out; English required."""
    cleaned = {code: text.strip() for code, text in values.items() if text and text.strip()}
    unknown = sorted(set(cleaned) - LANGUAGES)
    if unknown:
        problems.append((key, _("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)}))
    if not cleaned.get("en"):
        problems.append((key, _("The English text is required.")))
    return cleaned


def create_meeting(
    *, user, body: str, number: int, starts: date, ends: date, place: str, host: Party | None = None
) -> Meeting:
    """A new session of the Conference or meeting of a working group."""
    _require_secretariat(user)
    problems = []
    if body not in Body.values:
        problems.append(("body", _("Choose the Conference or one of its working groups.")))
    if number < 1:
        problems.append(("number", _("The number is 1 or more.")))
    if ends < starts:
        problems.append(("ends", _("The last day is before the first.")))
    if not place.strip():
        problems.append(("place", _("Say where the meeting takes place.")))
    if not problems and Meeting.objects.filter(body=body, number=number).exists():
        problems.append(("number", _("This body already has a meeting with this number.")))
    if problems:
        raise RecordError(problems)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            body=body, number=number, starts=starts, ends=ends, place=place.strip(), host=host
        )
        log_action("conference.meeting.created", actor=user, obj=meeting)
    return meeting


def add_document(
    *, user, meeting: Meeting, symbol: str, kind: str, titles: dict[str, str], issued: date | None = None
) -> Document:
    """A document of the meeting, by its UN symbol."""
    _require_secretariat(user)
    problems: list[tuple[str, str]] = []
    symbol = symbol.strip()
    if not SYMBOL.match(symbol):
        problems.append(("symbol", _("A UN document symbol, for example CTOC/COP/2020/1.")))
    elif Document.objects.filter(symbol=symbol).exists():
        problems.append(("symbol", _("A document with this symbol is already recorded.")))
    if kind not in DocumentKind.values:
        problems.append(("kind", _("Choose the kind of document.")))
    cleaned = _texts(titles, "titles", problems)
    if problems:
        raise RecordError(problems)
    with transaction.atomic():
        document = Document.objects.create(
            symbol=symbol, meeting=meeting, kind=kind, titles=cleaned, issued=issued
        )
        log_action("conference.document.added", actor=user, obj=document)
    return document


@dataclass
class ParagraphInput:
    number: int
    texts: dict[str, str]
    addressee: str
    states: list[Party] = field(default_factory=list)
    working_group: str = ""
    due: date | None = None
    articles: list[Article] = field(default_factory=list)
    topics: list[Term] = field(default_factory=list)


def record_decision(
    *,
    user,
    meeting: Meeting,
    kind: str,
    number: str,
    titles: dict[str, str],
    adopted: date,
    paragraphs: list[ParagraphInput],
) -> Decision:
    """A resolution or decision of a session of the Conference, with its operative paragraphs, all or
    nothing."""
    _require_secretariat(user)
    problems: list[tuple[str, str]] = []
    if meeting.body != Body.CONFERENCE:
        problems.append(("meeting", _("Resolutions and decisions are adopted by the Conference.")))
    if kind not in DecisionKind.values:
        problems.append(("kind", _("Choose resolution or decision.")))
    number = number.strip()
    if not DECISION_NUMBER.match(number):
        problems.append(("number", _("The number as adopted: session/order, for example 10/1.")))
    elif Decision.objects.filter(kind=kind, number=number).exists():
        problems.append(("number", _("This number is already recorded.")))
    if not meeting.starts <= adopted <= meeting.ends:
        problems.append(("adopted", _("The date of adoption is a day of the session.")))
    cleaned = _texts(titles, "titles", problems)
    paragraph_texts = [_paragraph_problems(paragraph, problems) for paragraph in paragraphs]
    numbers = [paragraph.number for paragraph in paragraphs]
    if len(set(numbers)) != len(numbers):
        problems.append(("paragraphs", _("Two paragraphs have the same number.")))
    if problems:
        raise RecordError(problems)
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                meeting=meeting, kind=kind, number=number, titles=cleaned, adopted=adopted
            )
            for paragraph, texts in zip(paragraphs, paragraph_texts, strict=True):
                saved = OperativeParagraph.objects.create(
                    decision=decision,
                    number=paragraph.number,
                    texts=texts,
                    addressee=paragraph.addressee,
                    working_group=paragraph.working_group,
                    due=paragraph.due,
                )
                saved.states.set(paragraph.states)
                saved.articles.set(paragraph.articles)
                saved.topics.set(paragraph.topics)
            log_action(
                "conference.decision.recorded", actor=user, obj=decision, data={"paragraphs": len(paragraphs)}
            )
    except IntegrityError as error:  # recorded by someone else in the meantime
        raise RecordError([("number", _("This number is already recorded."))]) from error
    return decision


def _paragraph_problems(paragraph: ParagraphInput, problems: list[tuple[str, str]]) -> dict[str, str]:
    key = f"paragraphs.{paragraph.number}"
    if paragraph.number < 1:
        problems.append((key, _("The number is 1 or more.")))
    if paragraph.addressee not in Addressee.values:
        problems.append((key, _("Say whom the paragraph asks to act.")))
    if (paragraph.addressee == Addressee.SOME_STATES) != bool(paragraph.states):
        problems.append((key, _("Name the States exactly when the paragraph asks some States.")))
    if (paragraph.addressee == Addressee.WORKING_GROUP) != bool(paragraph.working_group) or (
        paragraph.working_group and paragraph.working_group not in WORKING_GROUPS
    ):
        problems.append((key, _("Choose the working group exactly when the paragraph asks one.")))
    return _texts(paragraph.texts, key, problems)


def may_follow_up(user, paragraph: OperativeParagraph, party: Party | None) -> bool:
    """The secretariat records any follow-up; a State's focal point that of its own State, on a paragraph
    that asks all States or names it."""
    if is_secretariat(user):
        return True
    if party is None or not (is_verified(user) and is_approved(user)) or user.role != Role.FOCAL_POINT:
        return False
    organisation = user.organisation
    if organisation is None or organisation.party_id != party.pk:
        return False
    if paragraph.addressee == Addressee.ALL_STATES:
        return True
    # .all(): the states are often prefetched with the paragraph (the resolution's page).
    return paragraph.addressee == Addressee.SOME_STATES and any(
        s.pk == party.pk for s in paragraph.states.all()
    )


def record_follow_up(
    *,
    user,
    paragraph: OperativeParagraph,
    party: Party | None,
    status: str,
    text: str,
    language: str,
    documents: list[Document] | None = None,
) -> FollowUp:
    """What was done on a paragraph, by a State (`party`) or by the secretariat or a working group."""
    if not may_follow_up(user, paragraph, party):
        raise PermissionDenied
    problems = []
    if status not in FollowUpStatus.values:
        problems.append(("status", _("Choose a status.")))
    if not text.strip():
        problems.append(("text", _("Say what was done.")))
    if language not in LANGUAGES:
        problems.append(("language", _("Choose the language of the text.")))
    if problems:
        raise RecordError(problems)
    with transaction.atomic():
        # One writer at a time per paragraph: the entry this one replaces as the latest is read under lock.
        OperativeParagraph.objects.select_for_update().filter(pk=paragraph.pk).first()
        FollowUp.objects.filter(paragraph=paragraph, party=party, is_latest=True).update(is_latest=False)
        follow_up = FollowUp.objects.create(
            paragraph=paragraph,
            party=party,
            status=status,
            text=text.strip(),
            language=language,
            recorded_by=user,
        )
        follow_up.documents.set(documents or [])
        log_action(
            "conference.follow_up.recorded",
            actor=user,
            obj=follow_up,
            data={"status": status, "party": party.pk if party else None},
        )
    return follow_up


def upload_language_version(*, user, document: Document, language: str, upload) -> DocumentFile:
    """The document's file in one language (a PDF, checked by its content and size); a new file for a
    language replaces the one before it."""
    _require_secretariat(user)
    if language not in LANGUAGES:
        raise RecordError([("language", _("Choose the language of the file."))])
    try:
        checked = check_pdf(upload)
    except UploadRefused as refused:
        raise RecordError([("file", str(refused))]) from None
    with transaction.atomic():
        existing = (
            DocumentFile.objects.select_for_update().filter(document=document, language=language).first()
        )
        replaced = existing.file.name if existing is not None else None
        version = existing or DocumentFile(document=document, language=language)
        version.file_name, version.size, version.sha256 = checked.name, checked.size, checked.sha256
        version.content_type, version.uploaded_by = "application/pdf", user
        version.file.save(f"{document.pk}-{language}.pdf", upload, save=False)
        version.save()
        log_action(
            "conference.document.file_uploaded",
            actor=user,
            obj=document,
            data={"language": language, "sha256": checked.sha256, "replaced": bool(replaced)},
        )
    if replaced and replaced != version.file.name:
        version.file.storage.delete(replaced)
    return version
