"""Reads of the Conference's record. All of it is public: the Conference's documents, decisions and the
follow-up States record are published records of an intergovernmental body."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from palermo.conference.models import (
    Addressee,
    Decision,
    Document,
    FollowUp,
    Meeting,
    OperativeParagraph,
)
from palermo.core.i18n import in_language
from palermo.knowledge.models import Term


def meetings(body: str = "") -> QuerySet[Meeting]:
    """Meetings, the latest first, with their numbers of documents and decisions."""
    found = Meeting.objects.select_related("host").annotate(
        document_count=Count("documents", distinct=True), decision_count=Count("decisions", distinct=True)
    )
    return found.filter(body=body) if body else found


def meeting_detail(pk: int) -> Meeting:
    """A meeting with its agenda, documents, delegations and decisions."""
    documents = Document.objects.prefetch_related("files").order_by("symbol")
    return (
        Meeting.objects.select_related("host")
        .prefetch_related(
            Prefetch("documents", queryset=documents),
            Prefetch("agenda__documents", queryset=Document.objects.order_by("symbol")),
            "delegations__party",
            Prefetch("decisions", queryset=Decision.objects.order_by("kind", "id")),
        )
        .get(pk=pk)
    )


def decisions(*, follow_ups: bool = True) -> QuerySet[Decision]:
    """Resolutions and decisions with their paragraphs, whom they ask, the articles they cite and (unless
    `follow_ups` is False) the latest follow-up of each State and of the secretariat, the latest first,
    with its documents."""
    latest = (
        FollowUp.objects.filter(is_latest=True)
        .select_related("party")
        .prefetch_related("documents")
        .order_by("-recorded_at", "-id")
    )
    related = ["states", "articles__instrument", "topics"]
    if follow_ups:
        related.append(Prefetch("follow_ups", queryset=latest))
    paragraphs = OperativeParagraph.objects.prefetch_related(*related).order_by("number")
    return Decision.objects.select_related("meeting", "report").prefetch_related(
        Prefetch("paragraphs", queryset=paragraphs)
    )


def decision_detail(pk: int) -> Decision:
    """A resolution or decision with all `decisions()` reads with it."""
    return decisions().get(pk=pk)


@dataclass
class ParagraphStatus:
    """One paragraph on the follow-up page, read as plain values (hundreds of rows: no model objects):
    how many States (and the secretariat) report each status as their latest, and for a chosen State its
    own latest status (None: it has reported nothing)."""

    pk: int
    number: int
    texts: dict[str, str]
    addressee: str
    working_group: str
    due: date | None
    decision_id: int
    decision_kind: str
    decision_number: str
    is_demo: bool
    states: list[str] = field(default_factory=list)  # the codes of the States it names
    by_status: dict[str, int] = field(default_factory=dict)
    own: str | None = None

    @property
    def text(self) -> str:
        return in_language(self.texts)


PARAGRAPH_VALUES = (
    "pk",
    "number",
    "texts",
    "addressee",
    "working_group",
    "due",
    "decision_id",
    "decision__kind",
    "decision__number",
    "decision__meeting__is_demo",
)


def follow_up_overview(*, meeting: Meeting | None = None, party: str = "", topic: Term | None = None):
    """The paragraphs of the resolutions and decisions (of one meeting, asking one State, on one topic),
    each with its latest statuses counted by the database: four queries whatever their number."""
    found = OperativeParagraph.objects.all()
    if meeting is not None:
        found = found.filter(decision__meeting=meeting)
    if party:
        found = found.filter(
            Q(addressee=Addressee.ALL_STATES) | Q(addressee=Addressee.SOME_STATES, states__code=party)
        ).distinct()
    if topic is not None:
        found = found.filter(topics=topic)
    ordered = found.order_by("-decision__adopted", "decision__kind", "decision__id", "number")
    paragraphs = [ParagraphStatus(*values) for values in ordered.values_list(*PARAGRAPH_VALUES)]
    ids = [paragraph.pk for paragraph in paragraphs]
    by_id = {paragraph.pk: paragraph for paragraph in paragraphs}
    named = OperativeParagraph.states.through.objects.filter(operativeparagraph_id__in=ids)
    for paragraph_id, code in named.values_list("operativeparagraph_id", "party_id"):
        by_id[paragraph_id].states.append(code)
    latest = FollowUp.objects.filter(paragraph__in=ids, is_latest=True)
    counted = latest.values("paragraph_id", "status").annotate(n=Count("id"))
    for paragraph_id, status, count in counted.values_list("paragraph_id", "status", "n"):
        by_id[paragraph_id].by_status[status] = count
    if party:
        for paragraph_id, status in latest.filter(party_id=party).values_list("paragraph_id", "status"):
            by_id[paragraph_id].own = status
    return paragraphs
