"""The import's single pass: batches are written while the file is good; a problem found after some
batches were written still leaves nothing behind and every problem is named; a worker killed between
batches resumes from the last checkpoint (FtM lines from a byte offset, tables from a row)."""

import pytest

from palermo.core.jobs import queue, run_pending
from palermo.core.jobs.runner import run_job
from palermo.core.models import JobState
from palermo.networks.domain import imports
from palermo.networks.ftm.loader import Loader
from palermo.networks.models import Entity, SourceKind, SourceState, Statement
from tests.networks.ftm_helpers import ftm_lines, import_now, person, upload
from tests.networks.test_ftm_mapping import mapping

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


class Killed(BaseException):
    """The worker process dies: nothing of the handler's own handling runs."""


def kill_at_batch(monkeypatch, number: int) -> None:
    """The worker dies while writing batch `number` (its transaction is rolled back, as on a kill)."""
    write = Loader.write
    calls = {"n": 0}

    def write_then_die(self, fragments):
        calls["n"] += 1
        if calls["n"] == number:
            raise Killed
        return write(self, fragments)

    monkeypatch.setattr(Loader, "write", write_then_die)


def test_a_problem_after_written_batches_leaves_nothing_and_every_problem_is_named(inquiry, monkeypatch):
    monkeypatch.setattr(imports, "BATCH_SIZE", 2)
    good = [person(f"p{n}", f"Person {n}", nationality=["it"]) for n in range(1, 7)]
    content = (
        ftm_lines(*good)
        + b'{"id": "p7", "schema": "Persn", "properties": {}}\n'
        + ftm_lines(person("p8", "Person 8"))
        + b"{not json\n"
    )
    source = import_now(inquiry.investigation, inquiry["analyst"], "late.jsonl", content)
    assert source.job.checkpoint["fragments"] == 4  # two batches were written before the problem
    assert source.state == SourceState.FAILED
    assert [(p["line"], p["field"], p["code"]) for p in source.job.result["problems"]] == [
        (7, "schema", "unknown_schema"),
        (9, "", "bad_json"),
    ]
    assert not Statement.objects.exists() and not Entity.objects.exists()


def test_a_schema_conflict_found_while_writing_is_named_with_the_problems_after_it(inquiry, monkeypatch):
    monkeypatch.setattr(imports, "BATCH_SIZE", 1)
    content = (
        ftm_lines(
            person("x1", "Ana Lima"),
            person("p2", "Bruno Costa"),
            {"id": "x1", "schema": "Company", "properties": {"name": ["Lima Ltda"]}},
            person("p3", "Carla Dias"),
        )
        + b"[]\n"
    )
    source = import_now(inquiry.investigation, inquiry["analyst"], "conflict.jsonl", content)
    assert source.state == SourceState.FAILED
    assert [(p["line"], p["field"], p["code"]) for p in source.job.result["problems"]] == [
        (3, "schema", "schema_conflict"),
        (5, "", "not_object"),
    ]
    assert not Statement.objects.exists() and not Entity.objects.exists()


def test_an_import_killed_between_batches_resumes_from_its_byte_offset(inquiry, monkeypatch):
    monkeypatch.setattr(imports, "BATCH_SIZE", 2)
    people = [person(f"p{n}", f"Person {n}", nationality=["it"]) for n in range(1, 8)]
    source = imports.start_import(
        investigation=inquiry.investigation,
        user=inquiry["analyst"],
        upload=upload("people.jsonl", b"\n" + ftm_lines(*people)),  # an empty first line counts too
        kind=SourceKind.FTM_LINES,
    )
    kill_at_batch(monkeypatch, 3)
    job, lease = queue.claim_next(worker="test")
    with pytest.raises(Killed):
        run_job(job, lease)
    job.refresh_from_db()
    assert job.state == JobState.RUNNING
    assert (job.checkpoint["line"], job.checkpoint["fragments"]) == (5, 4)
    assert Statement.objects.filter(source=source).count() == 8
    monkeypatch.undo()
    assert run_pending(stale_after=0) == 2  # the import, then the search it starts
    source.refresh_from_db()
    assert source.state == SourceState.READY
    assert (source.entity_count, source.statement_count) == (7, 14)
    rows = list(Statement.objects.filter(source=source).values_list("entity_id", "prop", "line"))
    assert len(rows) == len(set(rows)) == 14
    assert sorted(line for _e, prop, line in rows if prop == "name") == list(range(2, 9))
    assert sorted(Entity.objects.values_list("entity_id", flat=True)) == sorted(f"p{n}" for n in range(1, 8))


def test_a_table_import_killed_between_batches_resumes_from_its_row(inquiry, monkeypatch):
    monkeypatch.setattr(imports, "BATCH_SIZE", 3)
    rows = [f"r{n},Person {n},1970-01-0{n},it,Firm {n % 2}" for n in range(1, 6)]
    content = ("ref,name,born,country,employer\n" + "\n".join(rows) + "\n").encode()
    source = imports.start_import(
        investigation=inquiry.investigation,
        user=inquiry["analyst"],
        upload=upload("people.csv", content),
        kind=SourceKind.MAPPING,
        mapping_text=mapping(),
    )
    kill_at_batch(monkeypatch, 2)
    job, lease = queue.claim_next(worker="test")
    with pytest.raises(Killed):
        run_job(job, lease)
    job.refresh_from_db()
    assert job.checkpoint["line"] == 2  # the first row's three entities
    monkeypatch.undo()
    run_pending(stale_after=0)
    source.refresh_from_db()
    assert source.state == SourceState.READY
    statements = list(
        Statement.objects.filter(source=source).values_list("entity_id", "prop", "value", "line")
    )
    assert len(statements) == len(set(statements))
    people = Entity.objects.filter(schema="Person").values_list("caption", flat=True)
    assert sorted(people) == [f"Person {n}" for n in range(1, 6)]
    assert Entity.objects.filter(schema="Company").count() == 2
    assert Entity.objects.filter(schema="Employment").count() == 5
