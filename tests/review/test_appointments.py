"""A focal point appoints its State's people by e-mail address and hears the same whether or not the
address has an account: what cannot be done at once goes to the secretariat, who registers and appoints
the person or dismisses the request."""

import re

import pytest
from django.urls import reverse

from palermo.core.models import AuditEntry
from palermo.register.models import Party
from palermo.review.domain import participants
from palermo.review.models import AppointmentRequest, Participant
from tests.factories import UserFactory, signed_in
from tests.review.conftest import person

pytestmark = pytest.mark.django_db


def appoint(client, review, party, email, role="governmental_expert"):
    """(status, where it leads, the messages shown there with the address left out) of an appointment."""
    response = client.post(
        reverse("review:appoint", args=[review.pk]), {"party_role": f"{party}:{role}", "email": email}
    )
    shown = client.get(response["Location"]).content.decode()
    messages = re.search(r'<ul class="messages">.*?</ul>', shown, re.S).group(0)
    return response.status_code, response["Location"], messages.replace(email, "ADDRESS")


def test_a_focal_point_hears_the_same_whether_or_not_the_address_has_an_account(
    client, two_reviews, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    cast = two_reviews["first"]
    review = cast["review"]
    state, reviewer = participants.parties_of(review)[:2]
    signed_in(client, cast["focal point"])
    newcomer = person(state)
    addresses = {
        "a registered person of the State": newcomer.email,
        "no account": "nobody@example.org",
        "an account of another State": person(reviewer).email,
        "an inactive account": UserFactory(is_active=False, organisation=newcomer.organisation).email,
        "someone already taking part": cast["observer"].email,
    }
    answers = {}
    for case, email in addresses.items():
        with django_capture_on_commit_callbacks(execute=True):
            answers[case] = appoint(client, review, state, email)
    assert len(set(answers.values())) == 1, answers  # same status, same page, same words
    status, location, said = answers["no account"]
    assert status == 302 and location == reverse("review:review", args=[review.pk])
    assert said == (
        '<ul class="messages"><li class="message success" role="status">If ADDRESS is the address of a registered person of '
        f"{Party.objects.get(code=state).name} who does not take part yet, they are now appointed and told so by e-mail; otherwise the "
        "secretariat is asked to register and appoint them.</li></ul>"
    )
    assert len(mailoutbox) == len(addresses)  # one e-mail each way
    assert Participant.objects.get(review=review, user=newcomer, ended_at=None).role == "governmental_expert"
    assert mailoutbox[0].to == [newcomer.email] and "you are appointed" in mailoutbox[0].subject
    pending = AppointmentRequest.objects.filter(review=review).order_by("pk")
    assert [(r.email, r.reason) for r in pending] == [
        ("nobody@example.org", "no_account"),
        (addresses["an account of another State"], "other_state"),
        (addresses["an inactive account"], "no_account"),
        (cast["observer"].email, "taking_part"),
    ]
    assert mailoutbox[1].to == [secretariat.email]
    assert "nobody@example.org" in mailoutbox[1].body
    assert AuditEntry.objects.filter(action="review.appointment.requested").count() == 4
    assert Participant.objects.get(user=cast["observer"], ended_at=None).role == "observer"  # unchanged


def test_the_secretariat_sees_the_requests_appoints_or_dismisses_them(client, two_reviews, secretariat):
    cast = two_reviews["first"]
    review = cast["review"]
    state = participants.parties_of(review)[0]
    for email in ("later@example.org", "never@example.org"):
        participants.appoint_by_email(
            review=review, party=state, role="observer", email=email, actor=cast["focal point"]
        )
    page = reverse("review:review", args=[review.pk])
    signed_in(client, cast["focal point"])
    assert "later@example.org" not in client.get(page).content.decode()  # only the secretariat sees them
    never = AppointmentRequest.objects.get(email="never@example.org")
    dismiss = reverse("review:dismiss_appointment_request", args=[review.pk, never.pk])
    assert client.post(dismiss).status_code == 404
    client.logout()
    signed_in(client, secretariat)
    listed = client.get(page).content.decode()
    assert "later@example.org" in listed and "No active account has this address" in listed
    client.post(dismiss, {"confirm": "yes"})
    registered = person(state)
    registered.email = "later@example.org"
    registered.save(update_fields=["email"])
    _status, _location, said = appoint(client, review, state, "later@example.org", role="observer")
    assert (
        f"{registered.get_full_name()} is appointed." in said
    )  # the secretariat is told exactly  # the secretariat is told exactly
    assert not AppointmentRequest.objects.filter(closed_at=None).exists()
    assert "later@example.org" not in client.get(page).content.decode()
    assert AuditEntry.objects.filter(action="review.appointment.request_closed").count() == 2
