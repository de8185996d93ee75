"""Running jobs: one job (`run_job`), the queue drained in this process (`run_pending`, for tests and
`palermo worker --once`), and the worker's loop (`Worker`)."""

import logging
import os
import signal
import threading
import time
from collections.abc import Callable

from django.db import DatabaseError, close_old_connections, connection

from palermo.core.jobs import queue
from palermo.core.jobs.context import JobContext, JobFailed
from palermo.core.jobs.registry import autodiscover, kind_for, registered_kinds
from palermo.core.models import Job, JobState

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 2.0


def run_job(
    job: Job,
    lease: queue.Lease,
    *,
    stop_event: threading.Event | None = None,
    heartbeat: bool = False,
) -> str:
    """Run a claimed job's handler and record how it ended; returns the job's state afterwards. With
    `heartbeat`, a thread says the run is alive while the handler is busy (the worker; not in tests,
    whose transaction other connections cannot see)."""
    kind = kind_for(job.kind)
    context = JobContext(job, lease, stop_event=stop_event)
    beater = Heartbeat(context) if heartbeat else None
    if beater:
        beater.start()
    try:
        if kind is None:
            raise LookupError(f"no job kind {job.kind!r} is registered")
        returned = kind.handler(context)
    except Exception as error:
        if context.lost.is_set():
            return _lost(job)
        if isinstance(error, JobFailed):
            logger.warning("Job %s (%s) failed: %s", job.pk, job.kind, error)
            result = {**error.result, "error": queue.error_text(error)}
        else:
            logger.exception("Job %s (%s) failed", job.pk, job.kind)
            result = {"error": queue.error_text(error)}
        if queue.finish(lease, state=JobState.FAILED, result=result, **_figures(job)):
            job.refresh_from_db()
            queue.abandon(job)
        return _state(job)
    finally:
        if beater:
            beater.stop()
    if context.lost.is_set():
        return _lost(job)
    if context.told_to_stop and context.stop_event.is_set():
        queue.requeue(lease)  # stopped early for a shutdown: resumed later from the checkpoint
        return _state(job)
    result = returned if isinstance(returned, dict) else context.result
    queue.finish(lease, state=JobState.DONE, result=result, **_figures(job))
    return _state(job)


def _figures(job: Job) -> dict:
    return {"done": job.done, "total": job.total, "note": job.note}


def _state(job: Job) -> str:
    job.refresh_from_db(fields=["state", "result", "finished_at", "attempts", "worker"])
    return job.state


def _lost(job: Job) -> str:
    """The run lost the job: cancelled (then undo what it wrote) or taken again by another worker."""
    state = _state(job)
    if state == JobState.CANCELLED:
        queue.abandon(job)
    return state


def run_pending(*, stale_after: float | None = None, log: Callable[[str], None] | None = None) -> int:
    """Run queued jobs in this process until none is left (tests, `palermo worker --once`); returns how
    many ran. Running jobs whose heartbeat is older than `stale_after` seconds are taken again first."""
    worker = queue.worker_name()
    count = 0
    queue.recover_stale(stale_after=stale_after)
    while claimed := queue.claim_next(worker=worker):
        job, lease = claimed
        state = run_job(job, lease)
        if log:
            log(f"Job {job.pk} ({job.kind}): {state}")
        count += 1
    return count


class Heartbeat(threading.Thread):
    """Says a run is alive every HEARTBEAT_SECONDS while its handler works, and notices a cancellation."""

    def __init__(self, context: JobContext):
        super().__init__(name=f"job-{context.lease.job_id}-heartbeat", daemon=True)
        self.context = context
        self.finished = threading.Event()

    def run(self) -> None:
        try:
            while not self.finished.wait(HEARTBEAT_SECONDS):
                try:
                    if not queue.beat(self.context.lease):
                        self.context.lost.set()
                        return
                except DatabaseError:  # the database is busy or away: the next beat tries again
                    logger.warning("Heartbeat of job %s failed", self.context.lease.job_id, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    def stop(self) -> None:
        self.finished.set()
        self.join()


class Worker:
    """`palermo worker`: take jobs one at a time until SIGTERM or SIGINT. On the first signal the current
    job is asked to stop (it checkpoints and is queued again); a second signal exits at once."""

    def __init__(
        self,
        *,
        log: Callable[[str], None],
        poll_seconds: float = 1.0,
        stale_after: float | None = None,
        parent_pid: int | None = None,
    ):
        self.log = log
        self.poll_seconds = poll_seconds
        self.stale_after = stale_after
        self.parent_pid = parent_pid
        self.name = queue.worker_name()
        self.stopping = threading.Event()

    def run(self, *, once: bool = False) -> int:
        autodiscover()
        self.install_signal_handlers()
        self.log(f"Worker {self.name} started; kinds: {', '.join(registered_kinds()) or 'none'}")
        count = 0
        while not self.stopping.is_set():
            try:
                ran = self.run_one()
            except DatabaseError:
                logger.exception("The worker could not reach the database; trying again")
                close_old_connections()
                connection.close()
                ran = False
            count += ran
            if ran:
                continue
            if once or not self.parent_alive():
                break
            self.stopping.wait(self.poll_seconds)
        self.log(f"Worker {self.name} stopped after {count} job(s)")
        return count

    def run_one(self) -> bool:
        for job in queue.recover_stale(stale_after=self.stale_after):
            self.log(f"Job {job.pk} ({job.kind}) failed: {job.result.get('error', '')}")
        claimed = queue.claim_next(worker=self.name)
        if claimed is None:
            return False
        job, lease = claimed
        resumed = " from its checkpoint" if job.checkpoint else ""
        self.log(f"Job {job.pk} ({job.kind}) started, attempt {job.attempts}{resumed}")
        started = time.monotonic()
        state = run_job(job, lease, stop_event=self.stopping, heartbeat=True)
        elapsed = time.monotonic() - started
        outcome = "stopped at its checkpoint, queued again" if state == JobState.QUEUED else state
        error = f": {job.result['error']}" if state == JobState.FAILED and job.result.get("error") else ""
        self.log(f"Job {job.pk} ({job.kind}) {outcome}{error} after {elapsed:.1f} s")
        return True

    def parent_alive(self) -> bool:
        """Whether the process that started this worker (`palermo demo`) still runs, when one was named."""
        # An orphan is adopted by another process: the parent's id changes (a dead one's may be reused).
        return self.parent_pid is None or os.getppid() == self.parent_pid

    def install_signal_handlers(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return

        def stop(signum, frame):
            if self.stopping.is_set():
                raise SystemExit(1)
            self.log(f"Worker {self.name}: {signal.Signals(signum).name}, stopping after the current step")
            self.stopping.set()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
