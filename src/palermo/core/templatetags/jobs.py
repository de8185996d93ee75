from django import template

from palermo.core.jobs.progress import job_figures as figures_of

register = template.Library()


@register.simple_tag
def job_figures(job) -> dict:
    """`{% job_figures job as figures %}`: what core/job_progress.html shows (palermo.core.jobs.progress)."""
    return figures_of(job)
