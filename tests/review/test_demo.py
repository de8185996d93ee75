"""The demo's Review Mechanism: a drawn and published demo cycle with phase 1 of Italy's review worked
through to a published summary, every text marked as demo data."""

import pytest
from django.test import Client

from palermo.accounts.demo import create_demo_accounts
from palermo.review.demo import create_demo_cycle
from palermo.review.domain import outcomes
from palermo.review.models import StepDocument

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
