"""The entities list (one row per canonical entity, search, schema filter, pages) and an entity's page (each
value with its sources, the records merged into it, linked entities), in a fixed number of queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS, inquiry  # noqa: F401 (fixture)
from tests.networks.entities_world import ZAKHAROV_CYRILLIC, entity, ready_source, small_network

pytestmark = pytest.mark.django_db


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_one_row_per_canonical_entity(inquiry):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = page(client, reverse("networks:entities", args=[inquiry.investigation.pk]))
    assert (
        html.count('data-entity="') == 3
    )  # Zakharov's two records are one entity; his company; the Ownership
    assert 'data-entity="it-1"' in html and 'data-entity="br-7"' not in html
    assert "2 records merged" in html


def test_search_ignores_case_and_filter_by_schema(inquiry):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    url = reverse("networks:entities", args=[inquiry.investigation.pk])
    assert page(client, url, q="lupa TRADING").count('data-entity="') == 1
    assert 'data-entity="it-2"' in page(client, url, q="lupa TRADING")
    assert page(client, url, schema="Ownership").count('data-entity="') == 1
    assert "No entity matches." in page(client, url, q="nobody")


def test_schema_labels_are_in_the_readers_language(inquiry):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = client.get(f"/fr/networks/investigations/{inquiry.investigation.pk}/entities/").content.decode()
    assert "Personne" in html and "Société" in html


def test_the_entity_page_shows_every_value_with_its_sources(inquiry):  # noqa: F811
    sources = small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = page(client, reverse("networks:entity", args=[inquiry.investigation.pk, "it-1"]))
    assert "Aleksandr Zakharov" in html and ZAKHAROV_CYRILLIC in html
    assert f"networks/investigations/{inquiry.investigation.pk}/sources/{sources['first'].pk}/" in html
    assert "italy.ftm.json" in html and "brazil.ftm.json" in html
    assert "line 4" in html  # the Brazilian record's line
    assert (
        '<dl class="facts" id="merged"><dt>Id</dt><dd class="code">br-7</dd><dt>Id</dt><dd class="code">it-1</dd></dl>'
        in html
    )
    # The Ownership points at him: it is linked, with the company at its other end.
    assert f'href="/en/networks/investigations/{inquiry.investigation.pk}/entities/it-3/"' in html
    assert "Lupa Trading S.r.l." in html
    assert "Remove" not in html  # a viewer removes nothing


def test_a_value_naming_an_entity_links_to_it(inquiry):  # noqa: F811
    small_network(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    html = page(client, reverse("networks:entity", args=[inquiry.investigation.pk, "it-3"]))
    entities = f"/en/networks/investigations/{inquiry.investigation.pk}/entities/"
    assert f'<a href="{entities}it-1/">Aleksandr Zakharov</a>' in html
    assert f'<a href="{entities}it-2/">Lupa Trading S.r.l.</a>' in html


def test_an_unknown_entity_is_a_404(inquiry):  # noqa: F811
    client = signed_in(Client(), inquiry["viewer"])
    assert (
        client.get(reverse("networks:entity", args=[inquiry.investigation.pk, "nobody"])).status_code == 404
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_and_the_entity_page_read_a_fixed_number_of_queries(inquiry):  # noqa: F811
    small_network(inquiry)
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    client = signed_in(Client(), inquiry["viewer"])
    entities = reverse("networks:entities", args=[investigation.pk])
    one = reverse("networks:entity", args=[investigation.pk, "it-1"])
    client.get(entities), client.get(one)  # the register's names of countries are read once per process
    before = (_queries(client, entities), _queries(client, one))
    more = ready_source(investigation, analyst, "more.ftm.json")
    for number in range(30):
        entity(investigation, analyst, more, "Company", f"c-{number}", name=f"Company {number}")
        entity(investigation, analyst, more, "Ownership", f"o-{number}", owner="it-1", asset=f"c-{number}")
    assert (_queries(client, entities), _queries(client, one)) == before


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_outsiders_get_404_on_every_entity_page(inquiry, outsider):  # noqa: F811
    small_network(inquiry)
    pk = inquiry.investigation.pk
    client = signed_in(Client(), inquiry[outsider])
    for url in (
        reverse("networks:entities", args=[pk]),
        reverse("networks:entity", args=[pk, "it-1"]),
        reverse("networks:entity_new", args=[pk]),
        reverse("networks:entity_edit", args=[pk, "it-1"]),
        reverse("networks:entity_choices", args=[pk]) + "?schema=Ownership&prop=owner",
    ):
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_sign_in_or_404(inquiry):  # noqa: F811
    pk = inquiry.investigation.pk
    response = Client().get(reverse("networks:entities", args=[pk]))
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/accounts/" in response["Location"]
