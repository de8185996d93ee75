"""Every page, action, download and API call of a review's workspace is 404 for every role of another
review, for a colleague of the State under review who was not appointed, and for anonymous visitors
(the published summary excepted)."""

import pytest
from django.urls import reverse

from palermo.review.domain import feedback, outcomes
from tests.factories import signed_in
from tests.review.conftest import person
from tests.review.test_feedback import cleared_saq, feedback_of
from tests.review.test_outcomes import joint

pytestmark = pytest.mark.django_db


def workspace(cast):
    """A review with every kind of document and a dialogue; the URLs of all of it."""
    review = cast["review"]
    saq, comments = cleared_saq(cast), feedback_of(cast)
    observations = joint(cast, "observations")
    outcomes.add_observation(document=observations, user=cast["expert"], category="gap", text="A gap.")
    summary = joint(cast, "summary")
    thread = feedback.post(review=review, phase=1, user=cast["reviewing expert"], text="A question?")
    pages, actions = [reverse("review:dialogue", args=[review.pk, 1])], []
    for document in (saq, comments, observations, summary):
        args = [review.pk, 1, document.kind, document.party_id]
        pages.append(reverse("review:document", args=args))
        actions.append(reverse("review:document", args=args))
        pages.append(f"/api/v1/review/documents/{document.pk}/")
        actions.append(f"/api/v1/review/documents/{document.pk}/move/")
    pages.append(reverse("review:version", args=[review.pk, 1, saq.kind, saq.party_id, 1]))
    pages.append(reverse("review:saq_export", args=[review.pk, 1, saq.party_id, "docx"]))
    actions += [
        reverse("review:feedback_article", args=[review.pk, 1, comments.party_id, "5"]),
        reverse("review:observation_add", args=[review.pk, 1, observations.party_id]),
        reverse("review:summary_translation", args=[review.pk, 1, summary.party_id]),
        reverse("review:summary_publish", args=[review.pk, 1, summary.party_id]),
        f"/api/v1/review/reviews/{review.pk}/dialogue/",
        f"/api/v1/review/reviews/{review.pk}/documents/",
    ]
    return pages, actions, thread


def test_nobody_outside_a_review_reaches_its_workspace(client, two_reviews):
    pages, actions, _thread = workspace(two_reviews["first"])
    review = two_reviews["first"]["review"]
    outsiders = [user for role, user in two_reviews["second"].items() if role != "review"]
    outsiders.append(person(review.state_under_review_id))  # a colleague, not appointed
    for user in outsiders:
        client.logout()
        signed_in(client, user)
        assert [client.get(url).status_code for url in pages] == [404] * len(pages), (user, pages)
        assert [client.post(url, {"text": "x", "to": "draft"}).status_code for url in actions] == [404] * len(
            actions
        ), user
        listed = client.get("/api/v1/review/documents/").json()["results"]
        assert all(d["review"] != review.pk for d in listed)
    client.logout()
    for url in pages:
        assert client.get(url).status_code in (302, 403, 404), url  # anonymous: sign in, or nothing
        assert "A question?" not in client.get(url, follow=True).content.decode()
    observer = two_reviews["first"]["observer"]
    signed_in(client, observer)  # and the review's own observer does read it
    assert "A question?" in client.get(pages[0]).content.decode()
