"""Parts of the Conference's DOCX reports: paragraphs and tables styled by id, Arabic right to left, and the
download."""

from django.http import HttpResponse
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def download(body: bytes, filename: str) -> HttpResponse:
    """A DOCX file as an attachment named `filename`."""
    response = HttpResponse(body, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def right_to_left(document) -> None:
    """Every paragraph and table of the document right to left (Arabic)."""
    body = document.element.body
    for paragraph in body.iter(qn("w:p")):
        properties = paragraph.get_or_add_pPr()
        if properties.find(qn("w:bidi")) is None:
            properties.insert(0, OxmlElement("w:bidi"))
    for run in body.iter(qn("w:r")):
        properties = run.get_or_add_rPr()
        if properties.find(qn("w:rtl")) is None:
            properties.append(OxmlElement("w:rtl"))
    for table in body.iter(qn("w:tbl")):
        properties = table.tblPr
        if properties.find(qn("w:bidiVisual")) is None:
            properties.append(OxmlElement("w:bidiVisual"))


def styled(document, style_id: str, text: str = ""):
    """A paragraph of a style given by id (python-docx looks a style up by name each time, a millisecond a
    paragraph)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def table(document, styles: dict[str, str], header: list[str], rows: list[list[str]]):
    """A grid table: its header row in bold, then the rows."""
    drawn = document.add_table(rows=1 + len(rows), cols=len(header))
    drawn._tbl.tblStyle_val = styles["grid"]
    for cells, values in zip(drawn.rows, [header, *rows], strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    for cell in drawn.rows[0].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True
    return drawn


def style_ids(document) -> dict[str, str]:
    """The ids of the styles the reports use, looked up once."""
    return {
        name: document.styles[style].style_id
        for name, style in (("grid", "Table Grid"), ("bullet", "List Bullet"), ("heading", "Heading 1"))
    }
