"""A request larger than its view accepts is refused (413) before anything reads its body; uploads within
their limit are streamed to temporary files and hashed chunk by chunk."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from palermo.core.uploads import FORM_ALLOWANCE
from palermo.knowledge.models import Attachment
from tests.knowledge.test_attachments import PDF, draft  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


class Unreadable:
    """A request body that must not be read."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def declared(client, url, length: int):
    return client.generic(
        "POST",
        url,
        b"x",
        content_type="multipart/form-data; boundary=B",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Unreadable()},
    )


def test_an_upload_declared_larger_than_its_limit_is_refused_before_it_is_read(draft):  # noqa: F811
    record, _author, client = draft
    response = declared(client, reverse("knowledge:attachment_add", args=[record.pk]), 25 * MB)
    page = response.content.decode()
    assert response.status_code == 413
    assert (
        "The file is too large: this form accepts files of at most 20.0\xa0MB, and 25.0\xa0MB were sent."
        in page
    )
    assert not Attachment.objects.exists()


def test_the_limit_is_the_files_limit_plus_the_forms_allowance(draft, settings):  # noqa: F811
    record, _author, client = draft
    settings.MAX_ATTACHMENT_BYTES = 2 * MB
    url = reverse("knowledge:attachment_add", args=[record.pk])
    assert declared(client, url, 2 * MB + FORM_ALLOWANCE + 1).status_code == 413
    big = SimpleUploadedFile("judgment.pdf", PDF + b"%" * (3 * MB), content_type="application/pdf")
    assert client.post(url, {"file": big}).status_code == 413
    assert not Attachment.objects.exists()


def test_a_view_without_a_file_accepts_no_more_than_a_form(draft):  # noqa: F811
    _record, _author, client = draft
    response = declared(client, reverse("knowledge:records"), 3 * MB)
    assert response.status_code == 413
    assert (
        "The request is too large (3.0\xa0MB); this page accepts at most 2.5\xa0MB."
        in response.content.decode()
    )
    api = declared(client, "/api/v1/saved-searches/", 3 * MB)
    assert api.status_code == 413 and api.json()["detail"].startswith("The request is too large")


def test_an_upload_within_its_limit_is_streamed_and_hashed_in_any_language(draft, settings):  # noqa: F811
    record, _author, client = draft
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= MB  # larger files go to a temporary file
    content = PDF + b"%" * (3 * MB)  # more than the 2.5 MB a form may send, less than an attachment
    url = reverse("knowledge:attachment_add", args=[record.pk]).replace("/en/", "/fr/")
    response = client.post(url, {"file": SimpleUploadedFile("judgment.pdf", content)})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.size == len(content) and attachment.sha256 == hashlib.sha256(content).hexdigest()
