"""The letter of request as a PDF file (fpdf2), for reading, filing and signing on paper: the same structure
as the DOCX (cooperation.interfaces.letter), A4, numbered paragraphs with a hanging indent, the reference
and page number in the footer. Fonts from palermo.core.pdf_fonts (DejaVu Sans, a CJK fallback, HarfBuzz
shaping for Arabic); FontsMissing when they are not installed."""

from fpdf import FPDF
from fpdf.enums import WrapMode

from palermo.cooperation.interfaces.letter import Letter, build_letter, letter_file_name, phrase
from palermo.core.pdf_fonts import FontsMissing, add_fonts

__all__ = ["FontsMissing", "letter_file_name", "letter_pdf", "render_pdf"]

NUMBER_WIDTH = 10  # mm: the column of the paragraph numbers, and the indent of the lines under them
LINE = 5.4


def letter_pdf(req, language: str) -> bytes:
    """The letter of request `req` in `language` as PDF bytes; FontsMissing without the fonts."""
    return render_pdf(build_letter(req, language))


class LetterPDF(FPDF):
    def __init__(self, letter: Letter):
        super().__init__(format="A4")
        self.letter = letter
        add_fonts(self, "\n".join([letter.title, letter.text()]))
        self.align = "R" if letter.rtl else "L"
        self.wrapmode = WrapMode.CHAR if letter.language == "zh-hans" else WrapMode.WORD
        self.set_title(letter.title)
        self.set_subject(letter.reference)
        self.set_lang(letter.language)
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=20)

    def footer(self):
        self.set_y(-13)
        self.set_font("Sans", size=8)
        page = phrase("footer.page", self.letter.language, page=self.page_no())
        self.cell(0, 6, f"{self.letter.reference} · {page}", align="C")

    def paragraph(self, text: str, *, size: float = 11, bold: bool = False, height: float = LINE, indent=0.0):
        """A paragraph across the page (less `indent` on the side the text starts from)."""
        self.set_font("Sans", "B" if bold else "", size)
        width = self.epw - indent
        x = self.l_margin if self.letter.rtl else self.l_margin + indent
        self.set_x(x)
        self.multi_cell(
            width, height, text, align=self.align, new_x="LMARGIN", new_y="NEXT", wrapmode=self.wrapmode
        )

    def numbered(self, number: int, text: str):
        """A paragraph with its number in a column of its own (on the right in Arabic)."""
        self.set_font("Sans", "", 11)
        if self.will_page_break(LINE):
            self.add_page()
        y = self.get_y()
        number_x = self.l_margin + self.epw - NUMBER_WIDTH if self.letter.rtl else self.l_margin
        self.set_xy(number_x, y)
        self.cell(NUMBER_WIDTH, LINE, f"{number}.", align=self.align)
        self.set_xy(self.l_margin if self.letter.rtl else self.l_margin + NUMBER_WIDTH, y)
        self.multi_cell(
            self.epw - NUMBER_WIDTH,
            LINE,
            text,
            align=self.align,
            new_x="LMARGIN",
            new_y="NEXT",
            wrapmode=self.wrapmode,
        )


def render_pdf(letter: Letter, *, compress: bool = True) -> bytes:
    pdf = LetterPDF(letter)
    pdf.set_compression(compress)
    pdf.add_page()
    pdf.paragraph(letter.title, size=15, bold=True, height=7.5)
    pdf.ln(2)
    for index, line in enumerate(letter.header):
        pdf.paragraph(line, size=10, bold=letter.urgent and index == 0)
    for section in letter.sections:
        pdf.ln(3)
        if section.heading:
            if pdf.will_page_break(3 * LINE):
                pdf.add_page()
            pdf.paragraph(section.heading, size=12, bold=True, height=6.5)
            pdf.ln(1)
        for paragraph in section.paragraphs:
            if paragraph.number is not None:
                pdf.numbered(paragraph.number, paragraph.text)
            else:
                pdf.paragraph(paragraph.text, height=6.5 if section.key == "signature" else LINE)
            for line in paragraph.lines:
                pdf.paragraph(line, size=10, indent=NUMBER_WIDTH)
            pdf.ln(1)
    return bytes(pdf.output())
