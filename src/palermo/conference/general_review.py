"""The general review (resolution 9/1): what the country reviews found, aggregated for the Conference's
working groups — the observations of every cleared list of observations, counted by article, by cluster,
by instrument and by the regional group of the State under review, per category (gaps and challenges, good
practices, suggestions, technical-assistance needs), as observations and as States; and how many reviews
have a published summary.

Nothing a review keeps confidential appears: only lists of observations their State cleared are read, and
only as counts; outside the secretariat a count is shown only where at least `SMALL_CELL` States stand behind
it (fewer would point at a State's own findings). Rows are ordered by the number of States with gaps and
challenges: the most frequent challenges first."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from palermo.conference.results import SMALL_CELL, group_labels
from palermo.core.collation import collated
from palermo.core.i18n import article_of, in_language
from palermo.register.models import Instrument
from palermo.review.models import (
    Cluster,
    DocumentKind,
    DocumentState,
    Observation,
    ObservationCategory,
    StepDocument,
)

DIMENSIONS = ("article", "cluster", "instrument", "group")


def dimension_labels() -> dict[str, str]:
    return {
        "article": _("By article"),
        "cluster": _("By cluster"),
        "instrument": _("By instrument"),
        "group": _("By regional group"),
    }


@dataclass
class Count:
    label: str = ""  # its category, in the reader's language
    observations: int = 0
    states: set[str] = field(default_factory=set)
    hidden: bool = False

    @property
    def state_count(self) -> int:
        return len(self.states)


@dataclass
class Line:
    key: str
    label: str
    counts: dict[str, Count] = field(default_factory=dict)  # by category

    def ordered(self) -> list[Count]:
        return [self.counts[category] for category in ObservationCategory.values]


@dataclass
class Found:
    """One observation as the general review reads it (no text)."""

    state: str
    group: str
    instrument: str
    cycle_id: int
    phase: int
    category: str
    article: str


def cleared_observations(cycle=None) -> list[Found]:
    """Every observation of a cleared list of observations (of one cycle when given), without its text."""
    found = Observation.objects.filter(
        document__kind=DocumentKind.OBSERVATIONS, document__state=DocumentState.CLEARED
    )
    if cycle is not None:
        found = found.filter(document__review__cycle=cycle)
    rows = found.values_list(
        "document__review__state_under_review_id",
        "document__review__state_under_review__regional_group",
        "document__review__instrument_id",
        "document__review__cycle_id",
        "document__phase",
        "category",
        "article",
    )
    return [Found(state, group or "", *rest) for state, group, *rest in rows]


def table(by: str, *, full: bool, cycle=None) -> list[Line]:
    """The counts by `by` (one of DIMENSIONS); `full`: the secretariat's, no cell hidden."""
    observations = cleared_observations(cycle)
    labels = _labels(by, observations)
    lines: dict[str, Line] = {}
    for item in observations:
        key = _key(by, item)
        line = lines.get(key)
        if line is None:
            counts = {value: Count(str(label)) for value, label in ObservationCategory.choices}
            line = lines[key] = Line(key, labels.get(key, key), counts)
        count = line.counts[item.category]
        count.observations += 1
        count.states.add(item.state)
    for line in lines.values():
        for count in line.counts.values():
            count.hidden = not full and 0 < count.state_count < SMALL_CELL
    ordered = collated(lines.values(), key=lambda line: line.label)
    ordered.sort(key=lambda line: -line.counts[ObservationCategory.GAP].state_count)
    return ordered


def _key(by: str, item: Found) -> str:
    if by == "article":
        return f"{item.instrument} {item.article}" if item.article else f"{item.instrument} —"
    if by == "cluster":
        return f"{item.cycle_id}:{item.phase}"
    if by == "instrument":
        return item.instrument
    return item.group


def _labels(by: str, observations: list[Found]) -> dict[str, str]:
    instruments = {instrument.pk: instrument.local_short_title for instrument in Instrument.objects.all()}
    if by == "article":
        labels = {}
        for item in observations:
            key = _key(by, item)
            name = instruments.get(item.instrument, item.instrument)
            labels[key] = (
                article_of(name, item.article)
                if item.article
                else _("%(instrument)s, in general") % {"instrument": name}
            )
        return labels
    if by == "cluster":
        clusters = Cluster.objects.filter(cycle_id__in={item.cycle_id for item in observations})
        return {f"{c.cycle_id}:{c.phase}": in_language({"en": c.title, **c.titles}) for c in clusters}
    if by == "instrument":
        return instruments
    return group_labels()


def published_summaries() -> list[tuple[str, int]]:
    """How many reviews have a published summary, by instrument (public: the summaries themselves are)."""
    counted: dict[str, int] = defaultdict(int)
    published = StepDocument.objects.filter(kind=DocumentKind.SUMMARY).exclude(published_at=None)
    for code in published.values_list("review__instrument_id", flat=True):
        counted[code] += 1
    return [
        (instrument.local_short_title, counted[instrument.pk])
        for instrument in Instrument.objects.all()
        if counted[instrument.pk]
    ]
