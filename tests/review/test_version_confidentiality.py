"""Before clearance a version belongs to its delegation: what an expert wrote and the focal point had
withdrawn, and the focal point's comment when returning it, never reach another delegation — for every
kind of document that one delegation drafts."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.review.domain import feedback, questionnaire, steps
from palermo.review.models import DocumentKind
from tests.factories import signed_in
from tests.review.conftest import answer_everything
from tests.review.test_feedback import feedback_of
from tests.review.test_questionnaire import saq

pytestmark = pytest.mark.django_db
WITHDRAWN = "WITHDRAWN-SENSITIVE-REMARK"
RETURN_COMMENT = "RETURN-COMMENT-remove the sensitive remarks"


def _withdraw_and_clear(document, drafter, focal_point, write):
    """The drafter writes something sensitive and submits; the focal point returns it; it is cleaned,
    submitted again and cleared."""
    write(WITHDRAWN)
    steps.move(document=document, user=drafter, to_state="awaiting_clearance")
    steps.move(document=document, user=focal_point, to_state="draft", comment=RETURN_COMMENT)
    write("Clean text.")
    steps.move(document=document, user=drafter, to_state="awaiting_clearance")
    return steps.move(document=document, user=focal_point, to_state="cleared")


def withdrawn_self_assessment(cast):
    document = answer_everything(saq(cast), cast["expert"])

    def write(text):
        sheet = questionnaire.sheets(document)[0]
        typed = questionnaire.ArticleInput(
            responses={q.key: ("yes", text) for q in sheet.questions}, challenges=text
        )
        questionnaire.save_article(
            document=document,
            user=cast["expert"],
            article=sheet.article.number,
            typed=typed,
            expected_version=sheet.version,
        )

    return _withdraw_and_clear(document, cast["expert"], cast["focal point"], write)


def withdrawn_feedback(cast):
    steps.move(
        document=answer_everything(saq(cast), cast["expert"]),
        user=cast["expert"],
        to_state="awaiting_clearance",
    )
    steps.move(document=saq(cast), user=cast["focal point"], to_state="cleared")
    document = feedback_of(cast)

    def write(text):
        version = document.feedback_articles.filter(article="5").values_list("version", flat=True).first()
        feedback.save_comments(
            document=document,
            user=cast["reviewing expert"],
            article="5",
            comments={"": text},
            expected_version=version or 0,
        )

    return _withdraw_and_clear(document, cast["reviewing expert"], cast["reviewing focal point"], write)


@pytest.mark.parametrize(
    ("make", "insiders", "outsiders"),
    [
        (
            withdrawn_self_assessment,
            ["focal point", "expert", "observer"],
            ["reviewing focal point", "reviewing expert"],
        ),
        (
            withdrawn_feedback,
            ["reviewing focal point", "reviewing expert"],
            ["focal point", "expert", "observer"],
        ),
    ],
)
def test_other_delegations_see_only_what_was_cleared(two_reviews, make, insiders, outsiders):
    cast = two_reviews["first"]
    document = make(cast)
    assert document.kind in (DocumentKind.SELF_ASSESSMENT, DocumentKind.FEEDBACK)
    args = [cast["review"].pk, 1, document.kind, document.party_id]
    page = reverse("review:document", args=args)
    versions = [reverse("review:version", args=[*args, n]) for n in range(1, 5)]
    # Versions: 1 submitted (with the withdrawn text), 2 returned, 3 submitted clean, 4 cleared.
    for role in outsiders:
        client = signed_in(Client(), cast[role])
        content = client.get(page).content.decode()
        assert RETURN_COMMENT not in content and WITHDRAWN not in content, role
        assert [client.get(url).status_code for url in versions] == [404, 404, 404, 200], role
        cleared = client.get(versions[3]).content.decode()
        assert WITHDRAWN not in cleared and "Clean text." in cleared
        assert client.get(versions[3] + "?against=1").status_code == 404
    for role in insiders:
        client = signed_in(Client(), cast[role])
        assert RETURN_COMMENT in client.get(page).content.decode(), role
        assert WITHDRAWN in client.get(versions[0]).content.decode(), role
