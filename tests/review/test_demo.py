"""The demo's Review Mechanism: a drawn and published demo cycle with phase 1 of Italy's review worked
through to a published summary, every text marked as demo data."""

import pytest
from django.test import Client

from palermo.accounts.demo import create_demo_accounts
from palermo.accounts.models import User
from palermo.review.demo import create_demo_cycle
from palermo.review.domain import outcomes, steps
from palermo.review.models import Review, ReviewRole, StepDocument

pytestmark = pytest.mark.django_db


def test_the_demo_cycle_has_a_worked_phase_with_a_published_summary(settings):
    settings.DEMO_MODE = True
    create_demo_accounts()
    assert create_demo_cycle()
    documents = StepDocument.objects.filter(review__state_under_review="ITA", review__instrument="UNTOC")
    assert {d.kind: d.state for d in documents} == {
        "self_assessment": "cleared",
        "feedback": "cleared",
        "observations": "cleared",
        "summary": "cleared",
    }
    summary = outcomes.published_summaries().get()
    assert summary.review.cycle.is_demo
    page = Client().get(f"/en/review/summaries/{summary.pk}/").content.decode()
    assert "demo data" in page and "[Demo data, invented]" in page
    assert not create_demo_cycle()  # once


def test_the_demo_is_consistent_in_time_and_every_role_can_be_tried(settings):
    """Every feedback is due after the self-assessment it comments on (the worked example is dated after
    its phase began), and the demo observer is appointed to a review, so that the role can be tried."""
    settings.DEMO_MODE = True
    create_demo_accounts()
    create_demo_cycle()
    worked = Review.objects.filter(documents__isnull=False).distinct()
    assert worked.exists()
    for review in worked:
        for phase in range(1, 5):
            listed = steps.steps(review, phase)
            saq_due = listed[0].due
            for step in listed:
                if step.document is not None and step.document.pk:
                    for move in step.document.transitions.all():
                        assert move.at.date() >= steps.phase_start(review, phase), step
                if step.kind == "feedback" and step.due is not None:
                    assert step.due >= saq_due, (review, phase, step.party)
    observer = User.objects.get(email="observer@demo.palermo.invalid")
    appointments = observer.review_roles.filter(role=ReviewRole.OBSERVER, ended_at=None)
    assert appointments.count() >= 1
    review = appointments.first().review
    assert review.documents.filter(state="cleared").exists()  # something to read
