"""The graph of an investigation built from its statements: relationships and entity-valued properties as
edges, merged records as one vertex, how many sources state each link and its dates; and every write that
changes what the graph holds gives it a new version, so that no reader is served a stale graph."""

import threading

import pytest
from django.db import connection, transaction

from palermo.networks.domain import resolution_components
from palermo.networks.domain.form_entries import enter_entity, remove_entered_value
from palermo.networks.domain.imports import remove_source
from palermo.networks.graph import build
from palermo.networks.graph.build import build_graph, graph_for
from palermo.networks.graph.explore import EdgeFilter, edges_among, neighbourhood
from palermo.networks.graph.paths import find_paths
from palermo.networks.models import Investigation, Statement
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)
from tests.networks.ftm_helpers import ftm_lines, import_now, person
from tests.networks.graph_world import graph_world, merge_records

pytestmark = pytest.mark.django_db


def edges_by_kind(built) -> dict[str, tuple[str, str]]:
    found = {}
    for index, (source, target) in enumerate(built.graph.get_edgelist()):
        kind = built.edge_prop[index] or built.edge_schema[index]
        found[f"{kind}:{built.edge_entity[index]}"] = (
            built.vertices[source].canonical_id,
            built.vertices[target].canonical_id,
        )
    return found


def test_relationships_and_entity_properties_are_edges(inquiry):  # noqa: F811
    graph_world(inquiry)
    built = build_graph(inquiry.investigation.pk)
    assert sorted(v.canonical_id for v in built.vertices) == [
        "lorusso",
        "rashid",
        "rossi",
        "sole",
        "wallet",
        "wang",
        "zakharov",
    ]
    assert edges_by_kind(built) == {
        "Ownership:own-1": ("lorusso", "sole"),
        "Directorship:dir-1": ("zakharov", "sole"),
        "Associate:assoc-1": ("zakharov", "rashid"),
        "Associate:assoc-2": ("rashid", "wang"),
        "Payment:pay-1": ("lorusso", "rashid"),
        "holder:wallet": ("wallet", "wang"),
    }
    ownership = built.edge_entity.index("own-1")
    assert built.edge_sources[ownership] == 2  # Italy and the FIU both state it
    assert built.edge_dates[ownership] == ("2020-09-15", "2020-09-15")
    assert built.vertices[built.vertex_of("zakharov")].countries == ("ru",)


def test_merged_records_are_one_vertex_with_the_links_of_both(inquiry):  # noqa: F811
    graph_world(inquiry)
    merge_records(inquiry.investigation, "zakharov", "wang")
    built = build_graph(inquiry.investigation.pk)
    assert built.vertex_of("wang") is None
    merged = built.vertex_of("zakharov")
    assert built.vertices[merged].countries == ("cn", "ru")
    assert {built.vertices[v].canonical_id for v in built.graph.neighbors(merged)} == {
        "sole",
        "rashid",
        "wallet",
    }


def test_neighbourhood_depth_and_filters(inquiry):  # noqa: F811
    graph_world(inquiry)
    built = build_graph(inquiry.investigation.pk)
    ids = lambda vertices: {built.vertices[v].canonical_id for v in vertices}  # noqa: E731
    zakharov = built.vertex_of("zakharov")
    assert ids(neighbourhood(built, [zakharov], depth=1)[0]) == {"zakharov", "sole", "rashid"}
    assert ids(neighbourhood(built, [zakharov], depth=2)[0]) == {
        "zakharov",
        "sole",
        "rashid",
        "lorusso",
        "wang",
    }
    only_associates = EdgeFilter(kinds=frozenset({"Associate"}))
    assert ids(neighbourhood(built, [zakharov], depth=3, rule=only_associates)[0]) == {
        "zakharov",
        "rashid",
        "wang",
    }
    in_egypt = EdgeFilter(countries=frozenset({"eg"}))
    assert ids(neighbourhood(built, [zakharov], depth=2, rule=in_egypt)[0]) == {"zakharov", "rashid"}
    lorusso = built.vertex_of("lorusso")
    since_2022 = EdgeFilter(since="2022")  # the ownership (2020) is out, the undated associates are in
    assert ids(neighbourhood(built, [lorusso], depth=1, rule=since_2022)[0]) == {"lorusso", "rashid"}
    two_sources = EdgeFilter(min_sources=2)
    assert ids(neighbourhood(built, [lorusso], depth=1, rule=two_sources)[0]) == {"lorusso", "sole"}
    shown, found = neighbourhood(built, [zakharov], depth=2, limit=1)
    assert len(shown) == 2 and found == 4
    everyone = set(range(len(built.vertices)))
    assert len(edges_among(built, everyone)) == 6
    assert len(edges_among(built, {zakharov, built.vertex_of("sole")})) == 1


def test_paths_between_two_entities(inquiry):  # noqa: F811
    graph_world(inquiry)
    built = build_graph(inquiry.investigation.pk)
    v = built.vertex_of
    names = lambda paths: [[built.vertices[x].canonical_id for x in path] for path in paths]  # noqa: E731
    assert names(find_paths(built, v("lorusso"), v("wang"))) == [["lorusso", "rashid", "wang"]]
    assert names(find_paths(built, v("lorusso"), v("wang"), k=2)) == [
        ["lorusso", "rashid", "wang"],
        ["lorusso", "sole", "zakharov", "rashid", "wang"],
    ]
    assert find_paths(built, v("lorusso"), v("rossi")) == []
    # Weighted: the ownership that two sources state is shorter (0.5) than a link one source states (1).
    assert names(find_paths(built, v("sole"), v("rashid"), weighted=True)) == [["sole", "lorusso", "rashid"]]


def version(investigation) -> int:
    return Investigation.objects.get(pk=investigation.pk).graph_version


def test_every_write_that_changes_the_graph_gives_it_a_new_version(inquiry):  # noqa: F811
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    seen = [version(investigation)]

    def changed() -> None:
        now = version(investigation)
        assert now > seen[-1]
        seen.append(now)
        assert graph_for(investigation).version == now  # served at once, not a stale graph

    source = import_now(investigation, analyst, "people.ftm.json", ftm_lines(person("p1", "Anna Rossi")))
    changed()
    entered = enter_entity(
        investigation=investigation, user=analyst, schema="Person", values={"name": ["Marco Neri"]}
    )
    changed()
    enter_entity(
        investigation=investigation,
        user=analyst,
        schema="Associate",
        values={"person": ["p1"], "associate": [entered]},
    )
    changed()
    assert graph_for(investigation).graph.ecount() == 1
    statement = Statement.objects.get(investigation=investigation, entity_id=entered, prop="name")
    enter_entity(
        investigation=investigation,
        user=analyst,
        schema="Person",
        values={"alias": ["Neri"]},
        canonical_id=entered,
    )
    changed()
    remove_entered_value(investigation=investigation, user=analyst, statement_id=statement.pk)
    changed()
    merged = resolution_components.merge(investigation, "p1", entered)
    changed()
    assert len(graph_for(investigation).vertices) == 1
    resolution_components.split(investigation, merged)
    changed()
    remove_source(source=source, user=analyst)
    changed()
    assert graph_for(investigation).vertex_of("p1") is None


def _count_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_same_graph_is_read_on_two_connections(register_data, inquiry, monkeypatch):  # noqa: F811
    graph_world(inquiry)
    merge_records(inquiry.investigation, "zakharov", "wang")
    apart = []
    read_elsewhere = build._read_elsewhere
    monkeypatch.setattr(
        build,
        "_read_elsewhere",
        lambda *queries: apart.append(threading.current_thread()) or read_elsewhere(*queries),
    )
    postgresql = connection.vendor == "postgresql"
    before = _count_connections() if postgresql else 0
    outside = build_graph(inquiry.investigation.pk)
    with transaction.atomic():
        inside = build_graph(inquiry.investigation.pk)
    assert outside.vertices == inside.vertices and outside.vertices
    assert outside.graph.get_edgelist() == inside.graph.get_edgelist()
    for column in ("edge_entity", "edge_schema", "edge_prop", "edge_sources", "edge_dates"):
        assert getattr(outside, column) == getattr(inside, column), column
    if postgresql:  # links and dates read by a second thread on its own connection, closed after
        assert len(apart) == 1 and apart[0] is not threading.main_thread()
        assert _count_connections() == before
    else:  # SQLite reads one query after another
        assert apart == []
