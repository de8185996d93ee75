"""Background jobs: the database is the queue; a job reports progress, resumes from its checkpoint after
its worker is killed, fails with a message, can be cancelled, and is never taken by two workers."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from palermo.core.jobs import JobContext, JobLost, cancel, enqueue, queue, run_pending
from palermo.core.jobs.runner import run_job
from palermo.core.models import AuditEntry, Job, JobState
from tests.core import job_kinds
from tests.factories import UserFactory

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(autouse=True)
def nothing_abandoned_yet():
    job_kinds.ABANDONED.clear()


def items_logged(job: Job) -> list[int]:
    entries = AuditEntry.objects.filter(action="tests.item", data__job=job.pk).order_by("id")
    return [entry.data["item"] for entry in entries]


@pytest.mark.django_db
def test_a_queued_job_runs_to_the_end_with_its_progress_and_result():
    user = UserFactory()
    job = enqueue(kind="tests.items", params={"items": 3}, user=user)
    assert (job.state, job.unit, job.created_by) == (JobState.QUEUED, "items", user)

    assert run_pending() == 1

    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.note) == (JobState.DONE, 3, 3, "Counting")
    assert job.result == {"counted": 3}
    assert job.checkpoint == {"next": 3}
    assert job.attempts == 1
    assert job.started_at <= job.finished_at
    assert items_logged(job) == [0, 1, 2]
    assert run_pending() == 0


@pytest.mark.django_db
def test_enqueueing_an_unknown_kind_is_refused():
    with pytest.raises(LookupError):
        enqueue(kind="tests.no-such-kind", params={}, user=None)
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_progress_is_throttled_but_a_checkpoint_is_written_at_once():
    enqueue(kind="tests.items", params={"items": 10}, user=None)
    job, lease = queue.claim_next(worker="w1")
    context = JobContext(job, lease)

    context.progress(5, 10, checkpoint={"next": 5}, note="Reading")
    context.progress(6)  # within half a second of the last write, no checkpoint: kept in memory only
    stored = Job.objects.get(pk=job.pk)
    assert (stored.done, stored.total, stored.note, stored.checkpoint) == (5, 10, "Reading", {"next": 5})

    context.progress(7, checkpoint={"next": 7})
    stored.refresh_from_db()
    assert (stored.done, stored.total, stored.note, stored.checkpoint) == (7, 10, "Reading", {"next": 7})


@pytest.mark.django_db
def test_a_handler_that_raises_fails_its_job_with_the_message_and_no_traceback(caplog):
    job = enqueue(kind="tests.crashes", params={}, user=None)
    run_pending()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.result == {"error": "The file has no header line."}
    assert (job.done, job.total, job.note) == (1, 10, "Reading")
    assert job.pk in job_kinds.ABANDONED
    assert "Traceback" in caplog.text  # logged for the operator, not stored for users


@pytest.mark.django_db
def test_a_handler_refusing_its_input_fails_with_its_problems():
    job = enqueue(kind="tests.refuses", params={}, user=None)
    run_pending()
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.result == {
        "error": "2 lines have problems.",
        "problems": [{"line": 3, "problem": "no schema"}],
    }


@pytest.mark.django_db
def test_a_queued_job_cancelled_never_runs_and_the_cancellation_is_audited():
    user = UserFactory()
    job = enqueue(kind="tests.items", params={"items": 3}, user=None)
    assert cancel(job, user) is True
    assert run_pending() == 0
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED and job.finished_at is not None
    assert items_logged(job) == []
    assert job.pk in job_kinds.ABANDONED
    entry = AuditEntry.objects.get(action="job.cancelled")
    assert (entry.actor, entry.object_id, entry.data) == (user, str(job.pk), {"kind": "tests.items"})
    assert cancel(job, user) is False  # already ended


@pytest.mark.django_db
def test_a_running_job_cancelled_stops_and_its_unfinished_batch_is_rolled_back():
    job = enqueue(kind="tests.items", params={"items": 3}, user=None)
    job, lease = queue.claim_next(worker="w1")
    cancel(job, None)

    assert run_job(job, lease) == JobState.CANCELLED
    job.refresh_from_db()
    assert items_logged(job) == []  # the first item's progress raised JobLost inside its transaction
    assert job.result == {}
    assert [job.pk] == job_kinds.ABANDONED


@pytest.mark.django_db
def test_progress_of_a_run_that_lost_its_job_raises():
    enqueue(kind="tests.items", params={"items": 3}, user=None)
    job, lease = queue.claim_next(worker="w1")
    Job.objects.filter(pk=job.pk).update(worker="w2", attempts=2)  # taken by another worker meanwhile
    context = JobContext(job, lease)
    with pytest.raises(JobLost):
        context.progress(1, checkpoint={"next": 1})
    assert context.should_stop() is True
    assert Job.objects.get(pk=job.pk).checkpoint == {}


@pytest.mark.django_db
def test_two_claimers_never_take_the_same_job():
    first = enqueue(kind="tests.items", params={"items": 1}, user=None)
    second = enqueue(kind="tests.items", params={"items": 1}, user=None)
    assert queue.take(first.pk, worker="a") is True
    assert queue.take(first.pk, worker="b") is False  # the UPDATE takes only a job still queued

    claimed, lease = queue.claim_next(worker="b")
    assert (claimed.pk, lease.worker, lease.attempt) == (second.pk, "b", 1)
    assert queue.claim_next(worker="c") is None
    assert Job.objects.get(pk=first.pk).worker == "a"


@pytest.mark.django_db
def test_a_job_left_running_by_a_killed_worker_resumes_from_its_checkpoint():
    job = enqueue(kind="tests.items", params={"items": 4}, user=None)
    long_ago = timezone.now() - timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, worker="dead:1", attempts=1, heartbeat_at=long_ago, started_at=long_ago,
        done=2, total=4, checkpoint={"next": 2},
    )  # fmt: skip

    assert run_pending(stale_after=60) == 1

    job.refresh_from_db()
    assert (job.state, job.attempts, job.done) == (JobState.DONE, 2, 4)
    assert items_logged(job) == [2, 3]


@pytest.mark.django_db
def test_a_job_whose_worker_keeps_dying_fails_after_three_attempts():
    job = enqueue(kind="tests.items", params={"items": 4}, user=None)
    long_ago = timezone.now() - timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, worker="dead:3", attempts=3, heartbeat_at=long_ago
    )

    assert run_pending(stale_after=60) == 0

    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.result == {"error": queue.GAVE_UP}
    assert job.pk in job_kinds.ABANDONED


@pytest.mark.django_db
def test_a_running_job_with_a_recent_heartbeat_is_left_to_its_worker():
    job = enqueue(kind="tests.items", params={"items": 4}, user=None)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, worker="alive:1", attempts=1, heartbeat_at=timezone.now()
    )
    assert run_pending(stale_after=60) == 0
    assert Job.objects.get(pk=job.pk).state == JobState.RUNNING


@pytest.mark.django_db
def test_a_job_stopped_for_a_shutdown_is_queued_again_with_its_checkpoint():
    import threading

    job = enqueue(kind="tests.items", params={"items": 4}, user=None)
    Job.objects.filter(pk=job.pk).update(checkpoint={"next": 1})
    job, lease = queue.claim_next(worker="w1")
    stopping = threading.Event()
    stopping.set()

    assert run_job(job, lease, stop_event=stopping) == JobState.QUEUED
    job.refresh_from_db()
    assert (job.attempts, job.worker, job.checkpoint) == (0, "", {"next": 1})  # a clean stop is no failure
    assert items_logged(job) == []


@pytest.mark.django_db
def test_the_worker_command_once_runs_the_queue_and_says_what_it_ran():
    from io import StringIO

    job = enqueue(kind="tests.items", params={"items": 2}, user=None)
    output = StringIO()
    call_command("worker", once=True, stdout=output)
    assert output.getvalue().splitlines() == [f"Job {job.pk} (tests.items): done", "1 job(s) run"]


def test_a_real_worker_killed_mid_job_resumes_from_the_checkpoint_and_two_workers_share_the_queue(tmp_path):
    """`palermo worker` processes on a file SQLite database: the first is killed with SIGKILL mid-job; two
    more resume it from its checkpoint and run the other jobs. Every item of every job is done once."""
    environment = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHONPATH": str(REPO),
        "PALERMO_DATA_DIR": str(tmp_path),
        "PALERMO_DEMO": "1",
        "PALERMO_SECRET_KEY": "tests-only-not-a-secret",
        "PALERMO_EXTRA_JOB_MODULES": "tests.core.job_kinds",
    }
    setup = (
        "from django.core.management import call_command; call_command('migrate', 'core', verbosity=0)\n"
        "from palermo.core.jobs import enqueue\n"
        "enqueue(kind='tests.items', params={'items': 30, 'delay': 0.1}, user=None)\n"
        "for _ in range(6): enqueue(kind='tests.items', params={'items': 4, 'delay': 0.05}, user=None)\n"
    )
    palermo = [sys.executable, "-m", "palermo.cli"]
    subprocess.run([*palermo, "shell", "-c", setup], env=environment, cwd=REPO, check=True, timeout=60)
    database = sqlite3.connect(tmp_path / "palermo.sqlite3", timeout=10)

    def start_worker(name: str) -> subprocess.Popen:
        log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 (closed with the process)
        command = [*palermo, "worker", "--poll", "0.2", "--stale-after", "1"]
        return subprocess.Popen(command, env=environment, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)

    def wait_for(condition, what: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
            time.sleep(0.1)

    def first_job_done() -> int:
        return database.execute("SELECT done FROM core_job ORDER BY id LIMIT 1").fetchone()[0]

    first = start_worker("first")
    wait_for(lambda: first_job_done() >= 5, "the first job's fifth item")
    first.send_signal(signal.SIGKILL)
    first.wait()
    stopped_at = first_job_done()
    assert 5 <= stopped_at < 30

    second, third = start_worker("second"), start_worker("third")
    unfinished = "SELECT count(*) FROM core_job WHERE state != 'done'"
    wait_for(lambda: database.execute(unfinished).fetchone()[0] == 0, "every job done", timeout=25)
    for worker in (second, third):
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0

    jobs = database.execute("SELECT id, attempts, done, total FROM core_job ORDER BY id").fetchall()
    assert [(attempts, done, total) for _id, attempts, done, total in jobs] == [(2, 30, 30)] + [(1, 4, 4)] * 6
    logged = database.execute(
        "SELECT json_extract(data, '$.job'), json_extract(data, '$.item') FROM core_auditentry "
        "WHERE action = 'tests.item' ORDER BY id"
    ).fetchall()
    for job_id, _attempts, done, _total in jobs:
        assert sorted(item for job, item in logged if job == job_id) == list(range(done))
    logs = (tmp_path / "second.log").read_text() + (tmp_path / "third.log").read_text()
    assert f"Job {jobs[0][0]} (tests.items) started, attempt 2 from its checkpoint" in logs
    assert "stopped after" in logs


def test_a_worker_started_by_the_demo_stops_when_the_demo_is_gone():
    from palermo.core.jobs.runner import Worker

    assert Worker(log=print, parent_pid=os.getppid()).parent_alive() is True
    assert Worker(log=print, parent_pid=os.getppid() + 1).parent_alive() is False
    assert Worker(log=print).parent_alive() is True


@pytest.mark.django_db(transaction=True)
def test_claimers_in_parallel_on_postgresql_take_every_job_once():
    """Four threads, each with its own connection, claim twenty jobs at once (SKIP LOCKED)."""
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("threads share SQLite's in-memory test database; the worker test covers SQLite")
    jobs = [enqueue(kind="tests.items", params={"items": 1}, user=None).pk for _ in range(20)]
    taken: dict[str, list[int]] = {}

    def claim_all(name: str) -> None:
        try:
            taken[name] = []
            while claimed := queue.claim_next(worker=name, kinds=["tests.items"]):
                taken[name].append(claimed[0].pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim_all, args=(f"w{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(pk for pks in taken.values() for pk in pks) == jobs
    assert Job.objects.filter(state=JobState.RUNNING, attempts=1).count() == 20
