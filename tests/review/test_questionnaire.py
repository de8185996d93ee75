"""The self-assessment questionnaire: questions from the cluster's articles, answers saved article by
article without lost updates, citations, technical-assistance needs, and who may do what."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.core.models import AuditEntry
from palermo.knowledge.domain.records import create_record
from palermo.knowledge.models import Record
from palermo.review.domain import questionnaire, steps
from palermo.review.domain.cycles import ReviewError
from palermo.review.domain.steps import StaleDocument
from palermo.review.models import DocumentKind
from tests.factories import signed_in

pytestmark = pytest.mark.django_db

ARTICLE_5 = (
    "1. Each State Party shall adopt measures:\n\na) Agreeing;\n\nb) Organizing.\n\n"
    "2. The knowledge may be inferred.\n\n3. States Parties shall inform the Secretary-General."
)


def test_questions_follow_the_paragraphs_of_the_article():
    assert [q.key for q in questions(ARTICLE_5)] == ["1", "2", "3"]
    assert "b) Organizing." in questions(ARTICLE_5)[0].text  # subparagraphs stay with their paragraph
    lettered = "Each State Party shall establish as offences:\n\na) Force;\n\nb) Threats."
    found = questions(lettered)
    assert [q.key for q in found] == ["a", "b"]
    assert found[0].text.startswith("Each State Party")  # the chapeau goes with the first question
    assert [q.key for q in questions("One paragraph only.")] == [""]


questions = questionnaire.questions


def saq(cast):
    review = cast["review"]
    return steps.document(
        review=review,
        phase=1,
        kind=DocumentKind.SELF_ASSESSMENT,
        party=review.state_under_review_id,
        user=cast["expert"],
    )


def record(cast, title, state, author):
    found = create_record(
        user=author,
        kind="legislation",
        fields={"title": title, "jurisdiction_id": cast["review"].state_under_review_id, "year": 2016},
    )
    Record.objects.filter(pk=found.pk).update(state=state)
    return found


def typed(sheet, response="yes", explanation="Penal code, art. 416 bis.", challenges=""):
    return questionnaire.ArticleInput(
        responses={q.key: (response, explanation) for q in sheet.questions}, challenges=challenges
    )


def test_the_questionnaire_is_the_clusters_articles(two_reviews):
    document = saq(two_reviews["first"])
    sheets = questionnaire.sheets(document)
    assert [s.article.number for s in sheets] == ["2", "5", "6", "8", "9", "10", "15", "23"]
    assert [q.key for q in sheets[1].questions] == ["1", "2", "3"]
    assert questionnaire.progress(document) == (0, sum(len(s.questions) for s in sheets))


def test_answers_are_saved_per_article_and_a_concurrent_save_is_refused(two_reviews):
    cast = two_reviews["first"]
    document = saq(cast)
    sheet = questionnaire.sheets(document)[1]
    questionnaire.save_article(
        document=document, user=cast["expert"], article="5", typed=typed(sheet), expected_version=0
    )
    # the focal point, who opened the article before that save, is refused; nothing is overwritten
    with pytest.raises(StaleDocument, match="saved article 5 since you opened it"):
        questionnaire.save_article(
            document=document,
            user=cast["focal point"],
            article="5",
            typed=typed(sheet, "no", "Nothing."),
            expected_version=0,
        )
    # another article is independent
    questionnaire.save_article(
        document=document,
        user=cast["focal point"],
        article="6",
        typed=typed(questionnaire.sheets(document)[2]),
        expected_version=0,
    )
    sheets = {s.article.number: s for s in questionnaire.sheets(document)}
    assert sheets["5"].complete and sheets["5"].version == 1
    assert {a.response for a in sheets["5"].responses.values()} == {"yes"}
    assert AuditEntry.objects.filter(action="review.saq.article_saved").count() == 2


def test_bad_answers_are_refused_with_the_place(two_reviews):
    cast = two_reviews["first"]
    document = saq(cast)
    sheet = questionnaire.sheets(document)[1]
    bad = questionnaire.ArticleInput(responses={"2": ("maybe", "")}, challenges="")
    with pytest.raises(ReviewError, match="Article 5, question 2: “maybe” is not one of Yes, Partly, No"):
        questionnaire.save_article(
            document=document, user=cast["expert"], article="5", typed=bad, expected_version=0
        )
    with pytest.raises(ReviewError, match="Article 99 is not in this questionnaire"):
        questionnaire.save_article(
            document=document, user=cast["expert"], article="99", typed=typed(sheet), expected_version=0
        )
    an_answer_without_explanation = typed(sheet, "yes", "")
    questionnaire.save_article(
        document=document,
        user=cast["expert"],
        article="5",
        typed=an_answer_without_explanation,
        expected_version=0,
    )
    assert questionnaire.sheets(document)[1].answered == 0  # an answer needs its explanation


def test_observers_and_reviewers_cannot_answer(two_reviews):
    cast = two_reviews["first"]
    document = saq(cast)
    sheet = questionnaire.sheets(document)[1]
    for role in ("observer", "reviewing expert", "reviewing focal point"):
        with pytest.raises(ReviewError, match="not a draft you may change"):
            questionnaire.save_article(
                document=document, user=cast[role], article="5", typed=typed(sheet), expected_version=0
            )


def test_needs_and_citations(two_reviews, tmp_path, settings, secretariat):
    settings.MEDIA_ROOT = tmp_path
    cast = two_reviews["first"]
    document = saq(cast)
    need = questionnaire.add_need(
        document=document,
        user=cast["expert"],
        article="5",
        kind="training",
        priority="high",
        description="Judges",
    )
    with pytest.raises(ReviewError, match="kind of assistance and its priority"):
        questionnaire.add_need(
            document=document, user=cast["expert"], article="5", kind="money", priority="high", description=""
        )
    published, draft = (
        record(cast, "Law on organized crime", "published", secretariat),
        record(cast, "Draft", "draft", secretariat),
    )
    questionnaire.add_citation(document=document, user=cast["expert"], article="5", record_id=published.pk)
    with pytest.raises(ReviewError, match="No published knowledge-base record"):
        questionnaire.add_citation(document=document, user=cast["expert"], article="5", record_id=draft.pk)
    not_a_pdf = SimpleUploadedFile("law.pdf", b"<html>", content_type="application/pdf")
    with pytest.raises(ReviewError, match="not a PDF"):
        questionnaire.add_citation(document=document, user=cast["expert"], article="5", upload=not_a_pdf)
    pdf = SimpleUploadedFile("Penal code.pdf", b"%PDF-1.4 law", content_type="application/pdf")
    cited = questionnaire.add_citation(document=document, user=cast["expert"], article="5", upload=pdf)
    sheet = questionnaire.sheets(document)[1]
    assert [str(c) for c in sheet.answer.citations.all()] == [published.title, "Penal code.pdf"]
    assert [n.kind for n in sheet.answer.needs.all()] == ["training"]
    questionnaire.remove(document=document, user=cast["expert"], item=need)
    assert not questionnaire.sheets(document)[1].answer.needs.exists()
    assert AuditEntry.objects.filter(action__startswith="review.saq.").count() == 4
    # the uploaded PDF is served to the review's people, 404 to the other review's
    url = reverse("review:saq_cited_file", args=[document.review_id, 1, document.party_id, cited.pk])
    client = Client()
    signed_in(client, cast["observer"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    other = two_reviews["second"]["expert"]
    client.logout()
    signed_in(client, other)
    assert client.get(url).status_code == 404


def page(document):
    return reverse(
        "review:document", args=[document.review_id, 1, DocumentKind.SELF_ASSESSMENT, document.party_id]
    )


def test_the_page_autosaves_through_json_and_reports_conflicts(client, two_reviews):
    cast = two_reviews["first"]
    document = saq(cast)
    signed_in(client, cast["expert"])
    html = client.get(page(document)).content.decode()
    assert "data-autosave" in html and "Article 5" in html and "Each State Party shall adopt" in html
    url = reverse("review:saq_article", args=[document.review_id, 1, document.party_id, "5"])
    fields = {
        "version": "0",
        "response_1": "partly",
        "explanation_1": "Only conspiracy.",
        "challenges": "Courts",
    }
    answer = client.post(url, fields, HTTP_ACCEPT="application/json")
    assert answer.status_code == 200 and answer.json()["version"] == 1
    assert answer.json()["progress"] == "1 of 3 answered"
    stale = client.post(url, fields, HTTP_ACCEPT="application/json")
    assert stale.status_code == 409 and "since you opened it" in stale.json()["error"]
    # without JavaScript the same form saves and comes back to the article
    plain = client.post(url, {**fields, "version": "1"})
    assert plain.status_code == 302 and plain["Location"].endswith("#article-5")


def test_outsiders_get_404_on_every_questionnaire_action(client, two_reviews):
    document = saq(two_reviews["first"])
    args = [document.review_id, 1, document.party_id]
    urls = [
        reverse("review:saq_article", args=[*args, "5"]),
        reverse("review:saq_need", args=[*args, "5"]),
        reverse("review:saq_citation", args=[*args, "5"]),
        reverse("review:saq_import", args=args),
    ]
    downloads = [
        reverse("review:saq_export", args=[*args, "docx"]),
        reverse("review:saq_export", args=[*args, "pdf"]),
    ]
    for role, user in two_reviews["second"].items():
        if role == "review":
            continue
        client.logout()
        signed_in(client, user)
        assert [client.post(url, {"version": "0"}).status_code for url in urls] == [404] * 4, role
        assert [client.get(url).status_code for url in downloads] == [404] * 2, role
