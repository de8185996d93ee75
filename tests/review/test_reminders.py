"""Reminders of overdue steps go to the people who can act on them, in that review only, and not again
before the interval has passed."""

from io import StringIO

import pytest
from django.core.management import call_command

from palermo.review.domain import participants, steps
from palermo.review.domain.reminders import send_reminders
from palermo.review.models import DocumentKind, Reminder
from tests.review.conftest import answer_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def late(two_reviews):
    """The first review's cycle started long ago (every deadline of phase 1 has passed)."""
    cycle = two_reviews["first"]["review"].cycle
    cycle.first_year = 2021
    cycle.save()
    return two_reviews


def test_reminders_go_to_who_can_act_and_to_nobody_else(late, secretariat, mailoutbox):
    first, second = late["first"], late["second"]
    review = first["review"]
    unstaffed = participants.parties_of(review)[2:]  # reviewing States nobody was appointed for
    sent = send_reminders()
    by_step = {}
    for overdue, user in sent:
        by_step.setdefault(overdue.step, set()).add(user)
    state = review.state_under_review_id
    assert by_step[f"self_assessment:1:{state}"] == {
        first["focal point"],
        first["expert"],
    }  # not the observer
    for party in unstaffed:
        assert secretariat in by_step[f"focal_point_appointed:{party}"]
    people_of_second = {u for role, u in second.items() if role != "review"}
    assert not people_of_second & {user for _o, user in sent if _o.review == review}
    assert len(mailoutbox) == len(sent)
    message = next(m for m in mailoutbox if m.to == [first["expert"].email])
    assert "overdue" in message.subject and f"/review/reviews/{review.pk}/" in message.body
    assert Reminder.objects.count() == len(sent)
    assert send_reminders() == []  # not again within a week


def test_a_cleared_self_assessment_is_no_longer_overdue(late):
    first = late["first"]
    review = first["review"]
    state = review.state_under_review_id
    document = steps.document(
        review=review, phase=1, kind=DocumentKind.SELF_ASSESSMENT, party=state, user=first["expert"]
    )
    answer_everything(document, first["expert"])
    steps.move(document=document, user=first["expert"], to_state="awaiting_clearance")
    steps.move(document=document, user=first["focal point"], to_state="cleared")
    assert not [o for o, _u in send_reminders(dry_run=True) if o.step == f"self_assessment:1:{state}"]


def test_the_command_lists_reminders_without_sending_in_a_dry_run(late, mailoutbox):
    out = StringIO()
    call_command("send_review_reminders", dry_run=True, stdout=out)
    assert "reminder(s) due." in out.getvalue()
    assert mailoutbox == [] and Reminder.objects.count() == 0
