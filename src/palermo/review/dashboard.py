"""The secretariat's view of a cycle: every review's progress by group and phase (self-assessments not
started, in draft, awaiting clearance, cleared, overdue), a timeline of the groups' phases, and the
technical-assistance needs of the cleared self-assessments by article, region and kind."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from palermo.core.collation import sort_key
from palermo.review.domain.participants import after
from palermo.review.domain.steps import phase_start
from palermo.review.models import (
    AssistanceNeed,
    DocumentKind,
    DocumentState,
    Priority,
    Review,
    ReviewCycle,
    StepDocument,
)

STATES = ["not_started", *DocumentState.values]


@dataclass
class Cell:
    """The self-assessments of one group in one phase."""

    counts: Counter = field(default_factory=Counter)
    overdue: int = 0

    def row(self) -> list[int]:
        return [self.counts[state] for state in STATES] + [self.overdue]


def progress(cycle: ReviewCycle, today: date | None = None) -> dict[tuple[int, int], Cell]:
    """(group, phase) -> the state of its reviews' self-assessments (one per review)."""
    today = today or timezone.localdate()
    documents = {
        (d.review_id, d.phase): d
        for d in StepDocument.objects.filter(review__cycle=cycle, kind=DocumentKind.SELF_ASSESSMENT)
    }
    cells: dict[tuple[int, int], Cell] = {}
    due_after = cycle.deadlines.get("self_assessment_answered")
    for review in Review.objects.filter(cycle=cycle).select_related("cycle"):
        for phase in range(1, 5):
            cell = cells.setdefault((review.group, phase), Cell())
            document = documents.get((review.pk, phase))
            state = document.state if document else "not_started"
            cell.counts[state] += 1
            due = after(phase_start(review, phase), due_after) if due_after else None
            if state != DocumentState.CLEARED and due is not None and today > due:
                cell.overdue += 1
    return cells


def timeline(cycle: ReviewCycle) -> list[dict]:
    """Each group's phases as (phase, first year, last year) for the chart."""
    groups = sorted(set(Review.objects.filter(cycle=cycle).values_list("group", flat=True)))
    return [
        {
            "group": group,
            "phases": [
                {
                    "phase": phase,
                    "start": cycle.phase_start(phase, group).year,
                    "years": cycle.phase_years,
                }
                for phase in range(1, 5)
            ],
        }
        for group in groups
    ]


@dataclass
class NeedCount:
    """Technical-assistance needs under one heading, by priority."""

    label: str
    by_priority: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.by_priority.values())

    def row(self) -> list[int]:
        return [self.total, *(self.by_priority[p] for p in Priority.values)]


def needs(cycle: ReviewCycle) -> list[dict]:
    """Every technical-assistance need of the cycle's cleared self-assessments (the States' official word),
    one dict per need: who, which phase, instrument and article, region, kind and priority."""
    found = AssistanceNeed.objects.filter(
        article_answer__document__review__cycle=cycle,
        article_answer__document__kind=DocumentKind.SELF_ASSESSMENT,
        article_answer__document__state=DocumentState.CLEARED,
    ).values(
        "kind",
        "priority",
        "article_answer__article",
        "article_answer__document__phase",
        "article_answer__document__review__group",
        "article_answer__document__review__instrument_id",
        "article_answer__document__review__state_under_review_id",
        "article_answer__document__review__state_under_review__regional_group",
    )
    return [
        {
            "group": n["article_answer__document__review__group"],
            "phase": n["article_answer__document__phase"],
            "state": n["article_answer__document__review__state_under_review_id"],
            "region": n["article_answer__document__review__state_under_review__regional_group"] or "",
            "instrument": n["article_answer__document__review__instrument_id"],
            "article": n["article_answer__article"],
            "kind": n["kind"],
            "priority": n["priority"],
        }
        for n in found.order_by("article_answer__document__review_id", "article_answer_id", "id")
    ]


def needs_by(rows: list[dict], heading) -> list[NeedCount]:
    """Needs counted under a heading (a function of a need: its article, region or kind), most first, then
    in the order of the headings in the reader's language (article 5 before article 23)."""
    counts: dict[str, NeedCount] = {}
    for row in rows:
        label = heading(row)
        counts.setdefault(label, NeedCount(label)).by_priority[row["priority"]] += 1
    return sorted(counts.values(), key=lambda c: (-c.total, sort_key(c.label)))
