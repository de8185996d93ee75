"""A chart's entities and links written for other tools: GEXF 1.3 (Gephi), GraphML (yEd, Gephi, igraph,
networkx) and a Cypher script (Neo4j, Memgraph). Each takes the chart's elements (elements.elements) and
writes UTF-8 bytes; values are escaped by an XML writer or as Cypher string literals, never pasted."""

import xml.etree.ElementTree as ET

NODE_FIELDS = (("schema", "string"), ("kind", "string"), ("countries", "string"))
EDGE_FIELDS = (
    ("kind", "string"),
    ("entity", "string"),
    ("sources", "integer"),
    ("start", "string"),
    ("end", "string"),
    ("amount", "double"),
    ("currency", "string"),
)


def _value(data: dict, name: str) -> str | None:
    value = data.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, list):
        return " ".join(value)
    return repr(value) if isinstance(value, float) else str(value)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def write_gexf(chart: dict, *, title: str) -> bytes:
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "Palermo"
    ET.SubElement(meta, "description").text = title
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    for cls, fields in (("node", NODE_FIELDS), ("edge", EDGE_FIELDS)):
        attributes = ET.SubElement(graph, "attributes", {"class": cls})
        for name, kind in fields:
            ET.SubElement(attributes, "attribute", {"id": name, "title": name, "type": kind})
    nodes = ET.SubElement(graph, "nodes")
    for node in chart["nodes"]:
        data = node["data"]
        element = ET.SubElement(nodes, "node", {"id": data["id"], "label": data["label"]})
        _attvalues(element, data, NODE_FIELDS)
    edges = ET.SubElement(graph, "edges")
    for edge in chart["edges"]:
        data = edge["data"]
        element = ET.SubElement(
            edges,
            "edge",
            {"id": data["id"], "source": data["source"], "target": data["target"], "label": data["label"]},
        )
        _attvalues(element, data, EDGE_FIELDS)
    return _xml(root)


def _attvalues(element: ET.Element, data: dict, fields) -> None:
    values = ET.SubElement(element, "attvalues")
    for name, _kind in fields:
        value = _value(data, name)
        if value is not None:
            ET.SubElement(values, "attvalue", {"for": name, "value": value})


GRAPHML_TYPES = {"string": "string", "integer": "int", "double": "double"}


def write_graphml(chart: dict) -> bytes:
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    fields = [("node", "label", "string"), *(("node", n, k) for n, k in NODE_FIELDS)]
    fields += [("edge", "label", "string"), *(("edge", n, k) for n, k in EDGE_FIELDS)]
    for where, name, kind in fields:
        ET.SubElement(
            root,
            "key",
            {"id": f"{where[0]}_{name}", "for": where, "attr.name": name, "attr.type": GRAPHML_TYPES[kind]},
        )
    graph = ET.SubElement(root, "graph", {"id": "chart", "edgedefault": "directed"})
    for node in chart["nodes"]:
        data = node["data"]
        element = ET.SubElement(graph, "node", {"id": data["id"]})
        _graphml_data(element, "n", data, ["label", *(n for n, _k in NODE_FIELDS)])
    for edge in chart["edges"]:
        data = edge["data"]
        element = ET.SubElement(
            graph, "edge", {"id": data["id"], "source": data["source"], "target": data["target"]}
        )
        _graphml_data(element, "e", data, ["label", *(n for n, _k in EDGE_FIELDS)])
    return _xml(root)


def _graphml_data(element: ET.Element, prefix: str, data: dict, names: list[str]) -> None:
    for name in names:
        value = _value(data, name)
        if value is not None:
            ET.SubElement(element, "data", {"key": f"{prefix}_{name}"}).text = value


def cypher_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return f"'{escaped}'"


def _cypher_map(data: dict, names: list[str]) -> str:
    parts = []
    for name in names:
        value = data.get(name)
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            text = " ".join(value) if isinstance(value, list) else str(value)
            parts.append(f"{name}: {cypher_string(text)}")
        else:
            parts.append(f"{name}: {value!r}")
    return "{" + ", ".join(parts) + "}"


def _label(name: str) -> str:
    """A node label or relationship type: FtM's names are letters only; anything else is dropped."""
    return "".join(ch for ch in name if ch.isascii() and ch.isalnum()) or "Link"


def _edge_key(data: dict) -> str:
    """An edge's id that stays the same from one export to the next: its entity, kind and ends."""
    return f"{data['entity']}/{data['kind']}/{data['source']}/{data['target']}"


def write_cypher(chart: dict) -> bytes:
    """MERGE statements: run twice, the graph is the same (entities keyed by their Palermo id)."""
    lines = ["// Palermo link chart: entities keyed by `id`; run in Neo4j or Memgraph", ""]
    for node in chart["nodes"]:
        data = node["data"]
        props = _cypher_map(data, ["label", "kind", "countries"])
        lines.append(
            f"MERGE (n:Entity:{_label(data['schema'])} {{id: {cypher_string(data['id'])}}}) SET n += {props};"
        )
    for edge in chart["edges"]:
        data = edge["data"]
        props = _cypher_map(data, ["label", "entity", "sources", "start", "end", "amount", "currency"])
        lines.append(
            f"MATCH (a:Entity {{id: {cypher_string(data['source'])}}}), (b:Entity {{id: {cypher_string(data['target'])}}}) "
            f"MERGE (a)-[r:{_label(data['kind']).upper()} {{id: {cypher_string(_edge_key(data))}}}]->(b) "
            f"SET r += {props};"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")
