"""The export: read in batches with a fixed number of queries, written exactly as each record's snapshot
says; the open-data download served from a file written again only when records change; search downloads
refused when the search does not hold up."""

import csv
import fcntl
import io
import json
import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from palermo.core import csvsafe
from palermo.knowledge.demo import create_demo_corpus
from palermo.knowledge.domain import open_data
from palermo.knowledge.domain.export import export_published, export_records
from palermo.knowledge.domain.records import snapshot, transition_record
from palermo.knowledge.interfaces.exchange import CSV_COLUMNS, csv_row
from palermo.knowledge.models import CurationState, Record
from tests.factories import UserFactory, published_case
from tests.knowledge.test_exchange import CASE, LAW, write_jsonl

pytestmark = pytest.mark.django_db

FULL_CASE = {
    **CASE,
    "title": "Prosecutor v. C.D. and others",
    "reference": "=12/2016",
    "commentary": {"en": "- An appeal is pending.", "es": "Apelación pendiente."},
    "summary": {"en": "@Smuggling by sea.", "ar": "تهريب المهاجرين", "zh-hans": "偷运移民"},
    "crime_types": ["smuggling-of-migrants", "trafficking-in-persons"],
    "facet_values": ["route/by-sea", "route/by-land"],
    "countries": ["LBY", "TUN", "MLT"],
    "cross_cutting": ["international-cooperation", "virtual-assets"],
    "articles": ["SOM:6", "SOM:3", "UNTOC:5"],
    "defendants": [
        {"name": "C.D.", "gender": "male", "nationality_id": "TUN", "age": 41, "verdict": "convicted"},
        {"name": "Shipping Ltd", "legal_person": True, "verdict": "convicted", "sentence": "+ a fine"},
    ],
    "victims": [{"count": 12, "age_group": "child", "gender": "female"}, {"count": 30}],
}
STRATEGY = {
    "kind": "strategy",
    "title": "National action plan 2014-2018",
    "jurisdiction": "GBR",
    "year": 2014,
    "summary": {"en": "Prevention, protection, prosecution."},
    "crime_types": ["trafficking-in-persons"],
    "detail": {"scope": "national", "issuing_body": "Home Office", "period_start": 2014, "period_end": 2018},
}


@pytest.fixture
def records(tmp_path):
    """Published records of every kind with every relation filled, and one draft."""
    create_demo_corpus(24)
    call_command(
        "import_knowledge",
        write_jsonl(tmp_path, FULL_CASE, CASE, LAW, STRATEGY),
        state="published",
        stdout=StringIO(),
    )
    call_command(
        "import_knowledge",
        write_jsonl(tmp_path, {**LAW, "title": "A draft"}, name="d.jsonl"),
        stdout=StringIO(),
    )
    return list(Record.objects.published().order_by("pk"))


def one_by_one(records, format: str) -> str:
    """The export as it was written before batches: each record's own snapshot, read record by record."""
    out = io.StringIO()
    writer = csvsafe.writer(out, lineterminator="\n")
    if format == "csv":
        writer.writerow(CSV_COLUMNS)
    for record in records:
        data = snapshot(record)
        if format == "csv":
            writer.writerow(csv_row(record.pk, data))
        else:
            published = record.published_at.isoformat()
            line = {"id": record.pk, "published_at": published, **data}
            out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
    return out.getvalue()


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_the_batched_export_writes_each_record_as_its_snapshot(records, format):
    kinds = {record.kind for record in records}
    assert kinds == {"case", "legislation", "strategy", "bibliography"} and len(records) == 28
    expected = one_by_one(records, format)
    assert "".join(export_published(format)) == expected
    ids = [record.pk for record in records]
    assert "".join(export_records(ids, format, batch=4)) == expected  # batches end mid-way through kinds
    shuffled = ids[::-1]
    assert "".join(export_records(shuffled, format, batch=5)) == one_by_one(records[::-1], format)
    # Ids far apart are read by their list rather than by their range.
    assert "".join(export_records(ids[::3], format, batch=4)) == one_by_one(records[::3], format)


def test_a_full_record_exports_every_relation(records):
    exported = [json.loads(line) for text in export_published("jsonl") for line in text.splitlines()]
    line = next(item for item in exported if item["title"] == "Prosecutor v. C.D. and others")
    assert line["countries"] == ["LBY", "MLT", "TUN"]
    assert line["facet_values"] == ["route/by-land", "route/by-sea"]
    assert line["articles"] == ["SOM:3", "SOM:6", "UNTOC:5"]
    assert [d["name"] for d in line["defendants"]] == ["C.D.", "Shipping Ltd"]
    assert line["victims"][0] == {
        "gender": "female",
        "age_group": "child",
        "nationality_id": None,
        "count": 12,
    }
    assert line["detail"]["court"] == "Court of Appeal of Palermo"
    assert "A draft" not in {item["title"] for item in exported}


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_export_queries_do_not_grow_with_the_number_of_records(records, format):
    ids = [record.pk for record in records]
    one_of_each_kind = list({record.kind: record.pk for record in records}.values())
    counts = []
    for some in (one_of_each_kind, ids):
        with CaptureQueriesContext(connection) as queries:
            "".join(export_records(some, format))
        counts.append(len(queries))
    # The names of terms and articles (2), then per batch: records, 5 relations, each kind's details (4) and
    # the defendants and victims (2, not in the CSV).
    per_batch = 12 if format == "jsonl" else 10
    assert counts[0] == counts[1] == 2 + per_batch
    with CaptureQueriesContext(connection) as queries:
        "".join(export_records(ids, format, batch=7))  # four batches
    assert len(queries) <= 2 + 4 * per_batch


def test_the_published_export_reads_a_batch_at_a_time(records, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):  # names, one batch, and the query that finds no more
        "".join(export_published("jsonl"))


# The open-data download: a file in the data folder.


@pytest.fixture
def data_folder(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR / "exports"


def download(client, format="csv") -> bytes:
    response = client.get(f"/en/knowledge/export.{format}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="palermo-knowledge.{format}"'
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_the_open_data_download_is_a_file_written_once(
    records, data_folder, client, format, django_assert_max_num_queries
):
    first = download(client, format)
    bom = "\ufeff" if format == "csv" else ""  # a CSV download begins with the byte-order mark
    assert first.decode() == bom + one_by_one(records, format)
    written = list(data_folder.glob(f"knowledge-*.{format}"))
    assert len(written) == 1 and not list(data_folder.glob("*.tmp"))
    with django_assert_max_num_queries(3):  # the fingerprint, not the export
        assert download(client, format) == first


def test_the_open_data_file_is_written_again_when_records_change(records, data_folder, client):
    before = download(client)
    record = records[0]
    secretariat = UserFactory(role="secretariat_admin")
    secretariat.is_verified = lambda: True
    transition_record(record=record, user=secretariat, to_state=CurationState.DRAFT, note="Checking")
    after = download(client)
    assert after != before and f"\n{record.pk},".encode() not in after
    assert after.decode() == "\ufeff" + one_by_one(records[1:], "csv")
    assert len(list(data_folder.glob("knowledge-*.csv"))) == 1  # the earlier file is gone
    Record.objects.filter(pk=records[1].pk).delete()  # even a deletion outside the domain
    assert f"\n{records[1].pk},".encode() not in download(client)


def test_while_one_process_writes_the_file_the_others_send_the_previous_one(records, data_folder, client):
    before = download(client)
    records[0].delete()
    with open(data_folder / ".knowledge-csv.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process is writing the new file
        assert download(client) == before
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert download(client) != before


def test_the_first_file_ever_is_waited_for(records, data_folder):
    data_folder.mkdir(parents=True)
    lock = open(data_folder / ".knowledge-jsonl.lock", "a")  # noqa: SIM115
    fcntl.flock(lock, fcntl.LOCK_EX)
    threading.Timer(0.3, lambda: (fcntl.flock(lock, fcntl.LOCK_UN), lock.close())).start()
    with open_data.published_file("jsonl") as handle:  # blocks until the "other process" is done
        assert handle.read().decode() == one_by_one(records, "jsonl")


def test_an_interrupted_write_leaves_no_file(records, data_folder, monkeypatch):
    def broken(format):
        yield "half a file"
        raise RuntimeError("disk full")

    monkeypatch.setattr(open_data, "export_published", broken)
    with pytest.raises(RuntimeError):
        open_data.published_file("csv")
    assert list(data_folder.iterdir()) == [data_folder / ".knowledge-csv.lock"]


# Search downloads.


@pytest.mark.parametrize("format", ["csv", "jsonl"])
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("year_from=abc", "year_from: Enter a whole number."),
        ("q=migrants&kind=novel", "kind: Select a valid choice."),
        ("q=smuggling%20NOT", "q: "),
        ("q=migrants&page=0", "page: "),
    ],
)
def test_a_search_that_does_not_hold_up_is_not_downloaded(records, client, format, query, field):
    response = client.get(f"/en/knowledge/search.{format}?{query}")
    assert response.status_code == 400 and response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "This search is not valid, so nothing was exported:"
    assert lines[1].startswith(field)


def test_a_search_download_is_read_a_batch_at_a_time(records, client):
    response = client.get("/en/knowledge/search.csv?year_from=2004")
    with CaptureQueriesContext(connection) as queries:
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == len([r for r in records if r.year and r.year >= 2004]) > 20
    assert len(queries) <= 14
    everything = client.get("/en/knowledge/search.csv")
    assert len(list(csv.reader(io.StringIO(b"".join(everything.streaming_content).decode())))) == 29


def test_on_a_server_the_file_is_written_beside_the_requests(
    register_data, data_folder, settings, client, monkeypatch
):
    """The download that finds the records changed gets the previous file at once; a thread writes the new
    one; the very first download, if the file takes too long, is asked to come back (503)."""
    settings.OPEN_DATA_IN_BACKGROUND = True
    published_case("Smuggling by sea", "Migrants were smuggled by sea.")
    first = download(client)
    assert b"Smuggling by sea" in first
    published_case("Trafficking by land", "Victims were trafficked by land.")
    assert download(client) == first  # the previous file, while the thread writes the new one
    for _ in range(100):
        if len(list(data_folder.glob("knowledge-*.csv"))) == 1 and b"by land" in download(client):
            break
        time.sleep(0.05)
    assert b"Trafficking by land" in download(client)
    for old in data_folder.glob("knowledge-*"):
        old.unlink()
    with open(data_folder / ".knowledge-csv.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a writer that takes longer than the wait
        assert open_data.published_file("csv", wait=0.3) is None
        monkeypatch.setattr(open_data, "FIRST_FILE_WAIT_SECONDS", 0.3)
        response = client.get("/en/knowledge/export.csv")
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert response.status_code == 503 and response["Retry-After"] == "60"
