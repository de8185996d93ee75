"""Feedback per question and per article once the self-assessment is cleared, versions with their
differences, and the dialogue of a phase — none of it visible outside the review."""

import pytest
from django.urls import reverse

from palermo.core.models import AuditEntry
from palermo.core.versions import diff
from palermo.review.domain import feedback, questionnaire, steps
from palermo.review.domain.cycles import ReviewError
from palermo.review.domain.steps import StaleDocument
from palermo.review.models import DocumentKind
from tests.factories import signed_in
from tests.review.conftest import answer_everything
from tests.review.test_questionnaire import saq, typed

pytestmark = pytest.mark.django_db


def cleared_saq(cast):
    document = answer_everything(saq(cast), cast["expert"])
    steps.move(document=document, user=cast["expert"], to_state="awaiting_clearance")
    return steps.move(document=document, user=cast["focal point"], to_state="cleared")


def feedback_of(cast):
    review = cast["review"]
    reviewer = cast["reviewing expert"].organisation.party_id
    return steps.document(
        review=review, phase=1, kind=DocumentKind.FEEDBACK, party=reviewer, user=cast["reviewing expert"]
    )


def test_reviewers_comment_per_question_once_the_self_assessment_is_cleared(two_reviews):
    cast = two_reviews["first"]
    document = feedback_of(cast)
    assert feedback.sheets(document) == []  # nothing to comment on before clearance
    cleared_saq(cast)
    sheets = feedback.sheets(document)
    assert [s.answers.article.number for s in sheets][:2] == ["2", "5"]
    saved = feedback.save_comments(
        document=document,
        user=cast["reviewing expert"],
        article="5",
        comments={"1": "Which court applied art. 416 bis?", "": "Good overall.", "2": "  "},
        expected_version=0,
    )
    assert saved.comments == {"1": "Which court applied art. 416 bis?", "": "Good overall."}
    with pytest.raises(StaleDocument):
        feedback.save_comments(
            document=document,
            user=cast["reviewing focal point"],
            article="5",
            comments={},
            expected_version=0,
        )
    with pytest.raises(ReviewError, match="not a draft you may change"):
        feedback.save_comments(
            document=document, user=cast["expert"], article="5", comments={}, expected_version=1
        )
    assert AuditEntry.objects.filter(action="review.feedback.saved").count() == 1
    steps.move(
        document=document, user=cast["reviewing expert"], to_state="awaiting_clearance"
    )  # comments suffice


def test_every_move_keeps_a_version_and_the_changes_are_shown(client, two_reviews):
    cast = two_reviews["first"]
    document = answer_everything(saq(cast), cast["expert"])
    steps.move(document=document, user=cast["expert"], to_state="awaiting_clearance")
    steps.move(document=document, user=cast["focal point"], to_state="draft", comment="Article 5 is partly.")
    sheet = questionnaire.sheets(document)[1]
    questionnaire.save_article(
        document=document,
        user=cast["expert"],
        article="5",
        typed=typed(sheet, "partly", "Conspiracy is not an offence."),
        expected_version=sheet.version,
    )
    steps.move(document=document, user=cast["expert"], to_state="awaiting_clearance")
    assert [v.number for v in document.versions.all()] == [1, 2, 3]
    first, _second, third = document.versions.all()
    changes = diff(first.content, third.content)
    assert any(c.kind == "added" and "Conspiracy is not an offence." in c.text for c in changes)
    assert any(c.kind == "removed" and "Implemented by law 5." in c.text for c in changes)
    signed_in(client, cast["observer"])
    url = reverse("review:version", args=[document.review_id, 1, document.kind, document.party_id, 3])
    page = client.get(url + "?against=1").content.decode()
    assert (
        "<ins>Conspiracy is not an offence.</ins>" in page
        and "What changed from version 1 to version 3" in page
    )
    document_page = client.get(
        reverse("review:document", args=[document.review_id, 1, document.kind, document.party_id])
    )
    assert url in document_page.content.decode()
    client.logout()
    signed_in(client, two_reviews["second"]["focal point"])
    assert client.get(url).status_code == 404


def test_the_dialogue_of_a_phase(client, two_reviews):
    cast = two_reviews["first"]
    review = cast["review"]
    question = feedback.post(
        review=review,
        phase=1,
        user=cast["reviewing expert"],
        text="How many convictions under art. 416 bis?",
        article="5",
    )
    answer = feedback.post(review=review, phase=1, user=cast["expert"], text="412 in 2024.", thread=question)
    assert answer.article == "5" and answer.party_id == review.state_under_review_id
    with pytest.raises(ReviewError, match="Only the experts and focal points"):
        feedback.post(review=review, phase=1, user=cast["observer"], text="Me too")
    with pytest.raises(ReviewError, match="Reply to a thread of this phase"):
        feedback.post(review=review, phase=2, user=cast["expert"], text="x", thread=question)
    url = reverse("review:dialogue", args=[review.pk, 1])
    signed_in(client, cast["observer"])
    page = client.get(url).content.decode()
    assert "412 in 2024." in page and "Post the reply" not in page  # observers read only
    client.logout()
    signed_in(client, cast["reviewing focal point"])
    response = client.post(url, {"text": "Thank you.", "thread": str(question.pk)}, follow=True)
    assert "Message posted." in response.content.decode()
    assert [m.text for m in question.replies.all()] == ["412 in 2024.", "Thank you."]
    for role, user in two_reviews["second"].items():
        if role == "review":
            continue
        client.logout()
        signed_in(client, user)
        assert client.get(url).status_code == 404, role
        assert client.post(url, {"text": "x"}).status_code == 404, role
