"""Every destructive action asks first (core.confirm): a POST without the ticked box changes nothing and
answers with a page that says what would happen, with the box to tick; with it, the action is done."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.knowledge.domain.saved import save_search
from palermo.knowledge.models import SavedSearch
from palermo.review.domain import participants, questionnaire, steps
from palermo.review.models import AppointmentRequest, AssistanceNeed, Participant
from tests.factories import UserFactory, signed_in
from tests.review.conftest import person, secretariat, two_reviews  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def asks(response, question: str) -> bool:
    page = response.content.decode()
    return (
        response.status_code == 200
        and "Nothing has been done yet." in page
        and question in page
        and '<input type="checkbox" name="confirm" value="yes" required>' in page
    )


def test_ending_an_appointment_asks_first(two_reviews):  # noqa: F811 (the fixtures imported above)
    cast = two_reviews["first"]
    review, expert = cast["review"], cast["expert"]
    participant = Participant.objects.get(review=review, user=expert, ended_at=None)
    client = signed_in(Client(), cast["focal point"])
    url = reverse("review:end_participation", args=[review.pk, participant.pk])
    page = client.get(reverse("review:review", args=[review.pk])).content.decode()
    assert (
        f'<details class="confirm"><summary>End the appointment</summary>\n<form method="post" action="{url}"'
        in page
    )
    response = client.post(url)
    assert asks(response, "will no longer take part in this review and loses access to it at once")
    participant.refresh_from_db()
    assert participant.ended_at is None
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    participant.refresh_from_db()
    assert participant.ended_at is not None


def test_removing_dismissing_and_publishing_ask_first(two_reviews, secretariat):  # noqa: F811 (the fixtures imported above)
    cast = two_reviews["first"]
    review, state = cast["review"], cast["review"].state_under_review_id
    saq = steps.document(review=review, phase=1, kind="self_assessment", party=state, user=cast["expert"])
    need = questionnaire.add_need(
        document=saq, user=cast["expert"], article="5", kind="training", priority="high", description="x"
    )
    expert_client = signed_in(Client(), cast["expert"])
    remove = reverse("review:saq_remove", args=[review.pk, 1, state, "needs", need.pk])
    assert asks(expert_client.post(remove), "The technical-assistance need will be removed")
    assert AssistanceNeed.objects.filter(pk=need.pk).exists()
    expert_client.post(remove, {"confirm": "yes"})
    assert not AssistanceNeed.objects.filter(pk=need.pk).exists()

    participants.appoint_by_email(
        review=review, party=state, role="observer", email="later@example.org", actor=cast["focal point"]
    )
    pending = AppointmentRequest.objects.get(email="later@example.org")
    secretariat_client = signed_in(Client(), secretariat)
    dismiss = reverse("review:dismiss_appointment_request", args=[review.pk, pending.pk])
    assert asks(secretariat_client.post(dismiss), "later@example.org will be closed")
    pending.refresh_from_db()
    assert pending.closed_at is None

    draw = review.assignments.first().draw
    publish = reverse("review:publish", args=[review.cycle.number, draw.pk])
    assert asks(secretariat_client.post(publish), "this cannot be undone")
    draw.refresh_from_db()
    assert draw.published_at is None


def test_returning_a_document_to_its_drafters_asks_first(two_reviews):  # noqa: F811 (the fixtures imported above)
    cast = two_reviews["first"]
    review, state = cast["review"], cast["review"].state_under_review_id
    summary = steps.document(review=review, phase=1, kind="summary", party=state, user=cast["expert"])
    steps.save_text(document=summary, user=cast["expert"], text="A summary.", expected_version=1)
    steps.move(document=summary, user=cast["expert"], to_state=steps.AWAITING)
    client = signed_in(Client(), cast["focal point"])
    url = reverse("review:document", args=[review.pk, 1, "summary", state])
    response = client.post(url, {"to_state": "draft", "comment": "Shorter, please."})
    assert asks(response, "The document goes back to its drafters")
    assert 'name="comment" value="Shorter, please."' in response.content.decode()  # posted again as typed
    summary.refresh_from_db()
    assert summary.state == steps.AWAITING
    client.post(url, {"to_state": "draft", "comment": "Shorter, please.", "confirm": "yes"})
    summary.refresh_from_db()
    assert summary.state == steps.DRAFT


def test_deleting_a_saved_search_and_suspending_an_account_ask_first(secretariat):  # noqa: F811 (the fixtures imported above)
    owner = UserFactory(role=Role.PUBLIC)
    saved = save_search(user=owner, name="Mine", query="q=fraud")
    owner_client = signed_in(Client(), owner)
    delete = reverse("knowledge:saved_search_delete", args=[saved.pk])
    assert asks(owner_client.post(delete), "The saved search “Mine” will be deleted.")
    assert SavedSearch.objects.filter(pk=saved.pk).exists()

    person_to_suspend = UserFactory(role=Role.PRACTITIONER)
    admin = signed_in(Client(), secretariat)
    suspend = reverse("accounts:user_action", args=[person_to_suspend.pk, "suspend"])
    assert asks(admin.post(suspend), "will be signed out everywhere")
    person_to_suspend.refresh_from_db()
    assert not person_to_suspend.is_suspended
