"""A refused form comes back with its problem beside the field, red and announced (role="alert", the field
aria-invalid and described by the message), with what was typed kept; messages of level error are styled
as errors, never as a success."""

import re

import pytest
from django.test import Client

from palermo.review.domain import steps
from palermo.review.models import StepDocument
from tests.factories import signed_in

pytestmark = pytest.mark.django_db


def messages_box(page: str) -> str:
    found = re.search(r'<ul class="messages">.*?</ul>', page, re.S)
    return found.group(0) if found else ""


def test_an_empty_dialogue_question_is_refused_beside_the_question(two_reviews):
    cast = two_reviews["first"]
    client = signed_in(Client(), cast["reviewing expert"])
    url = f"/en/review/reviews/{cast['review'].pk}/phases/1/dialogue/"
    response = client.post(url, {"text": "   ", "article": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        '<ul class="errorlist" id="id_text_error" role="alert" data-form-error><li>Write the message.</li></ul>'
        in page
    )
    assert re.search(
        r'<textarea id="id_text"[^>]* aria-invalid="true" aria-describedby="id_text_error"', page
    )
    assert '<form method="post" class="stacked" action="#ask">' in page  # the page opens at the form
    assert "Write the message." not in messages_box(page)


def test_a_dialogue_question_about_an_article_outside_the_cluster_keeps_the_text(two_reviews):
    cast = two_reviews["first"]
    client = signed_in(Client(), cast["reviewing expert"])
    url = f"/en/review/reviews/{cast['review'].pk}/phases/1/dialogue/"
    response = client.post(url, {"text": "Which courts?", "article": "99"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_article_error" role="alert"' in page and "Article 99 is not in this questionnaire." in page
    assert re.search(r'<select id="id_article" name="article" aria-invalid="true"', page)
    assert ">Which courts?</textarea>" in page


def test_an_invalid_questionnaire_answer_is_refused_beside_its_question(two_reviews):
    cast = two_reviews["first"]
    review = cast["review"]
    client = signed_in(Client(), cast["expert"])
    url = (
        f"/en/review/reviews/{review.pk}/phases/1/self_assessment/{review.state_under_review_id}/articles/5/"
    )
    response = client.post(
        url,
        {
            "version": "0",
            "response_1": "perhaps",
            "explanation_1": "Typed before the refusal",
            "challenges": "Few",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    error_id = "id_response_5_1_error"
    assert f'<ul class="errorlist" id="{error_id}" role="alert" data-form-error>' in page
    assert "Article 5, question 1: “perhaps” is not one of Yes, Partly, No." in page
    assert f'name="response_1" value="yes" aria-invalid="true" aria-describedby="{error_id}"' in page
    assert "Typed before the refusal</textarea>" in page and ">Few</textarea>" in page
    assert f'action="{url}#article-5"' in page
    assert "perhaps" not in messages_box(page)
    assert not StepDocument.objects.get(review=review, kind="self_assessment").article_answers.exists()


def test_the_autosave_is_told_which_field_a_refusal_is_about(two_reviews):
    cast = two_reviews["first"]
    review = cast["review"]
    client = signed_in(Client(), cast["expert"])
    url = (
        f"/en/review/reviews/{review.pk}/phases/1/self_assessment/{review.state_under_review_id}/articles/5/"
    )
    response = client.post(url, {"version": "0", "response_1": "perhaps"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert response.json()["field"] == "response_1"


def test_a_move_refused_for_want_of_a_comment_says_so_beside_the_comment(two_reviews):
    cast = two_reviews["first"]
    review, state = cast["review"], cast["review"].state_under_review_id
    document = steps.document(review=review, phase=1, kind="summary", party=state, user=cast["expert"])
    steps.save_text(document=document, user=cast["expert"], text="A summary.", expected_version=1)
    steps.move(document=document, user=cast["expert"], to_state=steps.AWAITING)
    client = signed_in(Client(), cast["focal point"])
    response = client.post(
        f"/en/review/reviews/{review.pk}/phases/1/summary/{state}/",
        {"to_state": "draft", "comment": " ", "confirm": "yes"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert '<ul class="errorlist" id="id_comment_draft_error" role="alert" data-form-error>' in page
    assert "Say why: the comment goes to the drafters." in page


def test_error_messages_are_shown_as_errors_and_success_as_success(two_reviews):
    cast = two_reviews["first"]
    review, state = cast["review"], cast["review"].state_under_review_id
    client = signed_in(Client(), cast["expert"])
    base = f"/en/review/reviews/{review.pk}/phases/1/self_assessment/{state}/articles/5/"
    refused = client.post(f"{base}needs/", {"kind": "", "priority": "high"}, follow=True).content.decode()
    assert (
        '<li class="message error" role="alert">Choose the kind of assistance and its priority.</li>'
        in messages_box(refused)
    )
    added = client.post(
        f"{base}needs/", {"kind": "training", "priority": "high", "description": "x"}, follow=True
    ).content.decode()
    assert '<li class="message success" role="status">Technical-assistance need added.</li>' in messages_box(
        added
    )
