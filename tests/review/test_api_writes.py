"""A whole phase through the API, with the web pages' rules: open documents, answer, comment, move,
post in the dialogue, add observations — and nothing for anyone outside the review."""

import pytest
from django.test import Client

from palermo.review.domain import questionnaire
from palermo.review.models import StepDocument
from tests.factories import signed_in

pytestmark = pytest.mark.django_db
API = "/api/v1/review"


CLIENTS: dict = {}


def as_user(_client, user):
    """A client signed in as the user (once: a TOTP code is accepted only once)."""
    if user.pk not in CLIENTS:
        CLIENTS[user.pk] = signed_in(Client(), user)
    return CLIENTS[user.pk]


def open_document(client, review, kind, party, phase=1):
    response = client.post(
        f"{API}/reviews/{review.pk}/documents/",
        {"phase": phase, "kind": kind, "party": party},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["id"]


def test_a_phase_through_the_api(client, two_reviews):
    CLIENTS.clear()
    cast = two_reviews["first"]
    review = cast["review"]
    state = review.state_under_review_id
    client = as_user(client, cast["expert"])
    saq = open_document(client, review, "self_assessment", state)
    document = StepDocument.objects.get(pk=saq)
    for sheet in questionnaire.sheets(document):
        answers = {q.key: {"answer": "yes", "explanation": "Penal code."} for q in sheet.questions}
        response = client.post(
            f"{API}/documents/{saq}/articles/{sheet.article.number}/",
            {"version": 0, "answers": answers, "challenges": "Courts"},
            content_type="application/json",
        )
        assert response.status_code == 200, response.content
    stale = client.post(
        f"{API}/documents/{saq}/articles/5/", {"version": 0, "answers": {}}, content_type="application/json"
    )
    assert stale.status_code == 409 and "since you opened it" in stale.json()["detail"]
    bad = client.post(
        f"{API}/documents/{saq}/articles/5/",
        {"version": 1, "answers": {"1": {"answer": "perhaps"}}},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "“perhaps” is not one of" in bad.json()["detail"]
    need = client.post(
        f"{API}/documents/{saq}/needs/",
        {"article": "5", "kind": "training", "priority": "high"},
        content_type="application/json",
    )
    assert need.json()["content"][1]["assistance_needs"] == [
        {"kind": "training", "priority": "high", "description": ""}
    ]
    moved = client.post(
        f"{API}/documents/{saq}/move/", {"to": "awaiting_clearance"}, content_type="application/json"
    )
    assert moved.json()["state"] == "awaiting_clearance"
    cleared = client.post(f"{API}/documents/{saq}/move/", {"to": "cleared"}, content_type="application/json")
    assert cleared.status_code == 400  # the expert may not clear
    client = as_user(client, cast["focal point"])
    assert (
        client.post(
            f"{API}/documents/{saq}/move/", {"to": "cleared"}, content_type="application/json"
        ).json()["state"]
        == "cleared"
    )

    reviewer = cast["reviewing expert"].organisation.party_id
    client = as_user(client, cast["reviewing expert"])
    comments = open_document(client, review, "feedback", reviewer)
    response = client.post(
        f"{API}/documents/{comments}/articles/5/",
        {"version": 0, "comments": {"1": "Which court?", "": "Clear."}},
        content_type="application/json",
    )
    assert response.json()["content"] == [{"article": "5", "comments": {"1": "Which court?", "": "Clear."}}]
    question = client.post(
        f"{API}/reviews/{review.pk}/dialogue/",
        {"phase": 1, "text": "How many cases?", "article": "5"},
        content_type="application/json",
    )
    assert question.status_code == 201
    observations = open_document(client, review, "observations", state)
    added = client.post(
        f"{API}/documents/{observations}/observations/",
        {"category": "gap", "article": "5", "text": "No conspiracy offence."},
        content_type="application/json",
    )
    assert added.json()["content"] == [{"category": "gap", "article": "5", "text": "No conspiracy offence."}]

    client = as_user(client, cast["expert"])
    reply = client.post(
        f"{API}/reviews/{review.pk}/dialogue/",
        {"phase": 1, "text": "Twelve.", "thread": question.json()["id"]},
        content_type="application/json",
    )
    assert reply.status_code == 201 and reply.json()["thread"] == question.json()["id"]

    # Anyone of the other review: 404 on every document and action of this one.
    for role, user in two_reviews["second"].items():
        if role == "review":
            continue
        client = as_user(client, user)
        for url in (
            f"{API}/documents/{saq}/articles/5/",
            f"{API}/documents/{saq}/move/",
            f"{API}/documents/{observations}/observations/",
            f"{API}/reviews/{review.pk}/dialogue/",
            f"{API}/reviews/{review.pk}/documents/",
        ):
            assert client.post(url, {}, content_type="application/json").status_code == 404, (role, url)
    client.logout()
    assert client.post(
        f"{API}/documents/{saq}/move/", {"to": "draft"}, content_type="application/json"
    ).status_code in (403, 404)
