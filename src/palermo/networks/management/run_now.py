"""Running a queued job in the command that queued it, with its progress on stderr: the same job as the
web's, for the command line (`import-entities`, `load-watch-list`)."""

import sys

from django.core.management.base import CommandError

from palermo.core.jobs import JobContext
from palermo.core.jobs.queue import claim_next
from palermo.core.jobs.runner import run_job


def run_now(job, *, worker: str) -> str:
    """Run the queued jobs of the job's kind up to this one (older ones first, as the worker would);
    returns the job's state."""
    progress = JobContext.progress

    def report(ctx, done, total=None, *, checkpoint=None, note=""):
        progress(ctx, done, total, checkpoint=checkpoint, note=note)
        sys.stderr.write(f"\r{ctx.job.note or ''} {done:,}/{ctx.job.total or '?'} {ctx.job.unit}   ")

    JobContext.progress = report
    try:
        while claimed := claim_next(worker=worker, kinds=[job.kind]):
            state = run_job(*claimed)
            if claimed[0].pk == job.pk:
                break
        else:
            raise CommandError(f"job {job.pk} was taken by a worker")
    finally:
        JobContext.progress = progress
    sys.stderr.write("\n")
    job.refresh_from_db()
    return state
