"""A phase's documents: drafted by a delegation's experts, cleared by its focal point, seen by the other
delegations only once cleared, never overwritten by a concurrent edit, every move in the history."""

import pytest
from django.urls import reverse

from palermo.core.models import AuditEntry
from palermo.review.domain import steps
from palermo.review.domain.cycles import ReviewError
from palermo.review.models import DocumentKind
from tests.factories import signed_in
from tests.review.conftest import answer_everything

pytestmark = pytest.mark.django_db


def saq_of(cast):
    review = cast["review"]
    party = review.state_under_review_id
    return steps.document(
        review=review, phase=1, kind=DocumentKind.SELF_ASSESSMENT, party=party, user=cast["expert"]
    )


def url(document):
    return reverse(
        "review:document", args=[document.review_id, document.phase, document.kind, document.party_id]
    )


def test_experts_draft_and_the_focal_point_clears(two_reviews):
    cast = two_reviews["first"]
    document = saq_of(cast)
    document = steps.save_text(
        document=document, user=cast["expert"], text="Article 5 is implemented by…", expected_version=1
    )
    with pytest.raises(ReviewError, match="may not make this move"):
        steps.move(document=document, user=cast["expert"], to_state="cleared")
    with pytest.raises(ReviewError, match="33 of 33 questions are not answered"):
        steps.move(document=document, user=cast["expert"], to_state="awaiting_clearance")
    answer_everything(document, cast["expert"])
    document = steps.move(document=document, user=cast["expert"], to_state="awaiting_clearance")
    with pytest.raises(ReviewError, match="not a draft you may change"):
        steps.save_text(document=document, user=cast["expert"], text="changed", expected_version=2)
    with pytest.raises(ReviewError, match="Say why"):
        steps.move(document=document, user=cast["focal point"], to_state="draft")
    document = steps.move(
        document=document, user=cast["focal point"], to_state="draft", comment="Cite the penal code."
    )
    document = steps.save_text(
        document=document, user=cast["expert"], text="Penal code, art. 416 bis.", expected_version=2
    )
    document = steps.move(document=document, user=cast["expert"], to_state="awaiting_clearance")
    document = steps.move(document=document, user=cast["focal point"], to_state="cleared")
    assert document.cleared_at is not None
    history = [(t.from_state, t.to_state, t.actor, t.comment) for t in document.transitions.all()]
    assert history == [
        ("draft", "awaiting_clearance", cast["expert"], ""),
        ("awaiting_clearance", "draft", cast["focal point"], "Cite the penal code."),
        ("draft", "awaiting_clearance", cast["expert"], ""),
        ("awaiting_clearance", "cleared", cast["focal point"], ""),
    ]
    assert AuditEntry.objects.filter(action="review.document.moved").count() == 4
    assert AuditEntry.objects.filter(action="review.document.saved").count() == 2


def test_observers_read_their_delegations_draft_but_cannot_touch_it(two_reviews):
    cast = two_reviews["first"]
    document = saq_of(cast)
    assert steps.can_read(cast["observer"], document)
    assert not steps.can_edit(cast["observer"], document)
    assert steps.allowed_moves(cast["observer"], document) == []
    with pytest.raises(ReviewError):
        steps.save_text(document=document, user=cast["observer"], text="x", expected_version=1)


def test_other_delegations_see_the_document_once_it_is_cleared(client, two_reviews):
    cast = two_reviews["first"]
    document = saq_of(cast)
    steps.save_text(document=document, user=cast["expert"], text="Our answers.", expected_version=1)
    answer_everything(document, cast["expert"])
    reviewer = cast["reviewing expert"]
    reviewer.is_verified = lambda: True
    assert not steps.can_read(reviewer, document)
    signed_in(client, reviewer)
    assert client.get(url(document)).status_code == 404
    steps.move(document=document, user=cast["expert"], to_state="awaiting_clearance")
    steps.move(document=document, user=cast["focal point"], to_state="cleared")
    page = client.get(url(document)).content.decode()
    assert "Our answers." in page and 'name="text"' not in page
    review_page = client.get(reverse("review:review", args=[cast["review"].pk])).content.decode()
    assert (
        "counted from the clearance" not in review_page.split("Phases")[1].split("</tr>")[2]
    )  # now has a date


def test_nobody_outside_the_review_opens_its_documents(client, two_reviews):
    document = saq_of(two_reviews["first"])
    for role, user in two_reviews["second"].items():
        if role == "review":
            continue
        client.logout()
        signed_in(client, user)
        assert client.get(url(document)).status_code == 404, role
        assert client.post(url(document), {"text": "x", "version": "1"}).status_code == 404, role


def test_a_concurrent_edit_is_refused_and_the_text_typed_is_kept(client, two_reviews):
    cast = two_reviews["first"]
    document = saq_of(cast)
    steps.save_text(
        document=document, user=cast["focal point"], text="The focal point's version.", expected_version=1
    )
    signed_in(client, cast["expert"])
    response = client.post(url(document), {"text": "The expert's version.", "version": "1"}, follow=True)
    page = response.content.decode()
    assert "saved this document since you opened it" in page
    assert "The expert&#x27;s version." in page  # what the expert typed is still in the form
    document.refresh_from_db()
    assert document.text == "The focal point's version." and document.version == 2
