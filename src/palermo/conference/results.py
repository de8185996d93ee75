"""What a questionnaire gathered: response rates by regional group and by instrument, and each question's
answers aggregated by regional group, with the bars the page and the report draw.

Only submitted replies count. Outside the secretariat a group's distribution is shown only where at least
`SMALL_CELL` States of it submitted (fewer would let a reader work out what a State answered that chose not
to publish); its replies still count in the total, which follows the same rule. A State's own answers are
shown by name only where it chose to publish them."""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from palermo.conference.models import Answer, AnswerKind, Question, Questionnaire, Reply, ReplyState
from palermo.core.i18n import plain_number
from palermo.register.models import Instrument, Participation, RegionalGroup

SMALL_CELL = 5
NO_GROUP = ""


@dataclass
class Rate:
    label: str
    recipients: int
    submitted: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.recipients) if self.recipients else 0


def group_labels() -> dict[str, str]:
    return {**{value: str(label) for value, label in RegionalGroup.choices}, NO_GROUP: _("No regional group")}


def response_rates(questionnaire: Questionnaire) -> tuple[list[Rate], list[Rate], Rate]:
    """By regional group, by instrument (the recipients that are parties to it), and overall."""
    replies = list(questionnaire.replies.values_list("party_id", "party__regional_group", "state"))
    labels = group_labels()
    by_group: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for _party, group, state in replies:
        by_group[group or NO_GROUP][0] += 1
        by_group[group or NO_GROUP][1] += state == ReplyState.SUBMITTED
    groups = [Rate(labels[group], *by_group[group]) for group in labels if group in by_group]
    submitted = {party for party, _group, state in replies if state == ReplyState.SUBMITTED}
    parties = [party for party, _group, _state in replies]
    consents = Participation.objects.filter(party_id__in=parties).exclude(consent=None)
    members: dict[str, set[str]] = defaultdict(set)
    for party, code in consents.values_list("party_id", "instrument_id"):
        members[code].add(party)
    instruments = [
        Rate(
            instrument.local_short_title, len(members[instrument.pk]), len(members[instrument.pk] & submitted)
        )
        for instrument in Instrument.objects.all()
        if members[instrument.pk]
    ]
    return groups, instruments, Rate(_("All recipients"), len(replies), len(submitted))


@dataclass
class Cell:
    count: int
    percent: int
    label: str = ""  # the answer it counts
    x: str = ""  # where its bar starts and how wide it is, in SVG units (plain numbers)
    width: str = ""
    colour: str = ""


@dataclass
class Row:
    label: str
    replies: int
    cells: list[Cell] = field(default_factory=list)
    hidden: bool = False  # fewer than SMALL_CELL replies, not shown outside the secretariat
    summary: str = ""  # numbers: how many, median, total


@dataclass
class Aggregate:
    question: Question
    options: list[tuple[str, str]]
    rows: list[Row]  # one per regional group, then the total
    published: list[tuple[str, "Given"]]  # (State name, answer) of States that publish their answers
    answered: int
    legend: list[tuple[str, str]] = field(default_factory=list)  # (answer, colour)


@dataclass(slots=True)
class Given:
    """One submitted answer as the aggregates read it (plain values: 19,000 of them for 190 States)."""

    value: str
    number: object
    text: str
    publish: bool
    party: object

    @property
    def is_given(self) -> bool:
        return bool(self.value or self.number is not None or self.text.strip())


COLOURS = ["#1f5f99", "#d98c1f", "#3b8f5a", "#a8432e", "#6f4f9c", "#4d8ea8", "#8c8c3a", "#b0568a"]
# The chart: each shown row is its label (HTML, read at the page's size in any script) over a bar drawn in
# SVG across CHART_WIDTH units, stretched to the width of the page.
CHART_WIDTH = 640


def aggregates(questionnaire: Questionnaire, *, full: bool) -> list[Aggregate]:
    """Each question's submitted answers by regional group (`full`: the secretariat's view, no cell hidden).
    Three queries whatever the number of States and questions."""
    replies = {
        reply.pk: reply
        for reply in Reply.objects.filter(
            questionnaire=questionnaire, state=ReplyState.SUBMITTED
        ).select_related("party")
    }
    answers: dict[int, list[Given]] = defaultdict(list)
    rows_read = Answer.objects.filter(reply_id__in=list(replies)).values_list(
        "reply_id", "question_id", "value", "number", "text"
    )
    for reply_id, question_id, value, number, text in rows_read.iterator(chunk_size=5000):
        reply = replies[reply_id]
        answers[question_id].append(Given(value, number, text, reply.publish, reply.party))
    labels = group_labels()
    replied_by_group = Counter(reply.party.regional_group or NO_GROUP for reply in replies.values())
    found = []
    for question in questionnaire.questions.select_related("article__instrument"):
        given = answers.get(question.pk, [])
        options = question.options()
        rows = []
        groups = [group for group in labels if replied_by_group[group]]
        for group in [*groups, None]:
            in_row = [a for a in given if group is None or (a.party.regional_group or NO_GROUP) == group]
            replies_in_row = sum(replied_by_group.values()) if group is None else replied_by_group[group]
            label = _("All who replied") if group is None else labels[group]
            row = Row(label, replies_in_row, hidden=not full and replies_in_row < SMALL_CELL)
            if options:
                counts = Counter(a.value for a in in_row)
                row.cells = [
                    Cell(counts[value], _percent(counts[value], replies_in_row), label=answer)
                    for value, answer in options
                ]
            elif question.kind == AnswerKind.NUMBER:
                numbers = [a.number for a in in_row if a.number is not None]
                if numbers:
                    row.summary = _("%(count)s answers; median %(median)s; total %(total)s") % {
                        "count": len(numbers),
                        "median": number_text(statistics.median(numbers)),
                        "total": number_text(sum(numbers)),
                    }
            rows.append(row)
        _place_bars(rows)
        published = sorted(
            ((a.party.local_name, a) for a in given if a.publish and a.is_given),
            key=lambda pair: pair[0],
        )
        found.append(
            Aggregate(
                question,
                options,
                rows,
                published,
                len(given),
                legend=[(label, COLOURS[i % len(COLOURS)]) for i, (_value, label) in enumerate(options)],
            )
        )
    return found


def _percent(count: int, total: int) -> int:
    return round(100 * count / total) if total else 0


def number_text(value) -> str:
    """A number in the reader's language (text beside the chart, never inside the SVG)."""
    return number_format(value.normalize() if hasattr(value, "normalize") else value, force_grouping=True)


def _place_bars(rows: list[Row]) -> None:
    """Each shown row's bar: its cells side by side, widths in proportion to the row's replies."""
    for row in rows:
        if row.hidden:
            continue
        x = 0.0
        for position, cell in enumerate(row.cells):
            width = CHART_WIDTH * cell.count / row.replies if row.replies else 0
            cell.x, cell.width = plain_number(x), plain_number(width)
            cell.colour = COLOURS[position % len(COLOURS)]
            x += width
