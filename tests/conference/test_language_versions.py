"""The secretariat uploads a document's language versions (PDF, checked by content and size; a new file
for a language replaces the old); anyone downloads them from the meeting's page; a file that is not a PDF,
an unknown language or no file is refused with the reason and writes nothing; no one else may upload."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.conference.models import Document, DocumentFile
from palermo.core.models import AuditEntry
from tests.conference.test_pages import demo  # noqa: F401 (fixture)
from tests.conference.test_records import person
from tests.factories import signed_in

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(client, document, language, content=PDF, name="report.pdf"):
    data = {"language": language}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(reverse("conference:document_file_new", args=[document.pk]), data)


def test_the_secretariat_uploads_versions_and_anyone_downloads_them(demo):  # noqa: F811
    secretariat = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    document = Document.objects.get(symbol="CTOC/COP/2024/L.4")
    response = upload(secretariat, document, "fr")
    assert response.status_code == 302 and response.url.endswith("#documents")
    upload(secretariat, document, "fr", PDF + b"% second\n")  # replaces the first
    version = DocumentFile.objects.get(document=document)
    assert (version.language, version.size) == ("fr", len(PDF + b"% second\n"))
    assert AuditEntry.objects.filter(action="conference.document.file_uploaded").count() == 2
    page = Client().get(reverse("conference:meeting", args=[document.meeting_id])).content.decode()
    url = reverse("conference:document_file", args=[document.pk, "fr"])
    assert f'href="{url}"' in page and "Upload a language version" not in page
    download = Client().get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).endswith(b"% second\n")
    assert "CTOC-COP-2024-L.4-fr.pdf" in download["Content-Disposition"]
    assert Client().get(reverse("conference:document_file", args=[document.pk, "ar"])).status_code == 404


def test_a_bad_file_is_refused_with_its_reason_and_nothing_is_written(demo):  # noqa: F811
    secretariat = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    document = Document.objects.get(symbol="CTOC/COP/2024/L.4")
    for language, content, reason in [
        ("fr", b"MZ not a pdf", "not a PDF"),
        ("xx", PDF, "Choose the language of the file."),
        ("fr", None, "Choose a PDF file."),
    ]:
        response = upload(secretariat, document, language, content)
        shown = secretariat.get(response.url).content.decode()
        assert reason in shown, reason
    assert not DocumentFile.objects.exists()


def test_no_one_else_may_upload(demo):  # noqa: F811
    document = Document.objects.get(symbol="CTOC/COP/2024/L.4")
    for client in (Client(), signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))):
        assert upload(client, document, "fr").status_code in (302, 404)
    assert not DocumentFile.objects.exists()
    focal = signed_in(Client(), person(Role.FOCAL_POINT, "ITA"))
    assert upload(focal, document, "fr").status_code == 404
