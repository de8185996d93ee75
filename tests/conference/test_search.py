"""Searching the Conference's record: words in any of the six languages matched under the analysis of each
text's own language, phrases, OR/NOT and prefixes as in the knowledge base; facets by kind, meeting, body,
year, topic and article; bad words or filters refused with the reason; the page and the API agree; new
records are found as soon as they are written."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from palermo.accounts.demo import create_demo_accounts
from palermo.accounts.models import User
from palermo.conference import search
from palermo.conference.demo import create_demo_conference
from palermo.conference.domain.records import ParagraphInput, record_decision
from palermo.conference.models import Addressee, Body, Meeting
from palermo.knowledge.models import Term
from palermo.register.models import Article

pytestmark = pytest.mark.django_db


def verified(user):
    user.is_verified = lambda: True  # signed in with a second factor
    return user


URL = reverse("conference:search")
API = reverse("api:conference-search")


@pytest.fixture
def demo(settings):
    settings.DEMO_MODE = True
    create_demo_accounts()
    meetings = create_demo_conference()
    secretariat = verified(User.objects.get(email="secretariat@demo.palermo.invalid"))
    record_decision(
        user=secretariat,
        meeting=meetings[0],
        kind="decision",
        number="12/2",
        titles={"en": "Languages of the search (test)", "zh-hans": "人口贩运问题 (测试)"},
        adopted=date(2024, 10, 18),
        paragraphs=[
            ParagraphInput(
                1,
                {
                    "en": "Notes the Rosakize method of marking firearms.",
                    "fr": "Prend note de la protection des migrants en mer.",
                    "zh-hans": "请各缔约国打击人口贩运。",
                },
                Addressee.ALL_STATES,
                articles=list(Article.objects.filter(instrument_id="UNTOC", number="5")),
            )
        ],
    )
    return meetings


def found(**params) -> list[str]:
    """What the API finds (kind:number/paragraph or kind:symbol), in its order."""
    response = Client().get(API, {**params, "page": 1})
    assert response.status_code == 200, response.content
    return [
        f"{result['kind']}:{result['symbol'] or result['decision_number']}"
        + (f"/{result['paragraph']}" if result["paragraph"] else "")
        for result in response.json()["results"]
    ]


def test_words_find_resolutions_paragraphs_and_documents_the_latest_meeting_first(demo):
    assert found(q="technical assistance") == [
        "decision:12/1",
        "paragraph:12/1/1",
        "document:CTOC/COP/2024/L.4",
    ]
    assert found(q='"assistance technical"') == []
    assert found(q='"technical assistance" -draft') == ["decision:12/1", "paragraph:12/1/1"]
    assert found(q="joint OR Rosakize") == ["paragraph:12/2/1", "paragraph:12/1/2"]  # decisions first
    assert found(q="investig*") == ["paragraph:12/1/2"]


def test_each_text_is_matched_in_its_own_language_only(demo):
    # the French paragraph's "migrants" is found under its French stem, by English words too
    assert found(q="migrants") == ["paragraph:12/2/1"]
    # "Rosaki" is not "Rosakize" in English, though the French stem of "Rosaki" is the English one of
    # "Rosakize": no language's stem may stand in for the text's own
    assert found(q="Rosaki") == []
    # Chinese is matched by its characters in order, not by any character
    assert found(q="人口贩运") == ["decision:12/2", "paragraph:12/2/1"]
    assert found(q="贩人") == []


def test_facets_count_what_was_found_and_filter_it(demo):
    result = search.find(search.Filters(q="assistance OR Rosakize"))
    assert result.facets["kind"] == {"decision": 1, "paragraph": 2, "document": 1}
    session = Meeting.objects.get(body=Body.CONFERENCE, number=12)
    assert result.facets["meeting"] == {session.pk: 4}
    assert result.facets["year"] == {2024: 4}
    article = Article.objects.get(instrument_id="UNTOC", number="5")
    assert found(q="assistance OR Rosakize", article=article.pk) == ["paragraph:12/2/1"]
    assert found(article=article.pk) == [
        "decision:12/2",
        "paragraph:12/2/1",
    ]  # a decision cites what its paragraphs cite
    topic = Term.objects.get(slug="special-investigative-techniques")
    assert found(topic=topic.pk) == ["decision:12/1", "paragraph:12/1/2"]
    assert found(kind="document", body=Body.CONFERENCE, year=2024) == [
        "document:CTOC/COP/2024/1",
        "document:CTOC/COP/2024/2",
        "document:CTOC/COP/2024/L.4",
    ]
    assert found(kind="document", year=2023) == []


def test_the_page_shows_hits_marked_facets_and_filters_that_can_be_removed(client, demo):
    page = client.get(URL, {"q": "assistance", "kind": "paragraph"}).content.decode()
    assert "1 result" in page
    assert "<mark>assistance</mark>" in page
    assert "Resolution 12/1, paragraph 1" in page
    assert "demo data" in page
    assert 'href="?q=assistance"' in page  # the chip that removes the kind
    whole = client.get(URL, {"q": "assistance"}).content.decode()
    assert "?q=assistance&amp;kind=document" in whole  # a facet value is a link that adds it
    assert "Operative paragraphs" in whole and "Conference of the Parties, meeting 12" in whole


def test_the_page_speaks_the_readers_language(client, demo):
    page = client.get("/fr" + URL.removeprefix("/en"), {"q": "migrants"}).content.decode()
    assert "<mark>migrants</mark>" in page
    assert "Décision 12/2, paragraphe 1" in page
    assert "1 résultat" in page


def test_bad_words_or_filters_are_refused_with_the_reason(client, demo):
    response = client.get(URL, {"q": "(migrants"})
    assert response.status_code == 400
    assert "unbalanced parentheses" in response.content.decode()
    response = client.get(URL, {"q": "migrants", "meeting": "999999"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "No meeting has this number." in page
    assert 'href="?q=migrants">Search without it' in page
    assert client.get(URL, {"year": "twenty"}).status_code == 400
    api = client.get(API, {"kind": "law"})
    assert api.status_code == 400 and "kind" in api.json()["errors"]
    assert client.get(API, {"q": "NOT"}).status_code == 400


def test_a_new_resolution_is_found_as_soon_as_it_is_recorded(demo):
    assert found(q="cybercrime") == []
    secretariat = verified(User.objects.get(email="secretariat@demo.palermo.invalid"))
    record_decision(
        user=secretariat,
        meeting=demo[0],
        kind="resolution",
        number="12/3",
        titles={"en": "Cybercrime (test)"},
        adopted=date(2024, 10, 18),
        paragraphs=[
            ParagraphInput(1, {"en": "Invites States to consider cybercrime."}, Addressee.ALL_STATES)
        ],
    )
    assert found(q="cybercrime") == ["decision:12/3", "paragraph:12/3/1"]


def test_the_page_makes_as_many_queries_whatever_it_finds(client, demo):
    client.get(URL)  # the record analysed once

    def queries(params: dict) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, params).status_code == 200
        return len(captured)

    assert queries({"q": "assistance"}) == queries({}) == queries({"kind": "paragraph"}) <= 5
    assert queries({"q": "nothing-matches-this"}) <= 5  # no facet labels to read


def test_the_knowledge_base_search_points_to_the_conferences_matches(client, demo):
    page = client.get(reverse("knowledge:search"), {"q": "technical assistance"}).content.decode()
    assert "3 results in the Conference's record" in page
    assert reverse("conference:search") + "?q=technical%20assistance" in page
