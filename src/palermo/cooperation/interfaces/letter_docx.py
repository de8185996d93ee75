"""The letter of request as a DOCX file (python-docx), ready for final editing and signature: the title,
the header, headings, paragraphs numbered "1.", "2." … with a hanging indent (typed numbers, not Word's
list numbering, so that they survive any editing and copying), the annexes, the signature block with
blanks, the reference and page number in the footer. Arabic paragraphs and runs are right to left
(w:bidi, w:rtl); the fonts named cover the letter's script (a CJK font for Chinese, a complex-script one
for Arabic) and the document's language is set, for spelling and hyphenation."""

import io

from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from palermo.cooperation.interfaces.letter import Letter, build_letter, letter_file_name

__all__ = ["letter_docx", "letter_file_name", "render_docx"]

INDENT = Cm(1)
# Latin (ascii/hAnsi), East Asian and complex-script fonts, and the w:lang values, by letter language.
FONTS = {
    "ar": ("Times New Roman", "SimSun", "Times New Roman"),
    "zh-hans": ("Times New Roman", "SimSun", "Times New Roman"),
}
DEFAULT_FONTS = ("Times New Roman", "SimSun", "Times New Roman")
LANG = {"ar": "ar-SA", "zh-hans": "zh-CN", "en": "en-GB", "fr": "fr-FR", "ru": "ru-RU", "es": "es-ES"}
STYLES = ["Normal", "Title", "Heading 1", "Footer"]


def letter_docx(req, language: str) -> bytes:
    """The letter of request `req` in `language` as DOCX bytes."""
    return render_docx(build_letter(req, language))


# What may follow an element in its parent (the schema's order, which Word enforces).
AFTER = {
    "w:bidi": (
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ),
    "w:rtl": ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:lang": ("w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:sectPr/w:bidi": ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
}


def _child(parent, tag: str, order: str | None = None):
    """The child `tag` of an element, created in its place in the schema's order if there is none."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *AFTER[order or tag])
    return found


def _style_fonts(style, letter: Letter) -> None:
    latin, east_asian, complex_script = FONTS.get(letter.language, DEFAULT_FONTS)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for name in list(fonts.attrib):  # theme fonts would win over the ones named here
        if name.endswith("Theme"):
            del fonts.attrib[name]
    for attribute, value in (
        ("w:ascii", latin),
        ("w:hAnsi", latin),
        ("w:eastAsia", east_asian),
        ("w:cs", complex_script),
    ):
        fonts.set(qn(attribute), value)
    lang = _child(rpr, "w:lang")
    code = LANG[letter.language]
    lang.set(qn("w:val"), code)
    lang.set(qn("w:eastAsia"), "zh-CN" if letter.language == "zh-hans" else code)
    lang.set(qn("w:bidi"), "ar-SA" if letter.rtl else code)
    if letter.rtl:
        _child(rpr, "w:rtl")


def _right_to_left(paragraph, letter: Letter) -> None:
    """w:bidi on the paragraph and w:rtl on each of its runs, for an Arabic letter."""
    if not letter.rtl:
        return
    _child(paragraph._p.get_or_add_pPr(), "w:bidi")
    for run in paragraph.runs:
        _child(run._r.get_or_add_rPr(), "w:rtl")


def _indent(paragraph, letter: Letter, *, hanging: bool) -> None:
    """Indented by INDENT on the side the text starts from, the first line hanging (for the number). In
    OOXML (transitional) w:ind/@w:left is the start side: the right in a right-to-left (w:bidi) paragraph."""
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:left"), str(INDENT.twips))
    if hanging:
        ind.set(qn("w:hanging"), str(INDENT.twips))


def _paragraph(document, letter: Letter, text: str, *, style=None, bold=False, size=None):
    paragraph = document.add_paragraph(style=style)
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    _right_to_left(paragraph, letter)
    return paragraph


def _page_number(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def render_docx(letter: Letter) -> bytes:
    document = Document()
    properties = document.core_properties
    properties.title = letter.title
    properties.identifier = letter.reference
    properties.language = LANG[letter.language]
    properties.author = ""
    for name in STYLES:
        _style_fonts(document.styles[name], letter)
    document.styles["Normal"].font.size = Pt(11)
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.left_margin = section.right_margin = Cm(2.5)
    if letter.rtl:
        _child(section._sectPr, "w:bidi", "w:sectPr/w:bidi")
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{letter.reference} · ")
    _page_number(footer)
    _right_to_left(footer, letter)

    title = _paragraph(document, letter, letter.title, style="Title")
    title.paragraph_format.space_after = Pt(12)
    for index, line in enumerate(letter.header):
        _paragraph(document, letter, line, bold=letter.urgent and index == 0)
    for part in letter.sections:
        if part.heading:
            _paragraph(document, letter, part.heading, style="Heading 1")
        for paragraph in part.paragraphs:
            if paragraph.number is not None:
                shown = _paragraph(document, letter, f"{paragraph.number}.\t{paragraph.text}")
                shown.paragraph_format.tab_stops.add_tab_stop(INDENT, WD_TAB_ALIGNMENT.LEFT)
                _indent(shown, letter, hanging=True)
            else:
                _paragraph(document, letter, paragraph.text)
            for line in paragraph.lines:
                _indent(_paragraph(document, letter, line), letter, hanging=False)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
