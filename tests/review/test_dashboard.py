"""The secretariat's dashboard: progress by group and phase, overdue counts, CSV; nobody else sees it."""

import csv
import io

import pytest
from django.urls import reverse

from palermo.review.dashboard import STATES, needs, needs_by, progress
from palermo.review.domain import questionnaire, steps
from palermo.review.models import Review
from tests.factories import signed_in
from tests.review.conftest import answer_everything
from tests.review.test_questionnaire import saq

pytestmark = pytest.mark.django_db


def test_progress_counts_every_review_once_per_phase(two_reviews):
    first = two_reviews["first"]
    review = first["review"]
    document = answer_everything(saq(first), first["expert"])
    steps.move(document=document, user=first["expert"], to_state="awaiting_clearance")
    cells = progress(review.cycle)
    total = Review.objects.filter(cycle=review.cycle).count()
    assert sum(sum(cell.counts.values()) for (group, phase), cell in cells.items() if phase == 1) == total
    cell = cells[review.group, 1]
    assert cell.counts["awaiting_clearance"] == 1
    assert cell.overdue == 0  # the cycle starts in 2030
    review.cycle.first_year = 2020
    review.cycle.save()
    cell = progress(review.cycle)[review.group, 1]
    group_size = Review.objects.filter(cycle=review.cycle, group=review.group).count()
    assert cell.overdue == group_size  # nobody's self-assessment of phase 1 is cleared


def test_only_the_secretariat_sees_the_dashboard(client, two_reviews, secretariat):
    number = two_reviews["first"]["review"].cycle.number
    pages = [reverse("review:dashboard", args=[number]), reverse("review:dashboard_csv", args=[number])]
    signed_in(client, two_reviews["first"]["focal point"])
    assert [client.get(page).status_code for page in pages] == [404, 404]
    client.logout()
    signed_in(client, secretariat)
    page = client.get(pages[0]).content.decode()
    assert "<svg" in page and "Group 1" in page
    rows = list(csv.reader(io.StringIO(client.get(pages[1]).content.decode("utf-8-sig"))))
    assert rows[0] == ["cycle", "group", "phase", *STATES, "overdue"]
    assert len(rows) == 1 + 3 * 4  # three groups, four phases


def test_assistance_needs_of_cleared_self_assessments_are_aggregated(client, two_reviews, secretariat):
    first = two_reviews["first"]
    review = first["review"]
    document = answer_everything(saq(first), first["expert"])
    for article, kind, priority in [
        ("5", "training", "high"),
        ("5", "legislative", "low"),
        ("6", "training", "high"),
    ]:
        questionnaire.add_need(
            document=document,
            user=first["expert"],
            article=article,
            kind=kind,
            priority=priority,
            description="x",
        )
    assert needs(review.cycle) == []  # a draft's needs are not the State's word yet
    steps.move(document=document, user=first["expert"], to_state="awaiting_clearance")
    steps.move(document=document, user=first["focal point"], to_state="cleared")
    rows = needs(review.cycle)
    assert len(rows) == 3 and rows[0]["state"] == review.state_under_review_id
    by_kind = needs_by(rows, lambda n: n["kind"])
    assert [(c.label, c.row()) for c in by_kind] == [
        ("training", [2, 2, 0, 0]),
        ("legislative", [1, 0, 0, 1]),
    ]
    signed_in(client, secretariat)
    page = client.get(reverse("review:dashboard", args=[review.cycle.number])).content.decode()
    assert "3 needs named in the cleared self-assessments" in page
    assert "Organized Crime Convention, art. 5" in page  # the instrument and article as the reader reads them
    exported = client.get(reverse("review:needs_csv", args=[review.cycle.number])).content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(exported)))
    assert lines[0] == [
        "cycle",
        "group",
        "phase",
        "state",
        "region",
        "instrument",
        "article",
        "kind",
        "priority",
    ]
    assert lines[1][-3:] == ["5", "training", "high"]
    client.logout()
    signed_in(client, first["focal point"])
    assert client.get(reverse("review:needs_csv", args=[review.cycle.number])).status_code == 404
