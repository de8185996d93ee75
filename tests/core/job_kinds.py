"""Job kinds for tests only: imported by tests/core/test_jobs.py, and by a worker process when
PALERMO_EXTRA_JOB_MODULES=tests.core.job_kinds."""

import time

from django.db import transaction

from palermo.core.audit import log_action
from palermo.core.jobs import JobContext, JobFailed, register

ABANDONED: list[int] = []  # ids of the jobs whose clean-up ran (in this process)


def forget(job) -> None:
    ABANDONED.append(job.pk)


@register("tests.items", unit="items", on_abandon=forget)
def count_items(job: JobContext) -> None:
    """Log one audit entry per item, each with the checkpoint after it in the same transaction."""
    total = job.params["items"]
    for item in range(job.checkpoint.get("next", 0), total):
        if job.should_stop():
            return
        time.sleep(job.params.get("delay", 0))
        with transaction.atomic():
            log_action("tests.item", data={"job": job.job.pk, "item": item})
            job.progress(item + 1, total, checkpoint={"next": item + 1}, note="Counting")
    job.result = {"counted": total}


@register("tests.crashes", on_abandon=forget)
def crash(job: JobContext) -> None:
    job.progress(1, 10, note="Reading")
    raise ValueError("The file has no header line.")


@register("tests.refuses")
def refuse(job: JobContext) -> None:
    raise JobFailed("2 lines have problems.", result={"problems": [{"line": 3, "problem": "no schema"}]})
