"""The graph built with NumPy and Arrow (graph/columns.py) against a plain Python reference that follows
build.py's documented rules row by row, on generated investigations: merged records, links stated by
several sources, relationships with several ends, links to relationships and to entities no ready source
holds, dates. Both must give the same vertices and the same edges in the same order."""

import random

import pyarrow as pa
import pytest

from palermo.networks.ftm.model import model
from palermo.networks.graph import build
from palermo.networks.graph.columns import common_schema, is_edge

NODES = ("Person", "Company", "BankAccount", "CryptoWallet", "LegalEntity", "Organization")
RELATIONSHIPS = ("Ownership", "Payment", "Associate", "Directorship", "Family")


def reference(entity_rows, links, date_rows):
    """The rules of build.py, one row at a time."""
    canonical_of = {row[0]: row[1] for row in entity_rows}
    groups: dict[str, list[tuple]] = {}
    for row in entity_rows:
        groups.setdefault(row[1], []).append(row)
    vertices, relationships = [], {}
    for canonical_id in sorted(groups):
        group = sorted(groups[canonical_id], key=lambda row: (row[0] != canonical_id, row[0]))
        schema = common_schema({row[2] for row in group})
        if is_edge(schema):
            relationships.update((row[0], schema) for row in group)
            continue
        countries = tuple(sorted({code for row in group for code in row[4].split()}))
        vertices.append((canonical_id, schema, group[0][3], countries))
    index = {vertex[0]: number for number, vertex in enumerate(vertices)}
    stated: dict[tuple, set] = {}
    for entity_id, prop, value, source in links:
        if entity_id in canonical_of and value in canonical_of:
            stated.setdefault((entity_id, prop, canonical_of[value]), set()).add(source)
    dates: dict[str, list[str]] = {}
    for entity_id, value in date_rows:
        if entity_id in relationships:
            dates.setdefault(entity_id, []).append(value)
    edges = []

    def add(source, target, entity_id, schema, prop, sources):
        if source in index and target in index:
            written = dates.get(entity_id)
            span = (min(written), max(written)) if written else ("", "")
            edges.append((index[source], index[target], entity_id, schema, prop, len(sources), span))

    for entity_id in sorted({key[0] for key in stated}):
        items = sorted((prop, target) for (eid, prop, target) in stated if eid == entity_id)
        schema_name = relationships.get(entity_id)
        if schema_name is None:
            source = canonical_of[entity_id]
            schema = vertices[index[source]][1] if source in index else ""
            for prop, target in items:
                add(source, target, entity_id, schema, prop, stated[entity_id, prop, target])
            continue
        relationship = model[schema_name]
        for prop_a, source in items:
            if prop_a != relationship.edge_source:
                continue
            for prop_b, target in items:
                if prop_b == relationship.edge_target:
                    together = stated[entity_id, prop_a, source] | stated[entity_id, prop_b, target]
                    add(source, target, entity_id, schema_name, "", together)
    return vertices, edges


def generated(seed: int):
    rng = random.Random(seed)
    nodes = [f"n{rng.randrange(10**6):06d}" for _ in range(rng.randint(1, 40))]
    nodes = sorted(set(nodes), key=lambda _: rng.random())
    countries = ["it", "ru", "br", "", "it ru", "ма"]  # a code outside ASCII sorts by code point
    entity_rows = []
    schema_of = {}
    for node in nodes:
        # a fifth of the entities are merged into an earlier one, as a LegalEntity or as the same schema
        if schema_of and rng.random() < 0.2:
            head = rng.choice(list(schema_of))
            legal = model[schema_of[head]].is_a("LegalEntity")
            schema = rng.choice([schema_of[head], "LegalEntity" if legal else schema_of[head]])
        else:
            head, schema = node, rng.choice(NODES)
        schema_of.setdefault(head, schema)
        entity_rows.append((node, head, schema, f"Name {node[-3:]}", rng.choice(countries)))
    links, date_rows = [], []
    for number in range(rng.randint(0, 80)):
        schema = rng.choice(RELATIONSHIPS)
        relationship = model[schema]
        rid = f"r{number:03d}-{rng.randrange(1000)}"
        earlier = [row[1] for row in entity_rows if row[0].startswith("r") and row[2] == schema]
        head = rng.choice(earlier) if earlier and rng.random() < 0.1 else rid  # merged relationships
        if rng.random() < 0.95:
            entity_rows.append((rid, head, schema, schema, ""))
        for prop, ends in (
            (relationship.edge_source, rng.randint(0, 2)),
            (relationship.edge_target, rng.randint(0, 3)),
        ):
            for _ in range(ends):
                value = rng.choice([*nodes, "missing", rid])
                for source in rng.sample([1, 2, 3], rng.randint(1, 2)):
                    links.append((rid, prop, value, source))
        for _ in range(rng.randint(0, 2)):
            date_rows.append((rid, f"20{rng.randint(10, 25)}-0{rng.randint(1, 9)}"))
    for _ in range(rng.randint(0, 20)):  # properties that are links: a wallet's holder, an account's bank
        holder = rng.choice(nodes)
        links.append(
            (
                holder,
                rng.choice(["holder", "bank", "parent"]),
                rng.choice([*nodes, "missing"]),
                rng.randint(1, 3),
            )
        )
    rng.shuffle(entity_rows)
    rng.shuffle(links)
    return entity_rows, links, date_rows


@pytest.mark.parametrize("seed", range(200))
def test_columns_give_the_reference_graph(seed):
    entity_rows, links, date_rows = generated(seed)
    sent = sorted(entity_rows) if seed % 3 == 0 else entity_rows  # ids in order: nothing is sorted
    tables = [
        pa.table(
            [pa.array([row[i] for row in rows], type=field.type) for i, field in enumerate(schema)],
            schema=schema,
        )
        for rows, schema in zip((sent, links, date_rows), build.SCHEMATA, strict=True)
    ]
    built = build.graph_of_rows(1, *tables)
    vertices, edges = reference(entity_rows, links, date_rows)
    assert [(v.canonical_id, v.schema, v.caption, v.countries) for v in built.vertices] == vertices
    got = [
        (*ends, *details)
        for ends, *details in zip(
            built.graph.get_edgelist(),
            built.edge_entity,
            built.edge_schema,
            built.edge_prop,
            built.edge_sources,
            built.edge_dates,
            strict=True,
        )
    ]
    assert got == edges
    assert built.graph.vcount() == len(vertices)
