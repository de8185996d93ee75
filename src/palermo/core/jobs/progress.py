"""How a job's progress is shown: figures in the reader's language, and the part htmx polls for.

An owning app's poll view checks permissions, then returns `render_job_progress(request, job)`; its pages
include the same part: {% include "core/job_progress.html" with job=job poll_url=URL %}.
"""

from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

from palermo.core.models import Job, JobState

TEMPLATE = "core/job_progress.html"

# What jobs count, in the reader's language; a unit not named here is shown as the job wrote it.
UNIT_NAMES = {
    "lines": lambda count: ngettext("line", "lines", count),
    "entities": lambda count: ngettext("entity", "entities", count),
    "records": lambda count: ngettext("record", "records", count),
    "statements": lambda count: ngettext("statement", "statements", count),
    "pairs": lambda count: ngettext("pair", "pairs", count),
    "items": lambda count: ngettext("item", "items", count),
    "steps": lambda count: ngettext("step", "steps", count),
}


def render_job_progress(request, job: Job, *, poll_url: str | None = None, template_name: str = TEMPLATE):
    """The progress part of `job`, polled again from `poll_url` (by default the address asked) while the
    job is queued or running. Never cached. The poll that finds the job ended reloads the page (htmx's
    HX-Refresh), so that it shows what the job made: the imported source, the candidates found."""
    context = {"job": job, "poll_url": poll_url or request.get_full_path()}
    response = render(request, template_name, context)
    add_never_cache_headers(response)
    if request.headers.get("HX-Request") == "true" and not job.is_active:
        response["HX-Refresh"] = "true"
    return response


def job_figures(job: Job, *, now=None) -> dict:
    """What the progress part shows: counts, rate per second and time left, written as the active
    language writes numbers."""
    now = now or timezone.now()
    done, total = job.done, job.total
    rate = None
    if job.started_at and done:
        elapsed = ((job.finished_at or now) - job.started_at).total_seconds()
        rate = done / elapsed if elapsed > 0 else None
    seconds_left = None
    if job.state == JobState.RUNNING and rate and total is not None:
        seconds_left = max(total - done, 0) / rate
    return {
        "done": grouped(done),
        "total": grouped(total) if total is not None else "",
        "value": min(done, total) if total is not None else done,
        "max": total,
        "unit": unit_name(job.unit, total if total is not None else done),
        "rate": grouped(rate, decimals=0 if rate >= 10 else 1) if rate else "",
        "rate_unit": unit_name(job.unit, round(rate)) if rate else "",
        "time_left": duration(seconds_left) if seconds_left is not None else "",
        "state": job.get_state_display(),
        "error": (job.result or {}).get("error", "") if job.state == JobState.FAILED else "",
    }


def grouped(number: float, *, decimals: int = 0) -> str:
    """1 234 567 as the active language groups digits (1,234,567; 1 234 567; 1.234.567)."""
    return formats.number_format(number, decimal_pos=decimals, force_grouping=True)


def unit_name(unit: str, count: int) -> str:
    name = UNIT_NAMES.get(unit)
    return name(count) if name else unit


def duration(seconds: float) -> str:
    """A time left, rounded to what is worth saying: '40 seconds', '12 minutes', '3 hours'."""
    if seconds < 90:
        count = max(round(seconds), 1)
        return ngettext("%(count)s second", "%(count)s seconds", count) % {"count": grouped(count)}
    if seconds < 90 * 60:
        count = round(seconds / 60)
        return ngettext("%(count)s minute", "%(count)s minutes", count) % {"count": grouped(count)}
    count = round(seconds / 3600)
    return ngettext("%(count)s hour", "%(count)s hours", count) % {"count": grouped(count)}
