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
    refused = client.post(
        f"/en/review/reviews/{review.pk}/phases/1/self_assessment/{state}/import/", {}, follow=True
    ).content.decode()
    assert '<li class="message error" role="alert">Choose the filled DOCX file.</li>' in messages_box(refused)
    added = client.post(
        f"{base}needs/", {"kind": "training", "priority": "high", "description": "x"}, follow=True
    ).content.decode()
    assert '<li class="message success" role="status">Technical-assistance need added.</li>' in messages_box(
        added
    )


def refused_beside(page: str, error_id: str, message: str) -> bool:
    return (
        f'<ul class="errorlist" id="{error_id}_error" role="alert" data-form-error><li>{message}</li></ul>'
        in page
        and re.search(rf'id="{error_id}"[^>]* aria-invalid="true" aria-describedby="{error_id}_error"', page)
        is not None
        and message not in messages_box(page)
    )


def test_a_technical_assistance_need_without_a_kind_is_refused_beside_the_kind(two_reviews):
    cast = two_reviews["first"]
    review, state = cast["review"], cast["review"].state_under_review_id
    client = signed_in(Client(), cast["expert"])
    base = f"/en/review/reviews/{review.pk}/phases/1/self_assessment/{state}/articles/5/"
    response = client.post(f"{base}needs/", {"kind": "", "priority": "high", "description": "Judges"})
    page = response.content.decode()
    assert response.status_code == 200
    assert refused_beside(page, "id_kind_5", "Choose the kind of assistance and its priority.")
    assert f'<form method="post" class="stacked" id="need-5" action="{base}needs/#need-5">' in page
    assert "<details open><summary>Name a technical-assistance need</summary>" in page
    assert '<option value="high" selected>' in page and ">Judges</textarea>" in page
    response = client.post(f"{base}needs/", {"kind": "training", "priority": "", "description": ""})
    assert refused_beside(
        response.content.decode(), "id_priority_5", "Choose the kind of assistance and its priority."
    )


def test_a_citation_of_an_unknown_record_is_refused_beside_the_number(two_reviews):
    cast = two_reviews["first"]
    review, state = cast["review"], cast["review"].state_under_review_id
    client = signed_in(Client(), cast["expert"])
    base = f"/en/review/reviews/{review.pk}/phases/1/self_assessment/{state}/articles/5/"
    response = client.post(f"{base}citations/", {"record_number": "999999", "title": "Kept"})
    page = response.content.decode()
    assert response.status_code == 200
    assert refused_beside(
        page, "id_record_number_5", "No published knowledge-base record has the number 999999."
    )
    assert f'id="citation-5" action="{base}citations/#citation-5"' in page
    assert 'value="999999"' in page and 'value="Kept"' in page
    nothing = client.post(f"{base}citations/", {}).content.decode()
    assert refused_beside(
        nothing, "id_record_number_5", "Choose a knowledge-base record, give its number, or upload a PDF."
    )
    long_title = client.post(f"{base}citations/", {"record_number": "1", "title": "x" * 301}).content.decode()
    assert refused_beside(long_title, "id_title_5", "The title is too long: at most 300 characters.")


def test_an_observation_without_text_is_refused_beside_the_text(two_reviews):
    cast = two_reviews["first"]
    review, state = cast["review"], cast["review"].state_under_review_id
    client = signed_in(Client(), cast["reviewing expert"])
    base = f"/en/review/reviews/{review.pk}/phases/1/observations/{state}/"
    response = client.post(f"{base}add/", {"category": "gap", "article": "5", "text": " "})
    page = response.content.decode()
    assert response.status_code == 200
    assert refused_beside(page, "id_observation", "Write the observation.")
    assert 'id="add-observation" action="' in page and 'add/#add-observation">' in page
    assert '<option value="gap" selected>' in page and '<option value="5" selected>' in page
    no_category = client.post(f"{base}add/", {"category": "", "text": "Kept"}).content.decode()
    assert refused_beside(no_category, "id_category", "Choose the category of the observation.")
    assert ">Kept</textarea>" in no_category
    outside = client.post(f"{base}add/", {"category": "gap", "article": "99", "text": "x"}).content.decode()
    assert refused_beside(outside, "id_article", "Article 99 is not in this questionnaire.")


def test_a_summary_translation_without_text_is_refused_beside_the_text(two_reviews, secretariat):
    cast = two_reviews["first"]
    review, state = cast["review"], cast["review"].state_under_review_id
    document = steps.document(review=review, phase=1, kind="summary", party=state, user=cast["expert"])
    steps.save_text(document=document, user=cast["expert"], text="A summary.", expected_version=1)
    steps.move(document=document, user=cast["expert"], to_state=steps.AWAITING)
    steps.move(document=document, user=cast["focal point"], to_state="cleared")
    client = signed_in(Client(), secretariat)
    url = f"/en/review/reviews/{review.pk}/phases/1/summary/{state}/translation/"
    response = client.post(url, {"language": "fr", "text": " "})
    page = response.content.decode()
    assert response.status_code == 200
    assert refused_beside(page, "id_translation_text", "Paste the text of the summary in this language.")
    assert '<option value="fr" selected>' in page and "#add-translation" in page
