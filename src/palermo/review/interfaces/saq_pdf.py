"""The self-assessment questionnaire with its answers as a PDF, for reading and filing (the DOCX export is
the one to fill in offline). Text in any of the six languages: DejaVu Sans (Latin, Cyrillic, Arabic,
shaped by HarfBuzz, right to left where the text is) with a CJK font as fallback, both from Debian's
packages (fonts-dejavu-core, fonts-wqy-microhei), found on disk: nothing is downloaded."""

from pathlib import Path

from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from fpdf import FPDF

from palermo.review.domain import questionnaire
from palermo.review.models import StepDocument

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
CJK_FONTS = [
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
]
FONTS_MISSING = "PDF export needs Debian's fonts-dejavu-core and fonts-wqy-microhei packages"


class FontsMissing(RuntimeError):
    pass


def _fonts() -> tuple[Path, Path, Path | None]:
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold, next((font for font in CJK_FONTS if font.exists()), None)
    raise FontsMissing(FONTS_MISSING)


class Sheet(FPDF):
    def __init__(self, title: str):
        super().__init__(format="A4")
        regular, bold, cjk = _fonts()
        self.add_font("Sans", "", str(regular))
        self.add_font("Sans", "B", str(bold))
        if cjk:
            self.add_font("CJK", "", str(cjk))
            self.add_font("CJK", "B", str(cjk))
            self.set_fallback_fonts(["CJK"])
        self.set_text_shaping(True)
        self.align = "R" if get_language_bidi() else "L"
        self.title_text = title
        self.set_title(title)
        self.set_auto_page_break(True, margin=18)

    def footer(self):
        self.set_y(-12)
        self.set_font("Sans", size=8)
        self.cell(0, 6, f"{_('Confidential')} · {self.title_text} · {self.page_no()}", align="C")

    def block(self, text: str, size: float = 10, bold: bool = False, height: float = 5.2, align=None):
        if not text.strip():
            return
        self.set_font("Sans", "B" if bold else "", size)
        self.multi_cell(0, height, text.strip(), new_x="LMARGIN", new_y="NEXT", align=align or self.align)

    def gap(self, size: float = 2):
        self.ln(size)


def export(document: StepDocument, title: str) -> bytes:
    pdf = Sheet(title)
    pdf.add_page()
    pdf.block(title, size=16, bold=True, height=8)
    pdf.block(
        _("Confidential: only the secretariat and the people appointed to this review may read it."), size=9
    )
    pdf.block(
        _("Status: %(state)s, version %(version)s.")
        % {"state": document.get_state_display(), "version": document.version},
        size=9,
    )
    for sheet in questionnaire.sheets(document):
        pdf.gap(4)
        pdf.block(
            _("Article %(number)s") % {"number": sheet.article.number} + f": {sheet.article.title}",
            size=13,
            bold=True,
            height=7,
        )
        for question, label, answer in sheet.rows():
            pdf.set_text_color(90, 90, 90)
            pdf.block(question.text, size=8.5, height=4.4, align="L")
            pdf.set_text_color(0, 0, 0)
            pdf.gap(1)
            pdf.block(label, bold=True)
            shown = answer.get_response_display() if answer and answer.response else _("Not answered")
            pdf.block(f"{_('Answer')}: {shown}")
            pdf.block(answer.explanation if answer else "")
            pdf.gap()
        if sheet.answer and sheet.answer.challenges:
            pdf.block(_("Challenges"), bold=True)
            pdf.block(sheet.answer.challenges)
        needs = list(sheet.answer.needs.all()) if sheet.answer else []
        if needs:
            pdf.block(_("Technical-assistance needs"), bold=True)
            for need in needs:
                text = f"• {need.get_kind_display()} ({need.get_priority_display()})"
                pdf.block(f"{text}: {need.description}" if need.description else text)
        citations = list(sheet.answer.citations.all()) if sheet.answer else []
        if citations:
            pdf.block(_("Legislation and cases cited"), bold=True)
            for citation in citations:
                pdf.block(f"• {citation}")
    if document.text.strip():
        pdf.gap(4)
        pdf.block(_("General remarks"), size=13, bold=True, height=7)
        pdf.block(document.text)
    return bytes(pdf.output())
