"""People in reviews: who appoints whom, and that nobody outside a review sees anything of it — pages,
actions and API alike, for every role of every other review."""

import pytest
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.core.models import AuditEntry
from palermo.review.domain import participants
from palermo.review.domain.cycles import ReviewError
from palermo.review.models import Participant
from tests.factories import signed_in
from tests.review.conftest import person

pytestmark = pytest.mark.django_db


def test_who_appoints_whom(two_reviews, secretariat):
    review = two_reviews["first"]["review"]
    state, reviewer = participants.parties_of(review)[:2]
    focal_point = two_reviews["first"]["focal point"]
    with pytest.raises(ReviewError, match="may not appoint"):
        participants.appoint(
            review=review, party=state, user=person(state), role="focal_point", actor=focal_point
        )
    with pytest.raises(ReviewError, match="may not appoint"):  # not for another State's delegation
        participants.appoint(
            review=review,
            party=reviewer,
            user=person(reviewer),
            role="governmental_expert",
            actor=focal_point,
        )
    with pytest.raises(ReviewError, match="does not work for an authority of"):
        participants.appoint(
            review=review, party=state, user=person(reviewer), role="governmental_expert", actor=focal_point
        )
    with pytest.raises(ReviewError, match="already takes part"):
        participants.appoint(
            review=review,
            party=state,
            user=two_reviews["first"]["expert"],
            role="observer",
            actor=focal_point,
        )
    with pytest.raises(ReviewError, match="does not take part in this review"):
        outsider_state = participants.parties_of(two_reviews["second"]["review"])[0]
        participants.appoint(
            review=review,
            party=outsider_state,
            user=person(outsider_state),
            role="focal_point",
            actor=secretariat,
        )
    successor = person(state, Role.FOCAL_POINT)
    participants.appoint(review=review, party=state, user=successor, role="focal_point", actor=secretariat)
    current = Participant.objects.filter(review=review, party=state, role="focal_point", ended_at=None)
    assert [p.user for p in current] == [successor]
    assert AuditEntry.objects.filter(action="review.participant.appointed").count() == 11
    assert AuditEntry.objects.filter(action="review.participant.ended").count() == 1


def test_nobody_outside_a_review_sees_anything_of_it(client, two_reviews):
    first = two_reviews["first"]["review"]
    state = participants.parties_of(first)[0]
    outsiders = [*(two_reviews["second"][role] for role in two_reviews["second"] if role != "review")]
    outsiders.append(person(state))  # works for the State under review, but not appointed
    urls = [
        reverse("review:review", args=[first.pk]),
        f"/api/v1/review/reviews/{first.pk}/",
    ]
    for user in [None, *outsiders]:
        client.logout()
        if user:
            signed_in(client, user)
        hidden = 404 if user else 302  # a signed-out visitor is sent to sign in (accounts.sign_in)
        for url in urls:
            assert client.get(url).status_code == (404 if url.startswith("/api/") else hidden), (user, url)
        assert client.post(reverse("review:appoint", args=[first.pk]), {}).status_code == hidden
        participant = Participant.objects.filter(review=first).first()
        assert (
            client.post(reverse("review:end_participation", args=[first.pk, participant.pk])).status_code
            == hidden
        )
        listed = client.get("/api/v1/review/reviews/").json()["results"] if user else []
        assert first.pk not in [r["id"] for r in listed]
        assert f"/review/reviews/{first.pk}/" not in client.get(reverse("review:reviews")).content.decode()
        if user is None:
            assert client.get("/en/review/reviews/999999/")["Location"] == (
                "/en/accounts/login/?next=%2Fen%2Freview%2Freviews%2F999999%2F"
            )  # the same for an address that leads nowhere: the redirect tells nothing


def test_people_of_a_review_see_it_in_their_role(client, two_reviews):
    first = two_reviews["first"]
    for role in ("focal point", "expert", "observer", "reviewing focal point", "reviewing expert"):
        client.logout()
        signed_in(client, first[role])
        page = client.get(reverse("review:review", args=[first["review"].pk])).content.decode()
        assert "Confidential" in page
        can_appoint = role in ("focal point", "reviewing focal point")
        assert ('name="party_role"' in page) == can_appoint, role
        listed = client.get("/api/v1/review/reviews/").json()["results"]
        assert [r["id"] for r in listed] == [first["review"].pk]
        names = {p["name"] for p in listed[0]["participants"]}
        assert first[role].get_full_name() in names


def test_deadlines_are_flagged_when_overdue(client, two_reviews, secretariat):
    review = two_reviews["first"]["review"]
    signed_in(client, two_reviews["first"]["focal point"])
    page = client.get(reverse("review:review", args=[review.pk])).content.decode()
    assert "overdue" not in page  # group starts in 2030 or later (the last phase ends after 2036)
    review.cycle.first_year = 2020
    review.cycle.save()
    page = (
        client.get(reverse("review:review", args=[review.pk])).content.decode().split("<h2>Deadlines</h2>")[1]
    )
    unstaffed = len(participants.parties_of(review)) - 2  # reviewing States without anybody appointed yet
    assert page.count('class="overdue"') == 2 * unstaffed  # no focal point, no experts
