"""The background job of the network's analysis: "networks.analyse" (networks/domain/analysis.py).
Imported by networks/jobs.py, where the worker finds job kinds."""

from palermo.core.jobs import JobContext, register
from palermo.networks.domain.analysis import JOB_KIND, analyse


@register(JOB_KIND, unit="steps")
def run_analysis(job: JobContext) -> dict:
    return analyse(job)
