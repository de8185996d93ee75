"""The questionnaire leaves as DOCX (to fill in offline) and PDF, and a filled DOCX comes back: checked
whole, every problem named by table and field, saved all or nothing."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from palermo.core.models import AuditEntry
from palermo.review.domain import questionnaire
from palermo.review.interfaces import saq_docx
from tests.factories import signed_in
from tests.review.test_questionnaire import saq, typed

pytestmark = pytest.mark.django_db


def export(client, document, file_format):
    url = reverse("review:saq_export", args=[document.review_id, 1, document.party_id, file_format])
    return client.get(url)


def tables(docx):
    return {
        t.cell(0, 0).text.strip(): t for t in docx.tables if saq_docx.KEY.match(t.cell(0, 0).text.strip())
    }


def upload(client, document, docx, name="filled.docx"):
    buffer = io.BytesIO()
    docx.save(buffer)
    url = reverse("review:saq_import", args=[document.review_id, 1, document.party_id])
    return client.post(url, {"file": SimpleUploadedFile(name, buffer.getvalue())}, follow=True)


@pytest.fixture
def exported(client, two_reviews):
    cast = two_reviews["first"]
    document = saq(cast)
    questionnaire.save_article(
        document=document,
        user=cast["expert"],
        article="5",
        typed=typed(questionnaire.sheets(document)[1], "partly", "Conspiracy only."),
        expected_version=0,
    )
    signed_in(client, cast["expert"])
    response = export(client, document, "docx")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    return cast, document, Document(io.BytesIO(response.content))


def test_a_filled_export_is_imported(client, exported):
    _cast, document, docx = exported
    found = tables(docx)
    assert {"Q 5.1", "Q 5.2", "Q 5.3", "A 5", "N 5", "Q 23.a"} <= set(found)
    assert found["Q 5.1"].cell(1, 1).text == "Partly"
    found["Q 23.a"].cell(1, 1).text = "oui"  # an answer in any of the six languages
    found["Q 23.a"].cell(2, 1).text = "Code pénal, art. 434-15."
    found["A 23"].cell(1, 1).text = "Witness protection budget"
    found["N 23"].cell(2, 0).text = "Training and capacity-building"
    found["N 23"].cell(2, 1).text = "high"
    found["N 23"].cell(2, 2).text = "Prosecutors"
    page = upload(client, document, docx).content.decode()
    assert "Imported: articles 23 changed." in page
    sheet = {s.article.number: s for s in questionnaire.sheets(document)}["23"]
    assert (
        sheet.responses["a"].response == "yes"
        and sheet.responses["a"].explanation == "Code pénal, art. 434-15."
    )
    assert sheet.answer.challenges == "Witness protection budget"
    assert [(n.kind, n.priority, n.description) for n in sheet.answer.needs.all()] == [
        ("training", "high", "Prosecutors")
    ]
    assert AuditEntry.objects.filter(action="review.saq.imported").exists()


def test_a_bad_file_is_refused_whole_with_every_problem_named(client, exported):
    _cast, document, docx = exported
    found = tables(docx)
    found["Q 23.a"].cell(1, 1).text = "Yes"
    found["Q 23.a"].cell(2, 1).text = "Fine."
    found["Q 5.2"].cell(1, 1).text = "perhaps"
    found["N 5"].cell(2, 0).text = "Money"
    page = upload(client, document, docx).content.decode()
    assert "Nothing was imported" in page
    assert "Table Q 5.2, Answer: “perhaps” is not one of Yes, Partly, No." in page
    assert "Table N 5, row 3: write a kind of assistance and a priority" in page
    assert {s.article.number: s for s in questionnaire.sheets(document)}["23"].answer is None  # nothing saved


def test_an_article_changed_since_the_export_stops_the_import(client, exported):
    cast, document, docx = exported
    questionnaire.save_article(
        document=document,
        user=cast["focal point"],
        article="5",
        typed=typed(questionnaire.sheets(document)[1], "yes", "Now fully."),
        expected_version=1,
    )
    tables(docx)["Q 5.1"].cell(2, 1).text = "Changed offline."
    page = upload(client, document, docx).content.decode()
    assert "Article 5 was saved on the page since this file was exported (version 2, the file has 1)" in page
    assert questionnaire.sheets(document)[1].responses["1"].explanation == "Now fully."


def test_files_that_are_not_this_questionnaires_export(client, exported, two_reviews):
    _cast, document, docx = exported
    docx.core_properties.identifier = "palermo-saq/999999"
    assert "not an export of this questionnaire" in upload(client, document, docx).content.decode()
    url = reverse("review:saq_import", args=[document.review_id, 1, document.party_id])
    junk = client.post(
        url, {"file": SimpleUploadedFile("x.docx", b"not a zip")}, follow=True
    ).content.decode()
    assert "This is not a DOCX file" in junk


def test_observers_download_but_cannot_import(client, exported):
    cast, document, docx = exported
    client.logout()
    signed_in(client, cast["observer"])
    assert export(client, document, "docx").status_code == 200
    assert "not a draft you may change" in upload(client, document, docx).content.decode()


def test_the_pdf_export(client, exported):
    _cast, document, _docx = exported
    response = export(client, document, "pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    arabic = client.get(
        reverse("review:saq_export", args=[document.review_id, 1, document.party_id, "pdf"]).replace(
            "/en/", "/ar/"
        )
    )
    assert arabic.status_code == 200 and arabic.content.startswith(b"%PDF-")
    assert AuditEntry.objects.filter(action="review.saq.exported").count() == 3


def with_document_xml(docx, body: str) -> bytes:
    """The file of `docx` (its identifier included) with word/document.xml's body replaced by `body`."""
    buffer, out = io.BytesIO(), io.BytesIO()
    docx.save(buffer)
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {namespace}><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, xml if item.filename == saq_docx.DOCUMENT_PART else source.read(item))
    return out.getvalue()


def huge_table(rows: int) -> str:
    cell = "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>"
    key = "<w:tc><w:p><w:r><w:t>N 5</w:t></w:r></w:p></w:tc>"
    return f"<w:tbl><w:tr>{key}{cell}{cell}</w:tr>{f'<w:tr>{cell * 3}</w:tr>' * rows}</w:tbl>"


@pytest.mark.parametrize(
    "body, problem",
    [
        (
            huge_table(40_000),
            "This file has more tables than the questionnaire exported (more than 1578 table cells)",
        ),
        (
            f"<w:p><w:r><w:t>{'Explanation. ' * 80_000}</w:t></w:r></w:p>",
            "This file holds more text than the answers to this questionnaire may have",
        ),
        ("<w:p/>" * 400_000, "This file is more complex than a filled export of this questionnaire"),
    ],
    ids=["tables", "text", "elements"],
)
def test_a_small_file_with_huge_content_is_refused_before_it_is_parsed(
    client, exported, monkeypatch, body, problem
):
    _cast, document, docx = exported
    data = with_document_xml(docx, body)
    assert len(data) < 200_000  # small compressed, a few MB unpacked

    def never(*args, **kwargs):
        raise AssertionError("python-docx was asked to build the document")

    monkeypatch.setattr(saq_docx, "Document", never)
    url = reverse("review:saq_import", args=[document.review_id, 1, document.party_id])
    # Refused from counts taken while the XML streams by (python-docx, which builds the whole tree, is never
    # called): no wall-clock limit here, speed belongs in benchmarks.
    page = client.post(url, {"file": SimpleUploadedFile("filled.docx", data)}, follow=True).content.decode()
    assert "Nothing was imported" in page and problem in page
    assert AuditEntry.objects.filter(action="review.saq.imported").count() == 0


def test_the_bounds_leave_room_for_a_generously_filled_export(exported):
    _cast, document, docx = exported
    bounds = saq_docx.Bounds.of(questionnaire.sheets(document))
    asked = sum(len(sheet.questions) for sheet in questionnaire.sheets(document))
    assert asked == 33 and bounds.cells == 1578  # 33 questions and 8 articles, 50 needs each
    for table in tables(docx).values():
        if table.cell(0, 0).text.startswith("Q "):
            table.cell(2, 1).text = "An explanation of every paragraph. " * 500  # 17,500 characters each
    buffer = io.BytesIO()
    docx.save(buffer)
    assert set(saq_docx.read(document, SimpleUploadedFile("filled.docx", buffer.getvalue()))) == {
        sheet.article.number for sheet in questionnaire.sheets(document)
    }


def test_a_blank_questionnaire_downloaded_before_anyone_saved_it_imports(client, two_reviews):
    """Opening and downloading a questionnaire nobody has started stores nothing; the filled file creates
    the self-assessment when it is imported."""
    from palermo.review.models import StepDocument

    cast = two_reviews["first"]
    review, state = cast["review"], cast["review"].state_under_review_id
    signed_in(client, cast["expert"])
    assert (
        client.get(reverse("review:document", args=[review.pk, 1, "self_assessment", state])).status_code
        == 200
    )
    response = client.get(reverse("review:saq_export", args=[review.pk, 1, state, "docx"]))
    assert response.status_code == 200
    assert not StepDocument.objects.filter(review=review).exists()
    docx = Document(io.BytesIO(response.content))
    found = tables(docx)
    found["Q 5.1"].cell(1, 1).text = "yes"
    found["Q 5.1"].cell(2, 1).text = "Penal Code, art. 416."
    url = reverse("review:saq_import", args=[review.pk, 1, state])
    buffer = io.BytesIO()
    docx.save(buffer)
    page = client.post(url, {"file": SimpleUploadedFile("filled.docx", buffer.getvalue())}, follow=True)
    assert "Imported: articles 5 changed." in page.content.decode()
    document = StepDocument.objects.get(review=review, kind="self_assessment")
    assert {s.article.number: s for s in questionnaire.sheets(document)}["5"].responses["1"].response == "yes"
