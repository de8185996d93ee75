"""The background jobs of screening: loading a watch list ("networks.watch_list") and screening an
investigation against its authority's lists ("networks.screen"). Imported by networks/jobs.py."""

from palermo.core.jobs import JobContext, register
from palermo.networks.domain import screening, watch_lists


@register(watch_lists.JOB_KIND, unit="lines", on_abandon=watch_lists.abandon_load)
def run_watch_list(job: JobContext) -> dict:
    return watch_lists.run_load(job)


@register(screening.JOB_KIND, unit="entities")
def run_screening(job: JobContext) -> dict:
    return screening.screen(job)
