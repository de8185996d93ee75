"""Reads of the Conference's record. All of it is public: the Conference's documents, decisions and the
follow-up States record are published records of an intergovernmental body."""

from django.db.models import Count, Prefetch, QuerySet

from palermo.conference.models import Decision, Document, FollowUp, Meeting, OperativeParagraph


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


def decisions() -> QuerySet[Decision]:
    """Resolutions and decisions with their paragraphs, whom they ask, the articles they cite and the
    follow-up recorded (with its documents), the latest first."""
    follow_ups = (
        FollowUp.objects.select_related("party").prefetch_related("documents").order_by("-recorded_at", "-id")
    )
    paragraphs = OperativeParagraph.objects.prefetch_related(
        "states", "articles__instrument", "topics", Prefetch("follow_ups", queryset=follow_ups)
    ).order_by("number")
    return Decision.objects.select_related("meeting", "report").prefetch_related(
        Prefetch("paragraphs", queryset=paragraphs)
    )


def decision_detail(pk: int) -> Decision:
    """A resolution or decision with all `decisions()` reads with it."""
    return decisions().get(pk=pk)


def latest_per_state(paragraph: OperativeParagraph) -> list[FollowUp]:
    """The latest follow-up of each State (and of the secretariat, no State) on the paragraph."""
    seen: set[str | None] = set()
    latest = []
    for follow_up in paragraph.follow_ups.all():  # prefetched, the latest first
        if follow_up.party_id not in seen:
            seen.add(follow_up.party_id)
            latest.append(follow_up)
    return latest
