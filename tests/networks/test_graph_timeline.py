"""The timeline of an investigation: its dated items in time order (partial dates at their start), kept by
the entities of a chart, kinds and dates; drawn with plain SVG numbers in every language and listed in a
table; at most 2,000 listed; for members only, in a bounded number of queries."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from palermo.networks.graph import build, money_load
from palermo.networks.graph.build import graph_for
from palermo.networks.graph.timeline import TimelineFilter, timeline_items
from palermo.networks.graph.timeline_svg import period, timeline_chart
from palermo.networks.models import Source, SourceState
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS, inquiry  # noqa: F401 (fixture)
from tests.networks.entities_world import entity, ready_source
from tests.networks.graph_world import graph_world

pytestmark = pytest.mark.django_db

EVERY = [
    ("2020-09-15", "own-1", "startDate"),
    ("2021-02", "meeting", "date"),
    ("2021-02-01", "dir-1", "startDate"),
    ("2022", "case", "fileDate"),
    ("2022-05-10", "party-1", "startDate"),
    ("2023-03", "case", "closeDate"),
    ("2024-01-05", "pay-1", "date"),
]


@pytest.fixture(autouse=True)
def fresh_graphs():
    """Graphs are kept per process by investigation and version; a rolled-back test database gives the
    next test's investigation the same key, so each test starts with none kept."""
    build._kept.clear()
    money_load._kept.clear()


def dated_world(inquiry) -> dict:  # noqa: F811
    """The graph world, plus a court case filed in 2022 (closed 2023-03) with Zakharov a party from
    2022-05-10, and a meeting in February 2021 that involves Al-Rashid."""
    sources = graph_world(inquiry)
    investigation, analyst, italy = inquiry.investigation, inquiry["analyst"], sources["italy"]
    entity(
        investigation,
        analyst,
        italy,
        "CourtCase",
        "case",
        name="RG 77/22",
        fileDate="2022",
        closeDate="2023-03",
    )
    entity(
        investigation,
        analyst,
        italy,
        "CourtCaseParty",
        "party-1",
        party="zakharov",
        case="case",
        startDate="2022-05-10",
    )
    entity(
        investigation,
        analyst,
        italy,
        "Event",
        "meeting",
        name="Meeting in Cairo",
        date="2021-02",
        involved="rashid",
    )
    return sources


def keys(items) -> list[tuple[str, str, str]]:
    return [(item.date, item.canonical_id, item.prop) for item in items]


def items(inquiry, **rule):  # noqa: F811
    return timeline_items(graph_for(inquiry.investigation), inquiry.investigation.pk, TimelineFilter(**rule))


def test_every_dated_item_in_time_order_with_partial_dates_at_their_start(inquiry):  # noqa: F811
    dated_world(inquiry)
    found = items(inquiry)
    assert keys(found) == EVERY  # "2021-02" before "2021-02-01"; the ownership two sources state, once
    ownership, payment = found[0], found[-1]
    assert (ownership.schema, [end.caption for end in ownership.ends]) == (
        "Ownership",
        ["Giuseppe Lo Russo", "Sole Logistica S.r.l."],
    )
    assert (payment.amount, payment.currency, [end.canonical_id for end in payment.ends]) == (
        5000.0,
        "EUR",
        ["lorusso", "rashid"],
    )
    case = found[3]
    assert (case.schema, case.caption, case.ends, case.amount) == ("CourtCase", "RG 77/22", None, None)


def test_dates_of_a_source_not_ready_are_left_out(inquiry):  # noqa: F811
    dated_world(inquiry)
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    loading = ready_source(investigation, analyst, "loading.ftm.json")
    entity(
        investigation,
        analyst,
        loading,
        "Directorship",
        "dir-2",
        director="wang",
        organization="sole",
        startDate="2019",
    )
    entity(
        investigation, analyst, loading, "Ownership", "own-1", owner="lorusso", asset="sole", endDate="2023"
    )
    Source.objects.filter(pk=loading.pk).update(state=SourceState.LOADING)
    assert keys(items(inquiry)) == EVERY


@pytest.mark.parametrize(
    "rule, expected",
    [
        ({"ids": frozenset({"zakharov"})}, ["dir-1", "party-1"]),
        ({"ids": frozenset({"case"})}, ["case", "party-1", "case"]),
        ({"ids": frozenset({"rashid", "nobody"})}, ["meeting", "pay-1"]),
        ({"ids": frozenset()}, []),
        ({"kinds": frozenset({"Payment", "Ownership"})}, ["own-1", "pay-1"]),
        ({"since": "2021-03", "until": "2022"}, ["case", "party-1"]),
        # A partial date reaches into a range that starts within its period.
        ({"since": "2022-06", "until": "2023-03-15"}, ["case", "case"]),
        ({"until": "2021-02"}, ["own-1", "meeting", "dir-1"]),
        ({"ids": frozenset({"zakharov"}), "kinds": frozenset({"Directorship"})}, ["dir-1"]),
    ],
)
def test_items_are_kept_by_chart_entities_kinds_and_dates(inquiry, rule, expected):  # noqa: F811
    dated_world(inquiry)
    assert [item.canonical_id for item in items(inquiry, **rule)] == expected


def url(inquiry, query="", language="en"):  # noqa: F811
    with override(language):
        return reverse("networks:timeline", args=[inquiry.investigation.pk]) + query


def test_the_page_lists_the_items_with_their_ends_linked_and_amounts(inquiry):  # noqa: F811
    dated_world(inquiry)
    response = signed_in(Client(), inquiry["viewer"]).get(url(inquiry))
    assert response.status_code == 200
    assert [keys([row["item"]])[0] for row in response.context["rows"]] == EVERY
    html = response.content.decode()
    entity_url = reverse("networks:entity", args=[inquiry.investigation.pk, "rashid"])
    assert f'<a href="{entity_url}" dir="auto">Mohammed Al-Rashid</a>' in html
    assert "5,000.00 EUR" in html
    assert '<time datetime="2021-02">February 2021</time>' in html  # as precise as it is known, for people
    assert [lane.label for lane in response.context["chart"].lanes] == [  # in the order of their labels
        "Case party (1)",
        "Court case (2)",
        "Directorship (1)",
        "Event (1)",
        "Ownership (1)",
        "Payment (1)",
    ]
    assert len(response.context["chart"].marks) == 7


def test_the_page_filters_by_the_chart_ids_kinds_and_dates_given(inquiry):  # noqa: F811
    dated_world(inquiry)
    client = signed_in(Client(), inquiry["viewer"])
    response = client.get(url(inquiry, "?ids=zakharov,%20sole&kinds=Directorship&kinds=Ownership&since=2021"))
    assert [row["item"].canonical_id for row in response.context["rows"]] == ["dir-1"]
    html = response.content.decode()
    assert '<input type="hidden" name="ids" value="sole,zakharov">' in html
    assert "Only the items involving the 2 entities of the chart." in html
    assert '<input type="checkbox" name="kinds" value="Directorship" checked>' in html


@pytest.mark.parametrize(
    "query, problem",
    [
        ("?since=last%20year", "Write dates as YYYY-MM-DD, YYYY-MM or YYYY."),
        ("?ids=" + ",".join(f"e{n}" for n in range(2001)), "A chart holds at most 2000 entities."),
    ],
)
def test_a_bad_filter_is_refused_with_its_reason(inquiry, query, problem):  # noqa: F811
    dated_world(inquiry)
    response = signed_in(Client(), inquiry["viewer"]).get(url(inquiry, query))
    assert response.status_code == 400
    assert problem in response.content.decode()
    assert response.context["rows"] == []


def test_svg_numbers_stay_plain_in_french(inquiry):  # noqa: F811
    dated_world(inquiry)
    response = signed_in(Client(), inquiry["viewer"]).get(url(inquiry, language="fr"))
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert re.search(r'cx="\d+\.\d"', svg)  # there are decimals to get wrong
    assert not re.search(r"\d,\d", svg)
    assert "5\xa0000,00 EUR" in html  # the table speaks French


def test_a_partial_date_is_drawn_over_its_period_and_a_payment_grows_with_its_amount(inquiry):  # noqa: F811
    dated_world(inquiry)
    found = items(inquiry)
    chart = timeline_chart(found)
    marks = {(mark.item.canonical_id, mark.item.prop): mark for mark in chart.marks}
    assert marks["case", "fileDate"].width and not marks["case", "fileDate"].r  # a year: a bar
    assert float(marks["case", "fileDate"].width) > 10 * float(marks["case", "closeDate"].width)
    assert marks["pay-1", "date"].r == "10" and marks["dir-1", "startDate"].r == "4"
    assert [label for _x, label in chart.ticks] == ["2021", "2022", "2023", "2024"]
    assert period("2024-02") == (period("2024-02-01")[0], period("2024-03-01")[0])
    assert period("2024-13") is None and period("0001-01-01") is None


def test_at_most_2000_items_are_listed_and_the_rest_counted(inquiry, monkeypatch):  # noqa: F811
    dated_world(inquiry)
    monkeypatch.setattr("palermo.networks.views.graph_timeline.MAX_ITEMS", 5)
    response = signed_in(Client(), inquiry["viewer"]).get(url(inquiry))
    assert [keys([row["item"]])[0] for row in response.context["rows"]] == EVERY[:5]
    assert (response.context["total"], response.context["more"]) == (7, 2)
    assert "2 more are not: choose kinds or dates above to see them." in response.content.decode()


def test_the_number_of_queries_does_not_grow_with_the_items(inquiry, django_assert_max_num_queries):  # noqa: F811
    sources = dated_world(inquiry)
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    for number in range(30):
        entity(
            investigation,
            analyst,
            sources["fiu"],
            "Payment",
            f"pay-{number + 2}",
            payer="rashid",
            beneficiary="wang",
            amount=str(100 + number),
            currency="USD",
            date=f"2024-02-{number % 28 + 1:02d}",
        )
    client = signed_in(Client(), inquiry["viewer"])
    # Sign-in and page queries, and the graph's four (its ready sources, entities, links, dates; on PostgreSQL
    # in a transaction, three of them in a savepoint): a fixed number.
    with django_assert_max_num_queries(22):
        response = client.get(url(inquiry))
    assert len(response.context["rows"]) == 37


@pytest.mark.parametrize("name", OUTSIDERS)
def test_outsiders_get_404(inquiry, name):  # noqa: F811
    dated_world(inquiry)
    assert signed_in(Client(), inquiry[name]).get(url(inquiry)).status_code == 404
