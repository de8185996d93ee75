"""Export, import into an empty installation, export again: the same file, byte for byte (JSON Lines and CSV).

What the export holds is all that comes back: ids, publication dates, texts, relations, details, defendants
and victims. Versions, attachments and who created or verified a record are not in the export (see
docs/knowledge.md)."""

import json
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from palermo.knowledge.demo import create_demo_corpus
from palermo.knowledge.models import CurationState, Record
from tests.knowledge.test_exchange import CASE, LAW, write_jsonl

pytestmark = pytest.mark.django_db


def export(format: str) -> str:
    out = StringIO()
    call_command("export_knowledge", format=format, stdout=out)
    return out.getvalue()


def empty_installation() -> None:
    Record.objects.all().delete()


@pytest.fixture
def knowledge_base():
    """Published records of every kind, with defendants and victims, whose ids have gaps (a deleted record,
    a draft between published ones) and whose publication dates are their own."""
    create_demo_corpus(count=60)
    Record.objects.filter(pk__in=list(Record.objects.values_list("pk", flat=True))[::7]).delete()
    Record.objects.filter(pk__in=list(Record.objects.values_list("pk", flat=True))[::5]).update(
        state=CurationState.DRAFT, published_at=None
    )
    for day, record in enumerate(Record.objects.published().order_by("pk"), start=1):
        record.published_at = datetime(2020, 1, 1 + day % 28, 9, day % 60, 7, 250_000, tzinfo=UTC)
        record.save(update_fields=["published_at"])
    assert {"case", "legislation", "strategy", "bibliography"} <= set(
        Record.objects.values_list("kind", flat=True)
    )


@pytest.mark.parametrize("format", ["jsonl", "csv"])
def test_export_imported_into_an_empty_installation_exports_the_same_file(tmp_path, knowledge_base, format):
    first = export(format)
    empty_installation()
    path = tmp_path / f"knowledge.{format}"
    path.write_text(first, encoding="utf-8")
    call_command("import_knowledge", str(path), state="published", stdout=StringIO())
    assert export(format) == first


def test_the_round_trip_keeps_ids_and_publication_dates(tmp_path, knowledge_base):
    before = dict(Record.objects.published().values_list("pk", "published_at"))
    path = tmp_path / "knowledge.jsonl"
    path.write_text(export("jsonl"), encoding="utf-8")
    empty_installation()
    call_command("import_knowledge", str(path), state="published", stdout=StringIO())
    assert dict(Record.objects.values_list("pk", "published_at")) == before


def test_records_imported_after_kept_ids_get_ids_after_the_largest(tmp_path):
    call_command(
        "import_knowledge",
        write_jsonl(tmp_path, {**LAW, "id": 500}, {**CASE, "id": 70}),
        state="published",
        stdout=StringIO(),
    )
    call_command("import_knowledge", write_jsonl(tmp_path, LAW, name="new.jsonl"), stdout=StringIO())
    assert sorted(Record.objects.values_list("pk", flat=True))[:2] == [70, 500]
    assert Record.objects.order_by("-pk").first().pk > 500


def test_a_record_imported_as_draft_has_no_publication_date(tmp_path):
    published = {**LAW, "published_at": "2019-03-02T10:00:00+00:00"}
    call_command("import_knowledge", write_jsonl(tmp_path, published), state="draft", stdout=StringIO())
    assert Record.objects.get().published_at is None


def test_a_publication_date_without_time_zone_is_utc(tmp_path):
    published = {**LAW, "published_at": "2019-03-02T10:00:00"}
    call_command("import_knowledge", write_jsonl(tmp_path, published), state="published", stdout=StringIO())
    assert Record.objects.get().published_at == datetime(2019, 3, 2, 10, tzinfo=UTC)


def test_a_file_without_ids_or_dates_imports_with_new_ones(tmp_path):
    call_command("import_knowledge", write_jsonl(tmp_path, LAW), state="published", stdout=StringIO())
    record = Record.objects.get()
    assert (datetime.now(UTC) - record.published_at).total_seconds() < 60


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ({**LAW, "id": "seven"}, "records.jsonl, line 2, id: 'seven' is not a record number"),
        ({**LAW, "id": 0}, "records.jsonl, line 2, id: '0' is not a record number"),
        ({**LAW, "id": 4}, "records.jsonl, line 2, id: 4 is the id of line 1 already"),
        (
            {**LAW, "published_at": "yesterday"},
            "records.jsonl, line 2, published_at: 'yesterday' is not a date and time like",
        ),
        ({**LAW, "published_at": 2019}, "records.jsonl, line 2, published_at: '2019' is not a date and time"),
        ({**LAW, "published_at": "2999-01-01T00:00:00+00:00"}, "records.jsonl, line 2, published_at: '2999-"),
    ],
)
def test_bad_ids_and_publication_dates_are_reported_with_line_and_field(tmp_path, line, expected):
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_knowledge", write_jsonl(tmp_path, {**LAW, "id": 4}, line), stdout=StringIO(), stderr=err
        )
    assert any(problem.startswith(expected) for problem in err.getvalue().splitlines()), err.getvalue()
    assert not Record.objects.exists()


def test_an_id_taken_in_the_installation_is_a_problem_unless_new_ids_are_asked_for(tmp_path):
    path = write_jsonl(tmp_path, {**LAW, "id": 9}, {**CASE, "id": 12})
    call_command("import_knowledge", path, stdout=StringIO())
    err = StringIO()
    with pytest.raises(CommandError, match="with new ids: --new-ids") as failure:
        call_command("import_knowledge", path, stdout=StringIO(), stderr=err)
    assert "2 problem(s); nothing was imported" in str(failure.value)
    assert err.getvalue().splitlines() == [
        "records.jsonl, line 1, id: record 9 exists already in this installation",
        "records.jsonl, line 2, id: record 12 exists already in this installation",
    ]
    call_command("import_knowledge", path, new_ids=True, stdout=StringIO())
    assert Record.objects.count() == 4 and Record.objects.filter(pk__in=[9, 12]).count() == 2


def test_the_web_import_gives_new_ids(tmp_path):
    from palermo.knowledge.domain.exchange import import_records
    from palermo.knowledge.interfaces.exchange import read_jsonl

    text = json.dumps({**LAW, "id": 987_654}) + "\n"
    import_records(batch=read_jsonl(text, "a.jsonl"), state="published")
    import_records(batch=read_jsonl(text, "b.jsonl"), state="published")
    assert Record.objects.count() == 2 and 987_654 not in Record.objects.values_list("pk", flat=True)
