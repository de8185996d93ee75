"""The search page says what is wrong with a search and how to put it right, beside the search box, keeping
what was typed: a query that does not parse, one too long, a filter naming nothing, years the wrong way
round, a page past the end. Every facet value can be reached ("Show all", finding within a facet, without
JavaScript too). htmx gets the part it swaps in, and every other request (a history entry htmx restores,
the browser's Back) the whole page."""

import re

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from palermo.knowledge.interfaces.forms import SearchForm
from palermo.knowledge.models import Term, Vocabulary
from palermo.knowledge.views.search import FACET_LIMIT
from tests.factories import published_case

pytestmark = pytest.mark.django_db


def page(client, language="en", **params):
    response = client.get(f"/{language}/knowledge/", params)
    assert response.status_code == 200
    return response.content.decode()


def messages(html: str) -> str:
    """The text of the messages under the search box."""
    found = re.search(
        r'<div id="search-messages".*?(?=<details class="help"|<p class="downloads")', html, re.S
    )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0))) if found else ""


@pytest.fixture
def boat(db):
    return published_case("Boat case", "Migrants were smuggled by sea.", jurisdiction="SEN", year=2016)


def test_a_query_that_does_not_parse_is_explained_beside_the_box_with_how_to_write_it(client, boat):
    html = page(client, q="sea NOT")
    said = messages(html)
    assert "This search cannot be run:" in said
    assert (
        "cannot be run: NOT must be followed by what to leave out. Write what to leave out after it" in said
    )
    assert "How to write a search" in said and '"by sea"' in said and "sea OR land" in said
    assert 'value="sea NOT"' in html and 'aria-invalid="true" aria-describedby="search-messages"' in html
    assert "Boat case" not in html  # not run without the part it cannot read


def test_htmx_gets_the_same_explanation_in_the_part_it_swaps(client, boat):
    part = client.get("/en/knowledge/", {"q": "(sea"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in part and 'id="search-messages"' in part
    assert "unbalanced parentheses. Close each parenthesis you open" in messages(part)


def test_a_query_too_long_says_how_long_and_the_limit_and_keeps_it(client, boat):
    query = ("smuggling of migrants by sea " * 40)[:960]
    html = page(client, q=query)
    assert (
        "The search is 960 characters long; a search can have at most 500. Shorten it to its most telling words."
        in messages(html)
    )
    assert f'value="{escape(query)}"' in html
    assert "maxlength" not in re.search(r'<input type="search" name="q"[^>]*>', html).group(0)  # nothing cut


def test_years_the_wrong_way_round_are_swapped_and_said(client, boat):
    html = page(client, year_from="2020", year_to="2010")
    assert "The years were the wrong way round (from 2020 to 2010): the search is from 2010 to 2020." in (
        messages(html)
    )
    assert "Boat case" in html
    assert 'name="year_from" min="1900" max="2100" value="2010"' in html
    assert 'name="year_to" min="1900" max="2100" value="2020"' in html


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("crime_type", "nonsense", "Crime type : There is no crime type “nonsense”."),
        ("cross_cutting", "nonsense", "Cross-cutting issue : There is no cross-cutting issue “nonsense”."),
        ("facet", "route/nowhere", "Facet : There is no facet “route/nowhere”."),
        ("party", "XYZ", "State : There is no State with the code “XYZ”."),
        ("party", "Kuwait", "State : A State is given by its three-letter code, such as KWT."),
        (
            "subregion",
            "999",
            "Geographic subregion : No State is in a geographic subregion with the code 999.",
        ),
        ("subregion", "West", "Geographic subregion : A subregion is given by its three-digit UN M49 code"),
        ("article", "99999", "Treaty article : There is no treaty article 99999."),
        ("year_from", "abc", "From year : Enter a whole number."),
        ("kind", "zzz", "Type of record : Select a valid choice."),
        ("page", "0", "Page : Ensure this value is greater than or equal to 1."),
    ],
)
def test_a_filter_that_names_nothing_is_explained_with_a_way_on(client, boat, name, value, said):
    html = page(client, q="sea", **{name: value})
    assert said in messages(html)
    assert "Boat case" not in html
    assert '<a href="/en/knowledge/?q=sea">Search without it</a>' in html


def test_a_former_slug_of_a_renamed_term_still_filters(client, boat):
    term = Term.objects.get(vocabulary=Vocabulary.CRIME_TYPE, slug="smuggling-of-migrants")
    boat.crime_types.add(term)
    from palermo.knowledge.search.index import index_records

    index_records([boat.pk])
    term.former_slugs = ["migrant-smuggling"]
    term.save(update_fields=["former_slugs"])
    html = page(client, crime_type="migrant-smuggling")
    assert "Boat case" in html and not messages(html).strip()
    assert '<span class="chip">Smuggling of migrants <a' in html


@pytest.mark.parametrize("query", ["()", "***", '""', "« »"])
def test_a_query_without_a_word_to_look_for_says_so(client, boat, query):
    html = page(client, q=query)
    assert f"“{escape(query)}” has no word to look for, so every record is shown." in messages(html)
    assert "Boat case" in html


def test_a_page_past_the_end_says_so_and_shows_the_last(client, boat):
    html = page(client, q="sea", page="7")
    assert "There is no page 7: this search has 1 page. Here it is." in messages(html)
    assert "Boat case" in html


FIELDS = [name for name in SearchForm.base_fields if name != "q"]
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
QUERIES = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=700),
    st.lists(
        st.sampled_from(["(", ")", "NOT", "OR", "-", "sea", "mig*", '"', "«", "»", "*", "traite"]),
        max_size=30,
    ).map(" ".join),
)


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(q=QUERIES, filters=st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=3))
def test_any_search_gives_results_or_says_what_is_wrong(client, boat, q, filters):
    html = page(client, q=q, **filters)
    has_results = 'class="hits-summary"' in html
    has_problem = 'class="errors" role="alert"' in html
    assert has_results != has_problem, (q, filters)


@pytest.fixture
def many_states(db):
    # 13 States, so that the State facet has more values than it shows at first; Costa Rica and Côte d'Ivoire
    # with one record each, Kenya with three
    codes = [
        "KEN",
        "KEN",
        "KEN",
        "CRI",
        "CIV",
        "ITA",
        "FRA",
        "ESP",
        "DEU",
        "NGA",
        "SEN",
        "GHA",
        "MEX",
        "BRA",
        "EUU",
    ]
    return [
        published_case(f"Case {n}", "Migrants were smuggled.", jurisdiction=code)
        for n, code in enumerate(codes)
    ]


def facet_section(html: str, name: str) -> str:
    return re.search(rf'<section id="facet-{name}".*?</section>', html, re.S).group(0)


def test_a_facet_shows_its_first_values_and_a_link_to_all_of_them(client, many_states):
    section = facet_section(page(client, q="migrants"), "party")
    assert section.count("<li>") == FACET_LIMIT
    assert '<a href="/en/knowledge/?q=migrants&amp;more=party#facet-party"' in section
    assert 'hx-get="/en/knowledge/?q=migrants&amp;more=party#facet-party"' in section
    assert "Show all 13" in section


def test_show_all_lists_every_value_and_offers_to_find_one(client, many_states):
    html = page(client, q="migrants", more="party")
    section = facet_section(html, "party")
    assert section.count("<li>") == 13 and "Show fewer" in section and 'name="within"' in section
    found = facet_section(page(client, q="migrants", more="party", within="côte"), "party")
    assert re.findall(r"<li><a[^>]*>([^<]+)</a>", found) == ["Côte d’Ivoire"]
    none = facet_section(page(client, q="migrants", more="party", within="atlantis"), "party")
    assert "No value matches." in none


def test_states_with_as_many_records_are_in_the_readers_order(client, many_states):
    section = facet_section(page(client, "fr", q="migrants", more="party"), "party")
    names = re.findall(r"<li><a[^>]*>([^<]+)</a>", section)
    assert names[0] == "Kenya"  # three records
    assert names.index("Costa Rica") + 1 == names.index("Côte d’Ivoire")  # then by name, as French sorts


def test_the_states_in_no_regional_group_have_a_name(client, many_states):
    html = page(client, q="migrants")
    section = facet_section(html, "group")
    assert re.search(r'<a href="/en/knowledge/\?q=migrants&amp;group=none">No regional group</a>', section)
    assert "—" not in section
    chip = page(client, q="migrants", group="none")
    assert '<span class="chip">No regional group <a' in chip and "Case 14" in chip


def test_htmx_gets_the_part_and_everyone_else_the_whole_page(client, boat):
    for url in ("/en/knowledge/?q=sea", "/en/register/parties/?q=ken"):
        part = client.get(url, HTTP_HX_REQUEST="true")
        assert "<html" not in part.content.decode()
        assert "HX-Request" in part["Vary"] and "no-store" in part["Cache-Control"]
        restored = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
        assert (
            "<html" in restored.content.decode()
            and '<header class="site-header">' in restored.content.decode()
        )
        whole = client.get(url)
        assert "<html" in whole.content.decode() and "HX-Request" in whole["Vary"]
