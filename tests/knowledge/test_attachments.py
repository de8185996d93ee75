import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Organisation, Role
from palermo.core.models import AuditEntry
from palermo.knowledge.domain.records import create_record, transition_record
from palermo.knowledge.models import Attachment
from palermo.register.models import Party
from tests.factories import UserFactory, signed_in

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def draft(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    italy = Organisation.objects.create(
        name="Italy", kind=Organisation.Kind.STATE_AUTHORITY, party=Party.objects.get(code="ITA")
    )
    author = UserFactory(role=Role.GOVERNMENTAL_EXPERT, organisation=italy)
    author.is_verified = lambda: True
    record = create_record(
        user=author, kind="case", fields={"title": "Case", "jurisdiction_id": "ITA", "year": 2016}
    )
    client = Client()
    signed_in(client, author)
    return record, author, client


def upload(client, record, content, name="judgment.pdf"):
    return client.post(
        reverse("knowledge:attachment_add", args=[record.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="application/pdf")},
        follow=True,
    )


def test_an_author_attaches_a_pdf_and_readers_download_it(draft):
    record, author, client = draft
    response = upload(client, record, PDF, name="../../etc/Sentenza 123.pdf")
    assert "The file is attached." in response.content.decode()
    attachment = Attachment.objects.get()
    assert attachment.original_name == "Sentenza 123.pdf" and ".." not in attachment.file.name  # no path kept
    assert attachment.size == len(PDF) and len(attachment.sha256) == 64
    download = client.get(reverse("knowledge:attachment", args=[record.pk, attachment.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="knowledge.attachment.added", actor=author).exists()


def test_files_that_are_not_pdf_are_refused(draft):
    record, _author, client = draft
    response = upload(client, record, b"<html><script>alert(1)</script></html>", name="judgment.pdf")
    assert "this file is not a PDF" in response.content.decode() and not Attachment.objects.exists()


def test_files_over_the_limit_are_refused(draft, settings):
    record, _author, client = draft
    settings.MAX_ATTACHMENT_BYTES = 10
    response = upload(client, record, PDF)
    assert "larger than" in response.content.decode() and not Attachment.objects.exists()


def test_outsiders_see_no_attachment_of_an_unpublished_record(draft):
    record, _author, client = draft
    upload(client, record, PDF)
    url = reverse("knowledge:attachment", args=[record.pk, Attachment.objects.get().pk])
    assert Client().get(url).status_code == 404
    other = Client()
    signed_in(other, UserFactory(role=Role.OBSERVER))
    assert other.get(url).status_code == 404
    assert other.post(reverse("knowledge:attachment_add", args=[record.pk])).status_code == 404


def test_once_published_anyone_downloads_but_only_the_secretariat_attaches(draft):
    record, author, client = draft
    upload(client, record, PDF)
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    secretariat.is_verified = lambda: True
    record = transition_record(record=record, user=author, to_state="submitted")
    for state in ("verified", "published"):
        record = transition_record(record=record, user=secretariat, to_state=state)
    url = reverse("knowledge:attachment", args=[record.pk, Attachment.objects.get().pk])
    assert Client().get(url).status_code == 200
    response = upload(client, record, PDF)  # the author: the record is no longer a draft
    assert response.status_code == 404 and Attachment.objects.count() == 1
