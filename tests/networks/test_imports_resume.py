"""An import stopped by the worker (shutdown, or killed after a batch committed but before its checkpoint)
resumes exactly where its last checkpoint says: no statement twice, none missing."""

import threading

import pytest
from django.utils import timezone

from palermo.core.jobs import JobContext, queue, run_pending
from palermo.core.jobs.runner import run_job
from palermo.networks.domain import imports
from palermo.networks.models import Entity, SourceKind, SourceState, Statement
from tests.networks.ftm_helpers import ftm_lines, person, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_a_stopped_import_resumes_from_its_checkpoint_without_duplicates(inquiry, monkeypatch):
    monkeypatch.setattr(imports, "BATCH_SIZE", 2)
    people = [person(f"p{n}", f"Person {n}", nationality=["it"]) for n in range(1, 8)]
    source = imports.start_import(
        investigation=inquiry.investigation,
        user=inquiry["analyst"],
        upload=upload("people.jsonl", ftm_lines(*people)),
        kind=SourceKind.FTM_LINES,
    )
    stop = threading.Event()
    progress = JobContext.progress

    def progress_then_stop(self, done, total=None, *, checkpoint=None, note=""):
        progress(self, done, total, checkpoint=checkpoint, note=note)
        if checkpoint and checkpoint.get("fragments", 0) >= 4:
            stop.set()  # the worker is told to shut down after the second batch

    monkeypatch.setattr(JobContext, "progress", progress_then_stop)
    job, lease = queue.claim_next(worker="test")
    assert run_job(job, lease, stop_event=stop) == "queued"
    job.refresh_from_db()
    assert job.checkpoint["fragments"] == 4 and job.checkpoint["line"] == 4
    assert Statement.objects.filter(source=source).count() == 8
    # A batch that committed after the checkpoint, as when the worker is killed before writing it.
    Statement.objects.create(
        investigation=inquiry.investigation,
        entity_id="p5",
        schema="Person",
        prop="name",
        value="Person 5",
        source=source,
        line=5,
        stated_at=timezone.now(),
    )
    Entity.objects.create(
        investigation=inquiry.investigation,
        entity_id="p5",
        canonical_id="p5",
        schema="Person",
        caption="Person 5",
        first_source=source,
    )
    monkeypatch.setattr(JobContext, "progress", progress)
    run_pending()
    source.refresh_from_db()
    assert source.state == SourceState.READY
    assert (source.entity_count, source.statement_count) == (7, 14)
    statements = list(Statement.objects.filter(source=source).values_list("entity_id", "prop", "line"))
    assert len(statements) == len(set(statements)) == 14
    assert sorted(Entity.objects.values_list("entity_id", flat=True)) == [f"p{n}" for n in range(1, 8)]


def test_a_schema_conflict_found_while_writing_leaves_nothing_behind(inquiry, monkeypatch):
    monkeypatch.setattr(imports, "BATCH_SIZE", 1)
    content = ftm_lines(
        person("x1", "Ana Lima"),
        person("p2", "Bruno Costa"),
        {"id": "x1", "schema": "Company", "properties": {"name": ["Lima Ltda"]}},
    )
    source = imports.start_import(
        investigation=inquiry.investigation,
        user=inquiry["analyst"],
        upload=upload("a.jsonl", content),
        kind=SourceKind.FTM_LINES,
    )
    run_pending()
    source.refresh_from_db()
    source.job.refresh_from_db()
    assert source.state == SourceState.FAILED
    assert [(p["line"], p["field"], p["code"]) for p in source.job.result["problems"]] == [
        (3, "schema", "schema_conflict")
    ]
    assert not Statement.objects.exists() and not Entity.objects.exists()
