"""The queue, kept in the database (SQLite or PostgreSQL): every change of a job's state happens here.

This is the one module a real broker would replace. A run of a job is a `Lease` (job, worker, attempt):
every write a run makes is conditional on the job still being running under that lease, so a worker that
was thought dead, or a job cancelled meanwhile, never overwrites what happened since.
"""

import logging
import os
import socket
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_noop

from palermo.core.audit import log_action
from palermo.core.jobs.registry import kind_for, registered_kinds
from palermo.core.models import Job, JobState

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
DEFAULT_STALE_SECONDS = 30
MAX_ERROR_LENGTH = 1000
# Stored untranslated, shown in the reader's language ({% translate %} of the stored text).
GAVE_UP = gettext_noop("The worker stopped three times while running this job; it was not tried again.")


@dataclass(frozen=True)
class Lease:
    """The right of one worker's run to write to a running job."""

    job_id: int
    worker: str
    attempt: int

    def rows(self):
        return Job.objects.filter(
            pk=self.job_id, state=JobState.RUNNING, worker=self.worker, attempts=self.attempt
        )


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def stale_seconds() -> int:
    """After how long without a heartbeat a running job counts as left by a killed worker."""
    return int(getattr(settings, "JOBS_STALE_SECONDS", DEFAULT_STALE_SECONDS))


def enqueue(*, kind: str, params: dict, user, unit: str | None = None) -> Job:
    """Queue a job. Inside the caller's transaction: workers see it only once that transaction commits."""
    registered = kind_for(kind)
    if registered is None:
        raise LookupError(f"no job kind {kind!r} is registered")
    return Job.objects.create(
        kind=kind,
        params=params,
        unit=registered.unit if unit is None else unit,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def claim_next(*, worker: str, kinds: list[str] | None = None) -> tuple[Job, Lease] | None:
    """Take the oldest queued job of the given kinds (by default every registered kind), or None. Two
    workers never take the same job: PostgreSQL skips the rows another worker has locked, and on both
    databases the taking UPDATE succeeds only while the job is still queued."""
    kinds = registered_kinds() if kinds is None else kinds
    while True:
        with transaction.atomic():
            job_id = (
                Job.objects.select_for_update(skip_locked=True)
                .filter(state=JobState.QUEUED, kind__in=kinds)
                .order_by("id")
                .values_list("pk", flat=True)
                .first()
            )
            if job_id is None:
                return None
            if take(job_id, worker=worker):
                job = Job.objects.get(pk=job_id)
                return job, Lease(job.pk, worker, job.attempts)
        # Another worker took it between the two statements (SQLite has no row locks): try the next one.


def take(job_id: int, *, worker: str) -> bool:
    """Mark a queued job as running for `worker`; False if it is no longer queued."""
    now = timezone.now()
    return bool(
        Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            state=JobState.RUNNING,
            worker=worker,
            attempts=F("attempts") + 1,
            started_at=Coalesce("started_at", now),
            heartbeat_at=now,
        )
    )


def recover_stale(*, stale_after: float | None = None) -> list[Job]:
    """Queue again the running jobs whose worker stopped beating (it was killed), to resume from their
    checkpoint; a job that has been taken MAX_ATTEMPTS times fails instead. Returns the jobs that failed."""
    limit = timezone.now() - timedelta(seconds=stale_seconds() if stale_after is None else stale_after)
    failed = []
    for job in Job.objects.filter(state=JobState.RUNNING, heartbeat_at__lt=limit).order_by("id"):
        unchanged = Job.objects.filter(
            pk=job.pk, state=JobState.RUNNING, worker=job.worker, attempts=job.attempts
        )
        if job.attempts >= MAX_ATTEMPTS:
            reason = GAVE_UP
            if unchanged.update(
                state=JobState.FAILED, result={"error": reason}, finished_at=timezone.now(), worker=""
            ):
                logger.warning("Job %s (%s) failed: %s", job.pk, job.kind, reason)
                job.refresh_from_db()
                abandon(job)
                failed.append(job)
        elif unchanged.update(state=JobState.QUEUED, worker=""):
            logger.warning("Job %s (%s) was left running by %s; queued again", job.pk, job.kind, job.worker)
    return failed


def beat(lease: Lease) -> bool:
    """Say the run is alive; False if the job is no longer this run's (cancelled, or taken again)."""
    return bool(lease.rows().update(heartbeat_at=timezone.now()))


def save_progress(lease: Lease, *, done: int, total: int | None, note: str, checkpoint: dict | None) -> bool:
    """Write progress (and the checkpoint, when given) in a short transaction of its own; False if the job
    is no longer this run's."""
    changes: dict[str, object] = {
        "done": done,
        "total": total,
        "note": note[:300],
        "heartbeat_at": timezone.now(),
    }
    if checkpoint is not None:
        changes["checkpoint"] = checkpoint
    with transaction.atomic():
        return bool(lease.rows().update(**changes))


def finish(lease: Lease, *, state: str, result: dict, done: int, total: int | None, note: str) -> bool:
    """End the run as done or failed; False if the job was no longer this run's."""
    return bool(
        lease.rows().update(
            state=state,
            result=result,
            done=done,
            total=total,
            note=note[:300],
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
        )
    )


def requeue(lease: Lease) -> bool:
    """Give the job back after a clean stop (the worker was asked to shut down): not a failed attempt."""
    return bool(lease.rows().update(state=JobState.QUEUED, worker="", attempts=F("attempts") - 1))


def cancel(job: Job, user) -> bool:
    """Cancel a queued or running job (a running one stops at its next check); audited. False if it had
    already ended."""
    now = timezone.now()
    with transaction.atomic():
        was_queued = bool(
            Job.objects.filter(pk=job.pk, state=JobState.QUEUED).update(
                state=JobState.CANCELLED, finished_at=now
            )
        )
        cancelled = was_queued or bool(
            Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
                state=JobState.CANCELLED, finished_at=now
            )
        )
        if not cancelled:
            job.refresh_from_db()
            return False
        job.refresh_from_db()
        log_action("job.cancelled", actor=user, obj=job, data={"kind": job.kind})
    if was_queued:
        abandon(job)  # nothing ran; a running job is abandoned by its worker once the handler returns
    return True


def abandon(job: Job) -> None:
    """Let the job's kind undo what the job wrote, after it failed or was cancelled."""
    kind = kind_for(job.kind)
    if kind is None or kind.on_abandon is None:
        return
    try:
        kind.on_abandon(job)
    except Exception:
        logger.exception("Cleaning up after job %s (%s) failed", job.pk, job.kind)


def error_text(error: BaseException) -> str:
    """What a failed job's result says: the exception's message, never a traceback."""
    return (str(error) or type(error).__name__)[:MAX_ERROR_LENGTH]
