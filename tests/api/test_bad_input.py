"""No input to the API is a server error: what it cannot read is a 400 that names the parameter, an id
that names nothing a 404."""

import json
from datetime import date

import pytest
from django.test import Client

from palermo.accounts.models import Role
from palermo.register.models import Declaration
from palermo.review.domain import steps
from tests.factories import UserFactory, published_case, signed_in

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/parties/",
    "/api/v1/instruments/",
    "/api/v1/participation/",
    "/api/v1/declarations/",
    "/api/v1/records/",
    "/api/v1/terms/",
    "/api/v1/saved-searches/",
    "/api/v1/review/cycles/",
    "/api/v1/review/draws/",
    "/api/v1/review/reviews/",
    "/api/v1/review/documents/",
    "/api/v1/review/summaries/",
    "/api/v1/conference/meetings/",
    "/api/v1/conference/decisions/",
]
HUGE = "99999999999999999999"


@pytest.fixture
def secretariat_client():
    return signed_in(Client(), UserFactory(role=Role.SECRETARIAT_ADMIN))


def rows(data) -> list:
    return data["results"] if isinstance(data, dict) else data


@pytest.fixture
def every_list_filled(two_reviews):
    """Something in each list: a record, a declaration, a cycle with its draw, reviews and a document."""
    published_case("Smuggling by sea", "Migrants were smuggled by sea.")
    Declaration.objects.create(
        party_id="ITA", instrument_id="UNTOC", kind="other", date=date(2006, 8, 2), text="A notification."
    )
    cast = two_reviews["first"]
    steps.document(
        review=cast["review"],
        phase=1,
        kind="self_assessment",
        party=cast["review"].state_under_review_id,
        user=cast["expert"],
    )


@pytest.mark.usefixtures("every_list_filled")
@pytest.mark.parametrize("url", LISTS)
def test_a_huge_limit_on_any_list_gives_at_most_the_most_a_page_holds(secretariat_client, url):
    response = secretariat_client.get(url, {"limit": HUGE})
    assert response.status_code == 200 and len(rows(response.json())) <= 1000


def test_the_limit_is_capped_and_the_offset_read_as_it_is(client):
    page = client.get("/api/v1/participation/", {"limit": HUGE, "offset": "5"}).json()
    assert len(page["results"]) == min(1000, page["count"] - 5)
    assert client.get("/api/v1/participation/", {"offset": str(10**9)}).json()["results"] == []


@pytest.mark.parametrize("url", [u for u in LISTS if u.endswith(("participation/", "records/", "draws/"))])
@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("limit", "abc"),
        ("limit", "0"),
        ("limit", "-1"),
        ("limit", "1e400"),
        ("limit", "²"),
        ("offset", HUGE),
        ("offset", "-1"),
        ("offset", "abc"),
        ("offset", "9" * 5000),
    ],
)
def test_a_limit_or_offset_that_is_no_page_is_a_400_naming_it(client, url, parameter, value):
    response = client.get(url, {parameter: value})
    assert response.status_code == 400 and list(response.json()) == [parameter], response.content


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/records/abc/",
        f"/api/v1/records/{HUGE}/",
        "/api/v1/declarations/abc/",
        f"/api/v1/declarations/{HUGE}/",
        "/api/v1/participation/abc/",
        f"/api/v1/review/cycles/{HUGE}/",
        "/api/v1/review/reviews/abc/",
        f"/api/v1/review/documents/{HUGE}/",
        "/api/v1/parties/%C2%B2/",
        f"/api/v1/conference/meetings/{HUGE}/",
        "/api/v1/conference/decisions/abc/",
        "/api/v1/instruments/UNTOC/articles/%C2%B2/",
    ],
)
def test_an_id_that_names_nothing_is_a_404(secretariat_client, url):
    assert secretariat_client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("parameters", "field"),
    [
        ({"q": "smuggling NOT"}, "q"),
        ({"q": "(" * 250}, "q"),
        ({"q": "-(" * 30 + "a"}, "q"),
        ({"article": HUGE}, "article"),
        ({"article": "abc"}, "article"),
        ({"per_page": "²"}, "per_page"),
        ({"per_page": "1e400"}, "per_page"),
        ({"page": HUGE}, "page"),
        ({"year_from": str(10**30)}, "year_from"),
        ({"language": "xx"}, "language"),
        ({"kind": "novel"}, "kind"),
    ],
)
def test_a_search_parameter_that_cannot_be_searched_is_a_400_naming_it(client, parameters, field):
    response = client.get("/api/v1/search/", parameters)
    assert response.status_code == 400 and list(response.json()["errors"]) == [field], response.content
    assert response.json()["errors"][field][0]


def test_a_trailing_not_says_what_is_missing(client):
    errors = client.get("/api/v1/search/", {"q": "smuggling NOT"}).json()["errors"]
    assert errors == {"q": ["NOT must be followed by what to leave out"]}


@pytest.mark.parametrize(
    ("url", "parameter", "value"),
    [
        ("/api/v1/parties/", "regional_group", "MARS"),
        ("/api/v1/records/", "kind", "novel"),
        ("/api/v1/records/", "party", "TOOLONG"),
        ("/api/v1/participation/", "party", "TOOLONG"),
    ],
)
def test_a_filter_that_is_no_choice_is_a_400_naming_it(client, url, parameter, value):
    response = client.get(url, {parameter: value})
    assert response.status_code == 400 and list(response.json()) == [parameter]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/search/?q=a%00b",
        "/api/v1/parties/?regional_group=%00",
        "/api/v1/records/?party=IT%00",
        "/api/v1/parties/IT%00/",
        "/api/v1/instruments/UNTOC/articles/5%00/",
    ],
)
def test_a_nul_character_is_a_400_naming_where_it_is(client, url):
    response = client.get(url)
    assert response.status_code == 400 and response.json() == {
        ("path" if "?" not in url else url.split("?")[1].split("=")[0]): ["Null characters are not allowed."]
    }


def test_a_nul_character_in_a_page_is_a_400_too(client):
    response = client.get("/en/knowledge/", {"q": "a\x00b"})
    assert response.status_code == 400 and response.content.decode().startswith("q: ")


@pytest.mark.parametrize(
    "body",
    [
        '["Boats", "q=boats"]',
        '"Boats"',
        "[" * 100_000 + "]" * 100_000,
        '{"name": "Boats", "query": ' + "9" * 5000 + "}",
        '{"name": "Boats", "query": NaN}',
        '{"name": "\\ud800"}',
        '{"name": "Boats\\u0000"}',
    ],
)
def test_a_saved_search_body_that_is_no_object_of_text_is_a_400(body):
    client = signed_in(Client(), UserFactory(role=Role.PUBLIC))
    response = client.post("/api/v1/saved-searches/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert client.get("/api/v1/saved-searches/").json() == []


def test_a_saved_search_too_long_to_keep_is_a_400_saying_so():
    client = signed_in(Client(), UserFactory(role=Role.PUBLIC))
    query = "q=" + "搜" * 499  # 501 characters as typed, 2,997 in the link that is kept
    response = client.post(
        "/api/v1/saved-searches/", {"name": "Long", "query": query}, content_type="application/json"
    )
    assert response.status_code == 400 and "too long to save" in response.json()["detail"]


def test_the_openapi_schema_gives_the_bounds_of_the_pages_and_the_searches_choices(client):
    paths = client.get("/api/schema/?format=json").json()["paths"]
    limit = next(p for p in paths["/api/v1/records/"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"] == {"type": "integer", "minimum": 1, "maximum": 1000}
    search = {p["name"]: p["schema"] for p in paths["/api/v1/search/"]["get"]["parameters"]}
    assert search["kind"]["enum"] == ["case", "legislation", "strategy", "bibliography"]
    assert search["year_from"] == {"type": "integer", "minimum": 1900, "maximum": 2100}
    assert json.dumps(search["language"]["enum"]) == '["ar", "zh-hans", "en", "fr", "ru", "es"]'


def test_the_api_search_says_when_it_swapped_a_reversed_year_range(client):
    swapped = client.get("/api/v1/search/", {"year_from": "2010", "year_to": "2004"}).json()
    right = client.get("/api/v1/search/", {"year_from": "2004", "year_to": "2010"}).json()
    assert swapped["notices"] == [
        "The years were the wrong way round (from 2010 to 2004): the search is from 2004 to 2010."
    ]
    assert right["notices"] == [] and swapped["total"] == right["total"]
    schema = client.get("/api/schema/?format=json").json()
    response = schema["paths"]["/api/v1/search/"]["get"]["responses"]["200"]["content"]["application/json"]
    assert "notices" in response["schema"]["required"]
    assert response["schema"]["properties"]["notices"]["items"] == {"type": "string"}
