"""No input to the review's pages and API is a server error: a version or thread that is no number, a body
that is no JSON object, an article that is not in the cluster are refused, naming the field."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from palermo.review.models import Citation, DialogueMessage, DocumentKind
from tests.factories import published_case, signed_in
from tests.review.test_questionnaire import saq

pytestmark = pytest.mark.django_db
API = "/api/v1/review"


def post_json(client, url, body: str):
    return client.post(url, body, content_type="application/json")


@pytest.fixture
def expert(two_reviews):
    """The first review's expert of the State under review, signed in, with the self-assessment open."""
    cast = two_reviews["first"]
    return signed_in(Client(), cast["expert"]), saq(cast)


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("text", '{"version": "abc", "text": "Draft."}'),
        ("text", '{"version": 1e400, "text": "Draft."}'),
        ("text", '{"version": 99999999999999999999, "text": "Draft."}'),
        ("text", '{"version": [1], "text": "Draft."}'),
        ("articles/5", '{"version": "abc", "answers": {}}'),
        ("articles/5", '{"version": 1e400, "answers": {}}'),
    ],
)
def test_a_version_that_is_no_number_is_a_400_naming_it(expert, action, body):
    client, document = expert
    response = post_json(client, f"{API}/documents/{document.pk}/{action}/", body)
    assert response.status_code == 400 and list(response.json()) == ["version"], response.content


@pytest.mark.parametrize("body", ['["text", "Draft."]', '"Draft."', "42", "null"])
@pytest.mark.parametrize("action", ["text", "articles/5", "move", "needs", "observations"])
def test_a_body_that_is_no_json_object_is_a_400(expert, action, body):
    client, document = expert
    response = post_json(client, f"{API}/documents/{document.pk}/{action}/", body)
    assert response.status_code == 400 and list(response.json()) == ["non_field_errors"], response.content


def test_a_body_that_is_no_json_object_is_a_400_on_the_reviews_actions(two_reviews):
    cast = two_reviews["first"]
    client = signed_in(Client(), cast["expert"])
    for action in ("documents", "dialogue"):
        response = post_json(client, f"{API}/reviews/{cast['review'].pk}/{action}/", '["phase", 1]')
        assert response.status_code == 400 and "non_field_errors" in response.json(), action


def test_json_nested_100000_deep_is_a_400(expert):
    client, document = expert
    response = post_json(client, f"{API}/documents/{document.pk}/text/", "[" * 100_000 + "]" * 100_000)
    assert response.status_code == 400 and "nested" in response.json()["detail"]


def test_text_that_is_no_unicode_is_a_400(expert):
    client, document = expert
    response = post_json(client, f"{API}/documents/{document.pk}/text/", '{"text": "\\ud800"}')
    assert response.status_code == 400 and "Unicode" in response.json()["detail"]


@pytest.mark.parametrize("thread", ['"abc"', "99999999999999999999", "1e400", "[1]"])
def test_a_thread_that_is_no_number_is_a_400_naming_it(two_reviews, thread):
    cast = two_reviews["first"]
    client = signed_in(Client(), cast["expert"])
    body = f'{{"phase": 1, "text": "Twelve.", "thread": {thread}}}'
    response = post_json(client, f"{API}/reviews/{cast['review'].pk}/dialogue/", body)
    assert response.status_code == 400 and list(response.json()) == ["thread"], response.content
    assert not DialogueMessage.objects.exists()


def test_a_thread_of_another_review_is_a_400_naming_it(two_reviews):
    first, second = two_reviews["first"], two_reviews["second"]
    client = signed_in(Client(), first["expert"])
    other = signed_in(Client(), second["expert"])
    opened = post_json(other, f"{API}/reviews/{second['review'].pk}/dialogue/", '{"phase": 1, "text": "Q?"}')
    body = json.dumps({"phase": 1, "text": "Twelve.", "thread": opened.json()["id"]})
    response = post_json(client, f"{API}/reviews/{first['review'].pk}/dialogue/", body)
    assert response.status_code == 400 and list(response.json()) == ["thread"]


def test_a_dialogue_message_on_an_article_outside_the_cluster_is_refused(two_reviews):
    cast = two_reviews["first"]
    client = signed_in(Client(), cast["expert"])
    url = f"{API}/reviews/{cast['review'].pk}/dialogue/"
    too_long = post_json(client, url, '{"phase": 1, "text": "Q?", "article": "12345678901"}')
    assert too_long.status_code == 400 and list(too_long.json()) == ["article"]
    unknown = post_json(client, url, '{"phase": 1, "text": "Q?", "article": "99"}')
    assert (
        unknown.status_code == 400 and "Article 99 is not in this questionnaire" in unknown.json()["detail"]
    )


def test_the_pages_refuse_a_version_that_is_no_number_naming_it(client, two_reviews):
    cast = two_reviews["first"]
    document = saq(cast)
    signed_in(client, cast["expert"])
    page = reverse(
        "review:document", args=[document.review_id, 1, DocumentKind.SELF_ASSESSMENT, document.party_id]
    )
    for version in ("abc", "1e400", "99999999999999999999"):
        response = client.post(page, {"text": "Draft.", "version": version})
        assert response.status_code == 200 and 'id="id_text_error" role="alert"' in response.content.decode()
        assert "version: " in response.content.decode(), version
        article = reverse("review:saq_article", args=[document.review_id, 1, document.party_id, "5"])
        autosave = client.post(
            article, {"version": version, "challenges": "x"}, HTTP_ACCEPT="application/json"
        )
        assert autosave.status_code == 400 and autosave.json()["error"].startswith("version: "), version
    document.refresh_from_db()
    assert document.text == ""


def test_the_page_refuses_a_record_number_that_is_no_number(client, two_reviews):
    cast = two_reviews["first"]
    document = saq(cast)
    signed_in(client, cast["expert"])
    url = reverse("review:saq_citation", args=[document.review_id, 1, document.party_id, "5"])
    for number in ("²", "abc", "99999999999999999999"):
        response = client.post(url, {"record_number": number}, follow=True)
        assert response.status_code == 200 and "record number: " in response.content.decode(), number


def test_a_citation_title_longer_than_its_field_is_refused(client, two_reviews):
    cast = two_reviews["first"]
    document = saq(cast)
    record = published_case("Smuggling by sea", "Migrants were smuggled by sea.")
    signed_in(client, cast["expert"])
    url = reverse("review:saq_citation", args=[document.review_id, 1, document.party_id, "5"])
    response = client.post(url, {"record_number": str(record.pk), "title": "x" * 301}, follow=True)
    assert "The title is too long: at most 300 characters." in response.content.decode()
    assert not Citation.objects.exists()
