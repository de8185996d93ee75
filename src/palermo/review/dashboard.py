"""The secretariat's view of a cycle: every review's progress by group and phase (self-assessments not
started, in draft, awaiting clearance, cleared, overdue), and a timeline of the groups' phases."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from palermo.review.domain.participants import after
from palermo.review.domain.steps import phase_start
from palermo.review.models import DocumentKind, DocumentState, Review, ReviewCycle, StepDocument

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
