"""The progress part of a job: a bar with counts, rate and time left in the reader's language, polled every
second while the job is queued or running and no longer once it has ended."""

from datetime import timedelta
from unittest import mock

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation

from palermo.core.jobs import render_job_progress
from palermo.core.jobs.progress import duration, job_figures
from palermo.core.models import Job, JobState

NOW = timezone.now()


def running_job(**fields) -> Job:
    started = NOW - timedelta(seconds=100)
    values = {"kind": "tests.items", "state": JobState.RUNNING, "unit": "lines", "started_at": started}
    return Job.objects.create(**(values | fields))


def progress_of(job: Job, path: str = "/networks/1/imports/7/progress/") -> str:
    with mock.patch("palermo.core.jobs.progress.timezone.now", return_value=NOW):
        response = render_job_progress(RequestFactory().get(path, HTTP_HX_REQUEST="true"), job)
    assert "no-store" in response["Cache-Control"]
    return response.content.decode()


@pytest.mark.django_db
def test_a_running_job_shows_its_bar_counts_rate_and_time_left_and_polls_every_second():
    job = running_job(done=250_000, total=1_000_000, note="Reading lines")
    html = progress_of(job)
    assert 'hx-get="/networks/1/imports/7/progress/" hx-trigger="every 1s" hx-swap="outerHTML"' in html
    assert 'role="status" aria-live="polite"' in html
    assert f'<progress id="job-{job.pk}-bar" max="1000000" value="250000"' in html
    assert "250,000 of 1,000,000 lines" in html
    assert "2,500 lines per second" in html
    assert "about 5 minutes left" in html
    assert "<strong>running</strong> — Reading lines" in html


@pytest.mark.django_db
def test_numbers_are_written_as_the_readers_language_groups_digits():
    job = running_job(done=250_000, total=1_000_000)
    with translation.override("fr"):
        figures = job_figures(job, now=NOW)
    assert figures["done"].replace("\u202f", " ").replace("\xa0", " ") == "250 000"
    assert figures["total"].replace("\u202f", " ").replace("\xa0", " ") == "1 000 000"


@pytest.mark.django_db
def test_a_finished_job_stops_polling_and_shows_its_final_counts():
    job = running_job(state=JobState.DONE, done=40, total=40, finished_at=NOW)
    html = progress_of(job)
    assert "hx-get" not in html and "hx-trigger" not in html
    assert "40 of 40 lines" in html
    assert "left" not in html


@pytest.mark.django_db
def test_a_failed_job_shows_its_message():
    job = running_job(
        state=JobState.FAILED, done=3, total=10, result={"error": "The file has no header line."}
    )
    html = progress_of(job)
    assert '<p class="errors">The file has no header line.</p>' in html
    assert "<strong>failed</strong>" in html and "hx-get" not in html


@pytest.mark.django_db
def test_a_queued_job_without_a_total_polls_and_shows_no_rate():
    job = Job.objects.create(kind="tests.items", unit="items")
    html = progress_of(job)
    assert 'hx-trigger="every 1s"' in html
    assert "<progress" not in html and "per second" not in html
    assert "0 items" in html


def test_time_left_is_rounded_to_what_is_worth_saying():
    assert [duration(s) for s in (0.2, 40, 89, 600, 5399, 7200)] == [
        "1 second",
        "40 seconds",
        "89 seconds",
        "10 minutes",
        "90 minutes",
        "2 hours",
    ]


@pytest.mark.django_db
def test_the_poll_that_finds_the_job_ended_reloads_the_page_and_no_other_does():
    """Found in the walk-through: the bar said "done" while the page still showed the state before."""
    ended = running_job(state=JobState.DONE, done=40, total=40, finished_at=NOW)
    running = running_job(done=10, total=40)
    poll = RequestFactory().get("/progress/", HTTP_HX_REQUEST="true")
    assert render_job_progress(poll, ended)["HX-Refresh"] == "true"
    assert "HX-Refresh" not in render_job_progress(poll, running)
    assert "HX-Refresh" not in render_job_progress(RequestFactory().get("/page/"), ended)  # the page itself
