"""The entity list and page name a relationship by its two ends ("Zakharov → Lupa Trading", in the reader's
direction of writing) in a fixed number of queries, and the kind filter offers only the kinds the
investigation has, with their numbers of entities."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import signed_in
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)
from tests.networks.entities_world import entity, ready_source, small_network

pytestmark = pytest.mark.django_db

OWNERSHIP = (
    '<span dir="auto">Aleksandr Zakharov</span> <span aria-hidden="true">→</span>'
    '<span class="visually-hidden">owns</span> <span dir="auto">Lupa Trading S.r.l.</span>'
)


def html_of(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def row_of(html: str, canonical_id: str) -> str:
    return re.search(rf'<tr data-entity="{canonical_id}">(.*?)</tr>', html, re.S).group(1)


def options_of(html: str) -> list[tuple[str, str]]:
    select = re.search(r'<select id="id_schema" name="schema">(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_an_ownership_is_listed_as_its_owner_and_its_asset(inquiry):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = html_of(client, reverse("networks:entities", args=[inquiry.investigation.pk]))
    ownership = row_of(html, "it-3")
    assert OWNERSHIP in ownership
    assert '">Ownership</td>' in ownership  # its kind, in its own column


def test_an_ownership_page_is_headed_by_its_ends(inquiry):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = html_of(client, reverse("networks:entity", args=[inquiry.investigation.pk, "it-3"]))
    assert f"<h1>{OWNERSHIP}</h1>" in html
    assert "<title>\u2068Aleksandr Zakharov\u2069 → \u2068Lupa Trading S.r.l.\u2069 — Operation Lupa" in html


def test_the_arrow_points_from_owner_to_asset_in_arabic(inquiry):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = html_of(client, f"/ar/networks/investigations/{inquiry.investigation.pk}/entities/")
    ownership = row_of(html, "it-3")
    # The ends are isolated and the cell takes the page's direction: the owner on the right, then ←.
    assert '<th scope="row">' in ownership
    assert '<span dir="auto">Aleksandr Zakharov</span> <span aria-hidden="true">←</span>' in ownership
    assert 'يملك</span> <span dir="auto">Lupa Trading S.r.l.</span>' in ownership
    assert "→" not in ownership


def test_an_end_merged_into_another_entity_is_named_as_that_entity(inquiry):  # noqa: F811
    small_network(inquiry)
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    source = ready_source(investigation, analyst, "more.ftm.json")
    # br-7 (Zakharov's Brazilian record, in Cyrillic) is part of the canonical entity it-1.
    entity(
        investigation,
        analyst,
        source,
        "Directorship",
        "d-1",
        director="br-7",
        organization="it-2",
        role="CEO",
    )
    client = signed_in(Client(), inquiry["viewer"])
    directorship = row_of(html_of(client, reverse("networks:entities", args=[investigation.pk])), "d-1")
    assert '<span dir="auto">Aleksandr Zakharov</span>' in directorship
    assert (
        '<span class="visually-hidden">directs</span> <span dir="auto">Lupa Trading S.r.l.</span>'
        in directorship
    )
    assert '<small dir="auto">CEO</small>' in directorship  # the relationship's own caption, its role


def test_a_relationship_without_both_ends_keeps_its_kind_as_caption(inquiry):  # noqa: F811
    small_network(inquiry)
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    source = ready_source(investigation, analyst, "more.ftm.json")
    entity(
        investigation, analyst, source, "Ownership", "o-away", owner="it-1", asset="not-in-this-investigation"
    )
    client = signed_in(Client(), inquiry["viewer"])
    html = html_of(client, reverse("networks:entities", args=[investigation.pk]))
    away = row_of(html, "o-away")
    assert '<th scope="row" dir="auto">' in away
    assert ">Ownership</a>" in away and "→" not in away
    french = html_of(client, f"/fr/networks/investigations/{investigation.pk}/entities/")
    assert ">Propriété</a>" in row_of(french, "o-away")  # the kind in the reader's language


def test_an_undirected_relationship_is_joined_both_ways(inquiry):  # noqa: F811
    small_network(inquiry)
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    source = ready_source(investigation, analyst, "more.ftm.json")
    entity(investigation, analyst, source, "Person", "p-2", name="Maria Rossi")
    entity(investigation, analyst, source, "Associate", "a-1", person="it-1", associate="p-2")
    client = signed_in(Client(), inquiry["viewer"])
    associate = row_of(html_of(client, reverse("networks:entities", args=[investigation.pk])), "a-1")
    assert '<span aria-hidden="true">↔</span>' in associate


def test_the_kind_filter_offers_the_kinds_the_investigation_has(inquiry):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = html_of(client, reverse("networks:entities", args=[inquiry.investigation.pk]))
    # Zakharov's two records are one entity: one Person.
    assert options_of(html) == [
        ("", "Any"),
        ("Company", "Company (1)"),
        ("Ownership", "Ownership (1)"),
        ("Person", "Person (1)"),
    ]
    assert "Vessel" not in html


def test_the_kinds_are_labelled_and_sorted_in_the_readers_language(inquiry):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = html_of(client, f"/fr/networks/investigations/{inquiry.investigation.pk}/entities/")
    assert [text for _value, text in options_of(html)][1:] == ["Personne (1)", "Propriété (1)", "Société (1)"]


@pytest.mark.parametrize("kind", ["Vessel", "NoSuchSchema"])
def test_a_kind_the_investigation_lacks_finds_nothing(inquiry, kind):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = html_of(client, reverse("networks:entities", args=[inquiry.investigation.pk]), schema=kind)
    assert 'data-entity="' not in html
    assert "No entity matches." in html
    if kind == "Vessel":  # a kind FtM knows stays chosen in the filter, with no entity
        assert '<option value="Vessel" selected>Vessel (0)</option>' in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_page_of_fifty_relationships_reads_no_query_per_row(inquiry):  # noqa: F811
    small_network(inquiry)
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    client = signed_in(Client(), inquiry["viewer"])
    ownerships = reverse("networks:entities", args=[investigation.pk]) + "?schema=Ownership"
    client.get(ownerships)  # the register's names of countries are read once per process
    one = _queries(client, ownerships)
    source = ready_source(investigation, analyst, "more.ftm.json")
    for number in range(50):
        entity(investigation, analyst, source, "Company", f"c-{number:02}", name=f"Company {number:02}")
        entity(
            investigation,
            analyst,
            source,
            "Ownership",
            f"o-{number:02}",
            owner="it-1",
            asset=f"c-{number:02}",
        )
    assert _queries(client, ownerships) == one
    html = html_of(client, ownerships)
    assert html.count('data-entity="') == 50
    assert html.count('<span aria-hidden="true">→</span>') == 50
    assert '<span dir="auto">Company 07</span>' in row_of(html, "o-07")


def test_a_link_without_a_name_is_shown_by_its_kind_in_the_readers_language(inquiry):  # noqa: F811
    from django.utils.translation import override

    from palermo.networks.interfaces.schema_labels import translated

    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = html_of(client, f"/fr/networks/investigations/{inquiry.investigation.pk}/entities/it-1/")
    with override("fr"):
        kind = translated("Ownership")
    assert kind != "Ownership"
    assert f'dir="auto">{kind}</a>' in html and 'dir="auto">Ownership</a>' not in html
