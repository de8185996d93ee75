"""The background job of entity resolution: "networks.resolve" finds and scores candidate pairs of an
investigation, then hits in other investigations (networks/domain/resolution_run.py). Imported by
networks/jobs.py, where the worker finds job kinds."""

from palermo.core.jobs import JobContext, register
from palermo.networks.domain.resolution_run import JOB_KIND, resolve


@register(JOB_KIND, unit="entities")
def run_resolution(job: JobContext) -> dict:
    return resolve(job)
