"""Fonts for the PDF files Palermo writes with fpdf2 (the questionnaire, the letter of request): DejaVu Sans
for Latin, Cyrillic and Arabic (shaped by HarfBuzz, right to left where the text is) with a CJK font as
fallback, both from Debian's packages (fonts-dejavu-core, fonts-wqy-microhei), found on disk: nothing is
downloaded."""

import copy
import re
import threading
from pathlib import Path

from fontTools import ttLib
from fpdf import FPDF
from fpdf.enums import TextEmphasis
from fpdf.fonts import SubsetMap, TTFFont

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
CJK_FONTS = [
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
]
FONTS_MISSING = "PDF export needs Debian's fonts-dejavu-core and fonts-wqy-microhei packages"

CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
COMPLEX = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")  # Hebrew, Arabic: shaped, right to left


class FontsMissing(RuntimeError):
    pass


def fonts() -> tuple[Path, Path, Path | None]:
    """DejaVu Sans regular and bold, and the first CJK font found (None if there is none).
    Raises FontsMissing when DejaVu Sans is not installed."""
    for folder in FONT_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.exists() and bold.exists():
            return regular, bold, next((font for font in CJK_FONTS if font.exists()), None)
    raise FontsMissing(FONTS_MISSING)


_fonts = fonts  # the name saq_pdf used


# Parsed fonts, kept for the life of the process: fpdf2 parses a font file each time a document adds it
# (a tenth of a second for DejaVu Sans, two seconds for the CJK font), although all that a document
# changes is its own subset. `add_font` below gives each document a copy of the parsed font (widths, cmap,
# glyph ids shared, read only) with a fresh subset and its own lazily read fontTools object, which fpdf2
# subsets in place when the document is written.
_PARSED: dict[tuple[str, str], TTFFont] = {}
_PARSING = threading.Lock()
CACHE_PARSED = True


def _parsed(path: Path, style: str) -> TTFFont:
    key = (str(path), style)
    with _PARSING:
        if key not in _PARSED:
            scratch = FPDF()
            scratch.add_font("parsed", style, str(path))
            font = scratch.fonts[f"parsed{style}"]
            assert isinstance(font, TTFFont)
            _PARSED[key] = font
    return _PARSED[key]


def add_font(pdf: FPDF, family: str, style: str, path: Path) -> None:
    """`pdf.add_font(family, style, path)` without parsing the font file again (see _PARSED)."""
    if not CACHE_PARSED:
        pdf.add_font(family, style, str(path))
        return
    parsed = _parsed(path, style)
    shared = {id(parsed.cw): parsed.cw, id(parsed.glyph_ids): parsed.glyph_ids}
    font = copy.deepcopy(parsed, shared)
    font.i = len(pdf.fonts) + 1
    font.fontkey = f"{family.lower()}{style}"
    font.emphasis = TextEmphasis.coerce(style)
    font.ttfont = ttLib.TTFont(
        str(path), recalcTimestamp=False, fontNumber=parsed.collection_font_number, lazy=True
    )
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.subset = SubsetMap(font)
    pdf.fonts[font.fontkey] = font


def add_fonts(pdf: FPDF, text: str, family: str = "Sans") -> None:
    """Registers `family` (regular and bold) on `pdf`, with the CJK fallback and HarfBuzz shaping (four
    times slower) only when `text` has characters that need them."""
    regular, bold, cjk = fonts()
    add_font(pdf, family, "", regular)
    add_font(pdf, family, "B", bold)
    if cjk and CJK.search(text):
        # One face (the CJK fonts have no bold): bold CJK text is set in it, not emboldened.
        add_font(pdf, "CJK", "", cjk)
        pdf.set_fallback_fonts(["CJK"], exact_match=False)
    if COMPLEX.search(text):
        pdf.set_text_shaping(True)
