"""What a job's handler is given: its parameters, its checkpoint, and the means to report progress."""

import threading
import time

from palermo.core.jobs import queue
from palermo.core.models import Job

# Progress without a checkpoint is written at most this often (the page asks once a second).
PROGRESS_INTERVAL = 0.5
# How often a run says it is alive when the handler reports progress or asks whether to stop.
BEAT_INTERVAL = 1.0


class JobFailed(Exception):
    """Raised by a handler to end its job as failed with a message for people and, in `result`, details
    (problems by line...). Logged without a traceback: it is an expected outcome."""

    def __init__(self, message: str, *, result: dict | None = None):
        super().__init__(message)
        self.result = result or {}


class JobLost(Exception):
    """Raised by `progress` when the job is no longer this run's (cancelled, or taken by another worker):
    raised inside the handler's transaction, it rolls back the batch that should not be written."""


class JobContext:
    """A handler's view of its job. A handler must be resumable from `checkpoint`: the worker may be
    killed at any moment, and a new run starts from the last checkpoint it wrote."""

    def __init__(self, job: Job, lease: queue.Lease, *, stop_event: threading.Event | None = None):
        self.job = job
        self.params: dict = job.params
        self.checkpoint: dict = dict(job.checkpoint or {})
        self.result: dict = {}
        self.lease = lease
        self.stop_event = stop_event or threading.Event()
        self.lost = threading.Event()  # the job was cancelled, or another run took it
        self.told_to_stop = False
        self._last_write = float("-inf")
        self._last_beat = time.monotonic()

    def progress(
        self, done: int, total: int | None = None, *, checkpoint: dict | None = None, note: str = ""
    ):
        """Report how far the job is; an empty note keeps the current one. With a checkpoint the write is
        immediate (a restart resumes from it), without one at most one per PROGRESS_INTERVAL. Called outside
        the handler's transactions it commits in a short transaction of its own; called inside the
        transaction that writes a batch, the checkpoint commits with the batch (each batch exactly once).
        Raises JobLost if the job was cancelled or taken by another run meanwhile."""
        self.job.done = done
        if total is not None:
            self.job.total = total
        if note:
            self.job.note = note[:300]
        if checkpoint is not None:
            self.checkpoint = dict(checkpoint)
        now = time.monotonic()
        if checkpoint is None and now - self._last_write < PROGRESS_INTERVAL:
            return
        self._last_write = self._last_beat = now
        if not queue.save_progress(
            self.lease, done=done, total=self.job.total, note=self.job.note, checkpoint=checkpoint
        ):
            self.lost.set()
            raise JobLost(f"job {self.lease.job_id} is no longer this run's")

    def should_stop(self) -> bool:
        """Whether to stop now (after writing a checkpoint): the job was cancelled or the worker is
        shutting down. A handler that stops for shutdown is resumed later from its checkpoint."""
        if not self.lost.is_set() and time.monotonic() - self._last_beat >= BEAT_INTERVAL:
            self._last_beat = time.monotonic()
            if not queue.beat(self.lease):
                self.lost.set()
        stop = self.stop_event.is_set() or self.lost.is_set()
        self.told_to_stop = self.told_to_stop or stop
        return stop

    @property
    def cancelled(self) -> bool:
        """Whether the job was cancelled (or taken by another run): stop without finishing."""
        return self.lost.is_set()
