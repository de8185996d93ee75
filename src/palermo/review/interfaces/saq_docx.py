"""The self-assessment questionnaire as a DOCX file, and back.

The export is a readable document (article text, question, answer, explanation, challenges, citations,
technical-assistance needs) whose tables carry keys in their first cell — `Q 5.1` (a question), `A 5` (an
article: its version and challenges), `N 5` (its technical-assistance needs) — so that a filled copy can be
imported: `read()` checks the whole file and reports every problem by table and field; `apply()` saves it
all or nothing, article by article, refusing any article someone changed since the export."""

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.shared import Pt, RGBColor
from lxml import etree

from palermo.core.audit import log_action
from palermo.review.domain import questionnaire
from palermo.review.domain.cycles import ReviewError
from palermo.review.models import AssistanceKind, AssistanceNeed, Priority, Response, StepDocument

MAX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024
KEY = re.compile(r"^([QAN]) (\S+)$")
BLANK_NEED_ROWS = 3

# What a filled export of a questionnaire may hold, checked by a streaming count of word/document.xml
# before python-docx builds the whole tree (a small file of huge tables costs it a minute and most of a
# gigabyte): the tables the export has, with up to MAX_NEED_ROWS needs per article; the articles' own text
# plus TEXT_PER_ANSWER characters per question, per article's challenges and per article's needs; and
# as many XML elements as Word may spend on those cells and that text.
MAX_NEED_ROWS = 50
TEXT_PER_ANSWER = 20_000
SLACK_CELLS, SLACK_TEXT, SLACK_ELEMENTS = 100, 20_000, 20_000
ELEMENTS_PER_CELL, CHARACTERS_PER_ELEMENT = 40, 4
MAX_OTHER_XML = 5 * 1024 * 1024  # styles, settings, headers, comments...: python-docx parses them all
DOCUMENT_PART = "word/document.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def identifier(document: StepDocument) -> str:
    """The questionnaire a file is an export of: its review, phase and State, the same before the document
    is first saved (a blank questionnaire downloaded to fill offline) and after."""
    return f"palermo-saq/{document.review_id}/{document.phase}/{document.party_id}"


def is_export_of(found: str, document: StepDocument) -> bool:
    """Whether a file's identifier is this questionnaire's (or its earlier form, by the document's id)."""
    return found == identifier(document) or (
        document.pk is not None and found == f"palermo-saq/{document.pk}"
    )


def _key_cell(table, text: str) -> None:
    run = table.cell(0, 0).paragraphs[0].add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)


def export(document: StepDocument, title: str) -> bytes:
    """The questionnaire with its answers, in the active language, as DOCX bytes."""
    out = Document()
    out.core_properties.identifier = identifier(document)
    out.core_properties.title = title
    out.core_properties.comments = _("Confidential: review material of the UNTOC Review Mechanism.")
    out.add_heading(title, level=0)
    out.add_paragraph(
        _("Confidential: only the secretariat and the people appointed to this review may read it.")
    )
    out.add_paragraph(
        _(
            "To answer offline, fill in the second column of the tables: the answer (yes, partly or no), the explanation, the challenges and the technical-assistance needs (kind and priority as listed). Do not change the first column or the keys in small grey type (Q 5.1, A 5, N 5); then import the file on the self-assessment page. Citations are shown here but added on the page."
        )
    )
    out.add_paragraph(
        _("Kinds of assistance: %(kinds)s. Priorities: %(priorities)s.")
        % {
            "kinds": "; ".join(str(label) for label in AssistanceKind.labels),
            "priorities": ", ".join(str(label) for label in Priority.labels),
        }
    )
    for sheet in questionnaire.sheets(document):
        number = sheet.article.number
        out.add_heading(
            _("Article %(number)s") % {"number": number} + f": {sheet.article.local_title.text}", level=1
        )
        for question, label, answer in sheet.rows():
            quote = out.add_paragraph(question.text)
            quote.style = out.styles["Quote"]
            table = out.add_table(rows=3, cols=2)
            table.style = "Table Grid"
            _key_cell(table, f"Q {number}.{question.key}" if question.key else f"Q {number}")
            table.cell(0, 1).text = label
            table.cell(1, 0).text = _("Answer")
            table.cell(1, 1).text = answer.get_response_display() if answer and answer.response else ""
            table.cell(2, 0).text = _("Explanation")
            table.cell(2, 1).text = answer.explanation if answer else ""
            out.add_paragraph()
        table = out.add_table(rows=2, cols=2)
        table.style = "Table Grid"
        _key_cell(table, f"A {number}")
        table.cell(0, 1).text = _("Version %(version)s") % {"version": sheet.version}
        table.cell(1, 0).text = _("Challenges")
        table.cell(1, 1).text = sheet.answer.challenges if sheet.answer else ""
        out.add_paragraph()
        needs = list(sheet.answer.needs.all()) if sheet.answer else []
        table = out.add_table(rows=2 + len(needs) + BLANK_NEED_ROWS, cols=3)
        table.style = "Table Grid"
        _key_cell(table, f"N {number}")
        table.cell(0, 1).text = _("Technical-assistance needs")
        for column, heading in enumerate([_("Kind of assistance"), _("Priority"), _("Description")]):
            table.cell(1, column).text = heading
        for row, need in enumerate(needs, start=2):
            table.cell(row, 0).text = need.get_kind_display()
            table.cell(row, 1).text = need.get_priority_display()
            table.cell(row, 2).text = need.description
        citations = list(sheet.answer.citations.all()) if sheet.answer else []
        if citations:
            out.add_paragraph(_("Legislation and cases cited"), style="Heading 3")
            for citation in citations:
                out.add_paragraph(str(citation), style="List Bullet")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _choices(choices) -> dict[str, str]:
    """Every way a value may be written: its code, and its label in each of the six languages."""
    from django.conf import settings

    found = {}
    for value, label in choices.choices:
        found[value.lower()] = value
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                found[str(label).strip().lower()] = value
    return found


@dataclass
class Filled:
    """What a filled export says about one article."""

    version: int | None = None
    responses: dict[str, tuple[str, str]] = field(default_factory=dict)
    challenges: str = ""
    needs: list[tuple[str, str, str]] = field(default_factory=list)


class ImportRefused(ReviewError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Bounds:
    """The most a filled export of one questionnaire may hold."""

    cells: int
    characters: int
    elements: int

    @classmethod
    def of(cls, sheets: list[questionnaire.ArticleSheet]) -> "Bounds":
        asked = sum(len(sheet.questions) for sheet in sheets)
        articles = len(sheets)
        quoted = sum(len(question.text) for sheet in sheets for question in sheet.questions)
        cells = 6 * asked + articles * (4 + 3 * (2 + MAX_NEED_ROWS)) + SLACK_CELLS
        characters = quoted + TEXT_PER_ANSWER * (asked + 2 * articles) + SLACK_TEXT
        elements = ELEMENTS_PER_CELL * cells + characters // CHARACTERS_PER_ELEMENT + SLACK_ELEMENTS
        return cls(cells=cells, characters=characters, elements=elements)


def _check_size(archive: zipfile.ZipFile, bounds: Bounds) -> None:
    """Refuse, without building it, a document larger than `bounds`: counted while streaming the XML,
    in constant memory, stopping at the first limit passed; entities are never expanded."""
    other_xml = sum(
        item.file_size
        for item in archive.infolist()
        if item.filename != DOCUMENT_PART and item.filename.endswith((".xml", ".rels"))
    )
    if other_xml > MAX_OTHER_XML:
        raise ImportRefused(
            [
                _(
                    "The file's styles and other parts take more than %(size)s MB; it is not a questionnaire export."
                )
                % {"size": MAX_OTHER_XML // (1024 * 1024)}
            ]
        )
    cells = characters = elements = 0
    with archive.open(DOCUMENT_PART) as part:
        parsed = etree.iterparse(
            part, events=("end",), resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
        )
        for _event, element in parsed:
            elements += 1
            if element.tag == W + "tc":
                cells += 1
            elif element.tag == W + "t":
                characters += len(element.text or "")
            if cells > bounds.cells or characters > bounds.characters or elements > bounds.elements:
                raise ImportRefused([_too_much(bounds, cells, characters)])
            element.clear(keep_tail=False)
            while element.getprevious() is not None:  # what has been counted is let go
                del element.getparent()[0]


def _too_much(bounds: Bounds, cells: int, characters: int) -> str:
    if cells > bounds.cells:
        return _(
            "This file has more tables than the questionnaire exported (more than %(limit)s table cells); it cannot be imported."
        ) % {"limit": bounds.cells}
    if characters > bounds.characters:
        return _(
            "This file holds more text than the answers to this questionnaire may have (more than %(limit)s characters); it cannot be imported."
        ) % {"limit": bounds.characters}
    return _(
        "This file is more complex than a filled export of this questionnaire (more than %(limit)s XML elements); it cannot be imported."
    ) % {"limit": bounds.elements}


def _open(upload, bounds: Bounds):
    """The upload as a python-docx Document, once its size, its unpacked size and its content are
    within bounds (read from the upload's file, in memory or on disk, never copied whole)."""
    if upload.size > MAX_BYTES:
        raise ImportRefused(
            [_("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)}]
        )
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            if sum(item.file_size for item in archive.infolist()) > MAX_UNPACKED:
                raise ImportRefused(
                    [_("The file unpacks to more than 50 MB; it is not a questionnaire export.")]
                )
            _check_size(archive, bounds)
        upload.seek(0)
        return Document(upload)
    except ImportRefused:
        raise
    except Exception:
        raise ImportRefused([_("This is not a DOCX file (Word document).")]) from None


def _text(cell) -> str:
    return cell.text.strip()


def read(document: StepDocument, upload) -> dict[str, Filled]:
    """Read a filled export of this questionnaire; every problem is reported at once (ImportRefused)."""
    listed = questionnaire.sheets(document)
    docx = _open(upload, Bounds.of(listed))
    if not is_export_of(docx.core_properties.identifier or "", document):
        raise ImportRefused(
            [_("This file is not an export of this questionnaire (download it from this page).")]
        )
    sheets = {s.article.number: s for s in listed}
    responses, kinds, priorities = _choices(Response), _choices(AssistanceKind), _choices(Priority)
    filled: dict[str, Filled] = {}
    problems: list[str] = []
    for table in docx.tables:
        try:
            match = KEY.match(_text(table.cell(0, 0)))
        except IndexError:
            continue
        if not match:
            continue
        what, key = match.groups()
        article, _dot, question = key.partition(".")
        if article not in sheets:
            problems.append(
                _("Table %(key)s: article %(article)s is not in this questionnaire.")
                % {"key": key, "article": article}
            )
            continue
        entry = filled.setdefault(article, Filled())
        where = f"{what} {key}"
        if what == "Q":
            if question not in {q.key for q in sheets[article].questions} or len(table.rows) < 3:
                problems.append(_("Table %(key)s: no such question.") % {"key": where})
                continue
            written = _text(table.cell(1, 1))
            response = responses.get(written.lower(), "") if written else ""
            if written and not response:
                problems.append(
                    _("Table %(key)s, %(field)s: “%(value)s” is not one of %(choices)s.")
                    % {
                        "key": where,
                        "field": _("Answer"),
                        "value": written,
                        "choices": ", ".join(str(x) for x in Response.labels),
                    }
                )
            entry.responses[question] = (response, _text(table.cell(2, 1)))
        elif what == "A":
            version = re.search(r"(?<!\d)(\d{1,9})\s*$", _text(table.cell(0, 1)))
            if version is None or len(table.rows) < 2:
                problems.append(
                    _("Table %(key)s: the version was changed; download a new export.") % {"key": where}
                )
                continue
            entry.version = int(version.group(1))
            entry.challenges = _text(table.cell(1, 1))
        else:
            for number, row in enumerate(table.rows[2:], start=3):
                cells = [_text(cell) for cell in row.cells[:3]]
                if not any(cells):
                    continue
                kind, priority = kinds.get(cells[0].lower()), priorities.get(cells[1].lower())
                if kind is None or priority is None:
                    problems.append(
                        _(
                            "Table %(key)s, row %(row)s: write a kind of assistance and a priority as listed at the top of the file."
                        )
                        % {"key": where, "row": number}
                    )
                    continue
                entry.needs.append((kind, priority, cells[2]))
    for article, entry in filled.items():
        if entry.version is None:
            problems.append(
                _("Table A %(article)s is missing; download a new export.") % {"article": article}
            )
    if problems:
        raise ImportRefused(problems)
    return filled


def _changed(sheet: questionnaire.ArticleSheet, entry: Filled) -> tuple[bool, bool]:
    answers_changed = (
        entry.challenges != (sheet.answer.challenges if sheet.answer else "")
        or any(
            (r.response, r.explanation) != entry.responses.get(key, (r.response, r.explanation))
            for key, r in sheet.responses.items()
        )
        or any(key not in sheet.responses and value != ("", "") for key, value in entry.responses.items())
    )
    needs = [(n.kind, n.priority, n.description) for n in sheet.answer.needs.all()] if sheet.answer else []
    return answers_changed, needs != entry.needs


@transaction.atomic
def apply(document: StepDocument, user, filled: dict[str, Filled]) -> list[str]:
    """Save what the file changed, all or nothing; the articles changed are returned."""
    sheets = {s.article.number: s for s in questionnaire.sheets(document)}
    changed = []
    for article, entry in filled.items():
        sheet = sheets[article]
        answers_changed, needs_changed = _changed(sheet, entry)
        if not (answers_changed or needs_changed):
            continue
        if sheet.version != entry.version:
            raise ImportRefused(
                [
                    _(
                        "Article %(article)s was saved on the page since this file was exported (version %(current)s, the file has %(yours)s); nothing was imported."
                    )
                    % {"article": article, "current": sheet.version, "yours": entry.version}
                ]
            )
        answer = questionnaire.save_article(
            document=document,
            user=user,
            article=article,
            typed=questionnaire.ArticleInput(responses=entry.responses, challenges=entry.challenges),
            expected_version=sheet.version,
        )
        if needs_changed:
            answer.needs.all().delete()
            AssistanceNeed.objects.bulk_create(
                AssistanceNeed(article_answer=answer, kind=k, priority=p, description=d, added_by=user)
                for k, p, d in entry.needs
            )
        changed.append(article)
    log_action("review.saq.imported", actor=user, obj=document, data={"articles": changed})
    return changed
