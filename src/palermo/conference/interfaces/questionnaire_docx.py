"""The draft analytical report of a questionnaire as a DOCX file, in any of the six languages: response
rates by regional group and by instrument, then each question with its answers by regional group — a
table whose rows carry a bar (a small picture of coloured blocks, no text in it, so that Word writes every
word in the report's language and script) and the counts — and the answers States chose to publish.

The aggregates follow the public rule (palermo.conference.results): groups of fewer than five replies are
counted in the total only. Arabic paragraphs and tables run right to left."""

import io
from functools import cache

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml.shape import CT_Inline
from docx.shared import Cm, Pt, RGBColor
from PIL import Image, ImageDraw

from palermo.conference import results
from palermo.conference.interfaces.docx_parts import right_to_left, style_ids, styled, table
from palermo.conference.models import AnswerKind, Questionnaire
from palermo.core.i18n import colon, format_date, in_language, listed

BAR_PIXELS, BAR_HEIGHT_PIXELS = 240, 12


@cache
def _bar(widths: tuple[int, ...], colours: tuple[str, ...]) -> bytes:
    """A bar of coloured blocks side by side (pixels), as PNG; the same bars are drawn once."""
    image = Image.new("RGB", (BAR_PIXELS, BAR_HEIGHT_PIXELS), "white")
    draw = ImageDraw.Draw(image)
    x = 0
    for width, colour in zip(widths, colours, strict=True):
        if width:
            draw.rectangle([x, 0, x + width - 1, BAR_HEIGHT_PIXELS - 1], fill=colour)
        x += width
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=1)
    return out.getvalue()


class Pictures:
    """Pictures put in runs with ids of their own: python-docx's `add_picture` looks for the next free id by
    reading the whole document each time (quadratic: four seconds for the 600 bars of 100 questions)."""

    FIRST_ID = 100_000  # above any id the document's own parts hold

    def __init__(self, document):
        self.part = document.part
        self.next_id = self.FIRST_ID

    def add(self, run, png: bytes, width) -> None:
        rId, image = self.part.get_or_add_image(io.BytesIO(png))
        cx, cy = image.scaled_dimensions(width, None)
        run._r.add_drawing(CT_Inline.new_pic_inline(self.next_id, rId, image.filename, cx, cy))
        self.next_id += 1


def _pixels(row: results.Row) -> tuple[int, ...]:
    """Block widths that add up to the bar's share of the row's replies, rounded without drift."""
    total, widths, done = max(row.replies, 1), [], 0
    running = 0
    for cell in row.cells:
        running += cell.count
        edge = round(BAR_PIXELS * running / total)
        widths.append(edge - done)
        done = edge
    return tuple(widths)


def export(questionnaire: Questionnaire, language: str) -> bytes:
    """The report in `language` (one of settings.LANGUAGES)."""
    with translation.override(language):
        return _export(questionnaire, language)


def _export(questionnaire: Questionnaire, language: str) -> bytes:
    document = Document()
    document.styles["Normal"].font.size = Pt(10)
    title = in_language(questionnaire.titles)
    document.add_heading(title, level=0)
    document.add_paragraph(
        _("Draft analytical report, generated on %(date)s from the replies submitted so far.")
        % {"date": format_date(timezone.localdate())}
    )
    if questionnaire.is_demo:
        warning = document.add_paragraph().add_run(
            _("Demo data: the questionnaire and its replies are invented.")
        )
        warning.bold = True
    document.add_paragraph(
        _(
            "Only submitted replies are counted. A regional group with fewer than %(small)s replies is counted in the total but not shown on its own, so that no State's answer can be worked out; a State's answers are shown by name only where it chose to publish them."
        )
        % {"small": results.SMALL_CELL}
    )
    styles = style_ids(document)
    groups, instruments, overall = results.response_rates(questionnaire)
    styled(document, styles["heading"], _("Response rates"))
    document.add_paragraph(
        _("%(submitted)s of %(recipients)s States have replied (%(percent)s %%).")
        % {"submitted": overall.submitted, "recipients": overall.recipients, "percent": overall.percent}
    )
    header = [_("Regional group"), _("Recipients"), _("Replied"), "%"]
    table(
        document,
        styles,
        header,
        [[r.label, str(r.recipients), str(r.submitted), str(r.percent)] for r in groups],
    )
    document.add_paragraph()
    header = [_("Instrument"), _("Recipients"), _("Replied"), "%"]
    table(
        document,
        styles,
        header,
        [[r.label, str(r.recipients), str(r.submitted), str(r.percent)] for r in instruments],
    )
    pictures = Pictures(document)
    for aggregate in results.aggregates(questionnaire, full=False):
        _question(document, aggregate, pictures, styles)
    if language == "ar":
        right_to_left(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _question(document, aggregate: results.Aggregate, pictures: Pictures, styles: dict[str, str]) -> None:
    question = aggregate.question
    styled(document, styles["heading"], _("Question %(number)s") % {"number": question.number})
    document.add_paragraph(in_language(question.texts))
    hidden = _("fewer than %(small)s replies: not shown") % {"small": results.SMALL_CELL}
    if aggregate.options:
        legend = document.add_paragraph()
        for label, colour in aggregate.legend:
            key = legend.add_run("■ ")
            key.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
            legend.add_run(f"{label}   ")
        labels = [label for _value, label in aggregate.options]
        rows = []
        for row in aggregate.rows:
            counts = [f"{cell.count} ({cell.percent} %)" for cell in row.cells]
            rows.append(
                [
                    row.label,
                    str(row.replies),
                    "",
                    *([hidden] + [""] * (len(labels) - 1) if row.hidden else counts),
                ]
            )
        drawn = table(document, styles, [_("Regional group"), _("Replies"), "", *labels], rows)
        colours = tuple(colour for _label, colour in aggregate.legend)
        for row, cells in zip(aggregate.rows, drawn.rows[1:], strict=True):
            if not row.hidden and row.replies:
                run = cells.cells[2].paragraphs[0].add_run()
                pictures.add(run, _bar(_pixels(row), colours), Cm(4))
    elif question.kind == AnswerKind.NUMBER:
        table(
            document,
            styles,
            [_("Regional group"), _("Replies"), _("Answers")],
            [
                [row.label, str(row.replies), hidden if row.hidden else (row.summary or "—")]
                for row in aggregate.rows
            ],
        )
    if aggregate.published:
        _published(document, aggregate, styles["bullet"])


def _published(document, aggregate: results.Aggregate, bullet: str) -> None:
    """What the States that publish their answers answered: for answers to choose, the States of each
    answer on one line; for numbers, one line; for text, a paragraph per State."""
    count = len(aggregate.published)
    document.add_paragraph(
        translation.ngettext(
            "Answer published by %(counter)s State", "Answers published by %(counter)s States", count
        )
        % {"counter": count}
    )
    if aggregate.options:
        for value, label in aggregate.options:
            names = [name for name, answer in aggregate.published if answer.value == value]
            if names:
                _bullet(document, bullet, label, listed(names))
    elif aggregate.question.kind == AnswerKind.NUMBER:
        numbers = [
            f"{name} {results.number_text(answer.number)}"
            for name, answer in aggregate.published
            if answer.number is not None
        ]
        document.add_paragraph(listed(numbers))
    else:
        for name, answer in aggregate.published:
            _bullet(document, bullet, name, answer.text)


def _bullet(document, style_id: str, label: str, text: str) -> None:
    paragraph = styled(document, style_id)
    paragraph.add_run(label + colon()).bold = True
    paragraph.add_run(text)
