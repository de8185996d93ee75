"""CSV downloads open in spreadsheet software with Arabic and Chinese text intact: every CSV served over HTTP
begins with the UTF-8 byte-order mark (tests/core/test_csvsafe.py checks each download; the page walk of
tests/test_every_page_in_every_language.py every CSV address). Files written by the command line have none,
and every CSV importer reads a file with or without one."""

import csv
import io
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.core.csvsafe import BOM
from palermo.knowledge.domain import open_data
from palermo.knowledge.models import Record
from palermo.register.models import Participation
from tests.factories import UserFactory, signed_in
from tests.knowledge.test_exchange import LAW, write_jsonl

pytestmark = pytest.mark.django_db
ARABIC, CHINESE = "قانون مكافحة الاتجار بالبشر", "打击贩运人口法"
STATUS = 'Participant,Signature,"Ratification, Accession(a)"\nRepublic of Korea,13 Dec 2000,5 Nov 2015\n'


def published_law(tmp_path, title: str) -> Record:
    call_command(
        "import_knowledge",
        write_jsonl(tmp_path, {**LAW, "title": title}),
        state="published",
        stdout=StringIO(),
    )
    return Record.objects.get(title=title)


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_search_download_with_arabic_and_chinese_titles_begins_with_the_byte_order_mark(tmp_path, client):
    published_law(tmp_path, ARABIC)
    published_law(tmp_path, CHINESE)
    content = download(client, "/ar/knowledge/search.csv")
    assert content.startswith(b"\xef\xbb\xbfid,")
    titles = {row["title"] for row in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))}
    assert titles == {ARABIC, CHINESE}


def test_the_open_data_file_is_served_with_the_byte_order_mark_and_renamed_for_it(tmp_path, settings, client):
    settings.DATA_DIR = tmp_path / "data"
    published_law(tmp_path, CHINESE)
    content = download(client, "/zh-hans/knowledge/export.csv")
    assert content.startswith(BOM.encode()) and content.count(BOM.encode()) == 1
    assert CHINESE in content.decode("utf-8-sig")
    assert [path.name for path in open_data.folder().glob("knowledge-*.csv")] == [
        f"knowledge-{open_data.fingerprint()}.csv"
    ]
    assert download(client, "/en/knowledge/export.csv") == content  # the same file, sent again
    assert not b"".join(client.get("/en/knowledge/export.jsonl").streaming_content).startswith(BOM.encode())


def test_command_line_exports_are_plain_utf_8_without_the_mark(tmp_path):
    published_law(tmp_path, ARABIC)
    for command, target in (("export_register", "register.csv"), ("export_knowledge", "knowledge.csv")):
        path = tmp_path / target
        call_command(command, format="csv", output=str(path), stderr=StringIO())
        assert not path.read_bytes().startswith(BOM.encode()), command


def test_the_status_import_reads_an_uploaded_file_with_the_byte_order_mark(client):
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN))
    upload = SimpleUploadedFile("untoc.csv", (BOM + STATUS).encode())
    response = client.post(
        reverse("register:import_new"), {"instrument": "UNTOC", "as_of": "2016-01-01", "file": upload}
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert str(Participation.objects.get(party="KOR", instrument="UNTOC").consent) == "2015-11-05"


def test_the_knowledge_import_reads_its_own_download_with_the_byte_order_mark(tmp_path, client):
    published_law(tmp_path, ARABIC)
    exported = download(client, "/en/knowledge/search.csv")
    Record.objects.all().delete()
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN))
    upload = SimpleUploadedFile("records.csv", exported)
    response = client.post("/en/knowledge/import/", {"file": upload, "state": "published"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Record.objects.get().title == ARABIC


def test_the_knowledge_import_reads_json_lines_with_the_byte_order_mark(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_bytes(BOM.encode() + Path(write_jsonl(tmp_path, LAW, name="plain.jsonl")).read_bytes())
    call_command("import_knowledge", str(path), stdout=StringIO())
    assert Record.objects.get().title == LAW["title"]


def test_the_status_import_command_reads_a_file_with_the_byte_order_mark(tmp_path):
    path = tmp_path / "untoc.csv"
    path.write_bytes((BOM + STATUS).encode())
    call_command("import_treaty_status", f"{path}=UNTOC", as_of="2016-01-01", stdout=StringIO())
    assert str(Participation.objects.get(party="KOR", instrument="UNTOC").consent) == "2015-11-05"
