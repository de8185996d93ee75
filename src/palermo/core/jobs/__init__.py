"""Background jobs: long work (imports, entity resolution, analytics) run by `palermo worker`, with
progress people see and a checkpoint a restarted worker resumes from. The database is the queue
(queue.py); docs/architecture.md, "Background jobs".

    @register("networks.import", unit="lines")
    def run_import(job: JobContext) -> None: ...

    enqueue(kind="networks.import", params={...}, user=user)   # visible to workers when the caller commits
"""

from palermo.core.jobs.context import JobContext, JobFailed, JobLost
from palermo.core.jobs.progress import render_job_progress
from palermo.core.jobs.queue import cancel, enqueue
from palermo.core.jobs.registry import register
from palermo.core.jobs.runner import run_pending

__all__ = [
    "JobContext",
    "JobFailed",
    "JobLost",
    "cancel",
    "enqueue",
    "register",
    "render_job_progress",
    "run_pending",
]
