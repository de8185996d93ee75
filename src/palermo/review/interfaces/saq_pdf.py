"""The self-assessment questionnaire with its answers as a PDF, for reading and filing (the DOCX export is
the one to fill in offline). Text in any of the six languages: DejaVu Sans (Latin, Cyrillic, Arabic,
shaped by HarfBuzz, right to left where the text is) with a CJK font as fallback, both from Debian's
packages (fonts-dejavu-core, fonts-wqy-microhei), found on disk: nothing is downloaded."""

from dataclasses import dataclass

from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from fpdf import FPDF

from palermo.core.pdf_fonts import CJK, CJK_FONTS, COMPLEX, FONT_DIRS, FONTS_MISSING, FontsMissing, add_fonts
from palermo.review.domain import questionnaire
from palermo.review.models import StepDocument

# Moved to palermo.core.pdf_fonts (shared with the letter of request); re-exported for callers of this module.
__all__ = [
    "CJK",
    "CJK_FONTS",
    "COMPLEX",
    "FONTS_MISSING",
    "FONT_DIRS",
    "Block",
    "FontsMissing",
    "Sheet",
    "blocks",
    "export",
]


@dataclass
class Block:
    text: str
    size: float = 10
    bold: bool = False
    height: float = 5.2
    quote: bool = False  # an article's text: small, grey, always left to right (the English original)


class Sheet(FPDF):
    """A4 pages with the fonts the text needs: the CJK fallback and HarfBuzz shaping (four times slower)
    only when the text has characters that need them."""

    def __init__(self, title: str, text: str):
        super().__init__(format="A4")
        add_fonts(self, text)
        self.align = "R" if get_language_bidi() else "L"
        self.title_text = title
        self.set_title(title)
        self.set_auto_page_break(True, margin=18)

    def footer(self):
        self.set_y(-12)
        self.set_font("Sans", size=8)
        confidential = _("Confidential")
        self.cell(0, 6, f"{confidential} · {self.title_text} · {self.page_no()}", align="C")

    def write_block(self, block: Block):
        if not block.text.strip():
            return
        self.set_text_color(*((90, 90, 90) if block.quote else (0, 0, 0)))
        self.set_font("Sans", "B" if block.bold else "", block.size)
        align = "L" if block.quote else self.align
        self.multi_cell(0, block.height, block.text.strip(), new_x="LMARGIN", new_y="NEXT", align=align)
        self.ln(1 if block.quote else 0)


def blocks(document: StepDocument, title: str) -> list[Block]:
    found = [
        Block(title, size=16, bold=True, height=8),
        Block(
            _("Confidential: only the secretariat and the people appointed to this review may read it."),
            size=9,
        ),
        Block(
            _("Status: %(state)s, version %(version)s.")
            % {"state": document.get_state_display(), "version": document.version},
            size=9,
        ),
    ]
    for sheet in questionnaire.sheets(document):
        heading = (
            _("Article %(number)s") % {"number": sheet.article.number} + f": {sheet.article.local_title.text}"
        )
        found.append(Block(heading, size=13, bold=True, height=7))
        for question, label, answer in sheet.rows():
            shown = answer.get_response_display() if answer and answer.response else _("Not answered")
            found += [
                Block(question.text, size=8.5, height=4.4, quote=True),
                Block(label, bold=True),
                Block(_("Answer") + f": {shown}"),
                Block(answer.explanation if answer else ""),
            ]
        if sheet.answer and sheet.answer.challenges:
            found += [Block(_("Challenges"), bold=True), Block(sheet.answer.challenges)]
        needs = list(sheet.answer.needs.all()) if sheet.answer else []
        if needs:
            found.append(Block(_("Technical-assistance needs"), bold=True))
            for need in needs:
                text = f"• {need.get_kind_display()} ({need.get_priority_display()})"
                found.append(Block(f"{text}: {need.description}" if need.description else text))
        citations = list(sheet.answer.citations.all()) if sheet.answer else []
        if citations:
            found.append(Block(_("Legislation and cases cited"), bold=True))
            found += [Block(f"• {citation}") for citation in citations]
    if document.text.strip():
        found += [Block(_("General remarks"), size=13, bold=True, height=7), Block(document.text)]
    return found


def export(document: StepDocument, title: str) -> bytes:
    content = blocks(document, title)
    pdf = Sheet(title, "\n".join(block.text for block in content))
    pdf.add_page()
    for block in content:
        pdf.write_block(block)
    return bytes(pdf.output())
