"""The Sankey diagram of "follow the money": exact geometry of a small case, conservation at the nodes,
small nodes merged into "others", flows going back left out of the drawing and listed, numbers written for
SVG in every language, and a property test that the drawing stays finite and inside its box."""

import math
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from itertools import pairwise

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from palermo.networks.graph.sankey import LINE_HEIGHT, SankeyLink, SankeyNode, fit_label, label_width, sankey

NUMBER = r"-?\d+(?:\.\d+)?"
PATH = re.compile(
    rf"M{NUMBER},{NUMBER}(?:C{NUMBER},{NUMBER}(?: {NUMBER},{NUMBER}){{2}}|L{NUMBER},{NUMBER})+Z"
)


def edges(d: str) -> tuple[tuple[Decimal, Decimal, Decimal], tuple[Decimal, Decimal, Decimal]]:
    """A band's ends from its path: (x, top, bottom) where it leaves its source and where it meets its target."""
    numbers = [Decimal(n) for n in re.findall(NUMBER, d)]
    points = list(zip(numbers[::2], numbers[1::2], strict=True))
    (x0, source_top), (x1, target_top), (_, target_bottom), (_, source_bottom) = (
        points[0],
        points[3],
        points[4],
        points[7],
    )
    return (x0, source_top, source_bottom), (x1, target_top, target_bottom)


def nodes_by_id(chart):
    return {node.id: node for node in chart.nodes}


def three_nodes():
    return [SankeyNode("a", "Alpha", 0), SankeyNode("b", "Beta", 1), SankeyNode("c", "Gamma", 1)]


def test_two_columns_are_laid_out_as_worked_by_hand():
    # Column 1 needs 40 shares and a gap of 10 in a height of 100: 2.25 px a share; column 0 is centred.
    chart = sankey(
        three_nodes(),
        [SankeyLink("a", "b", 30, "Alpha pays Beta"), SankeyLink("a", "c", 10)],
        width=200,
        height=100,
        node_width=10,
        gap=10,
    )
    assert (chart.width, chart.height) == ("200", "100")
    assert [tuple(node) for node in chart.nodes] == [
        ("0", "5", "10", "90", "Alpha", "16", "50", "start", "a", "", "Alpha"),
        ("190", "0", "10", "67.5", "Beta", "184", "33.8", "end", "b", "", "Beta"),
        ("190", "77.5", "10", "22.5", "Gamma", "184", "88.8", "end", "c", "", "Gamma"),
    ]
    assert [tuple(link) for link in chart.links] == [
        ("M10,5C100,5 100,0 190,0L190,67.5C100,67.5 100,72.5 10,72.5Z", "Alpha pays Beta", "a", "b", 30.0),
        (
            "M10,72.5C100,72.5 100,77.5 190,77.5L190,100C100,100 100,95 10,95Z",
            "Alpha → Gamma",
            "a",
            "c",
            10.0,
        ),
    ]
    assert chart.not_drawn == []
    assert chart.merged == {}


def test_a_node_is_as_tall_as_its_bands_on_each_side_when_in_equals_out():
    # 0.1 + 0.2 is not 0.3 in floating point, and tops fall between pixels: the bands still fill B exactly.
    nodes = [
        SankeyNode("a", "A", 0),
        SankeyNode("a2", "A2", 0),
        SankeyNode("f", "F", 1),
        SankeyNode("b", "B", 1),
        SankeyNode("g", "G", 1),
        SankeyNode("c", "C", 2),
        SankeyNode("d", "D", 2),
        SankeyNode("e", "E", 2),
    ]
    links = [
        SankeyLink("a", "b", 0.1),
        SankeyLink("a2", "b", 0.2),
        SankeyLink("a", "f", 0.4123),
        SankeyLink("a2", "g", 0.0123),
        SankeyLink("b", "c", 0.17),
        SankeyLink("b", "d", 0.07),
        SankeyLink("b", "e", 0.06),
    ]
    for height in range(100, 400, 7):
        chart = sankey(nodes, links, height=height, gap=3.3)
        b = nodes_by_id(chart)["b"]
        top, bottom = Decimal(b.y), Decimal(b.y) + Decimal(b.h)
        incoming = sorted(edges(link.d)[1] for link in chart.links if link.target == "b")
        outgoing = sorted(edges(link.d)[0] for link in chart.links if link.source == "b")
        for side, x in ((incoming, Decimal(b.x)), (outgoing, Decimal(b.x) + Decimal(b.w))):
            assert {edge[0] for edge in side} == {x}
            assert (side[0][1], side[-1][2]) == (top, bottom), height
            assert all(upper[2] == lower[1] for upper, lower in pairwise(side))
            assert sum(edge[2] - edge[1] for edge in side) == Decimal(b.h)


def test_bands_leave_a_node_in_the_order_of_their_targets():
    # Gamma (30) is stacked above Beta (10), so Alpha's band to Gamma leaves from Alpha's top.
    chart = sankey(three_nodes(), [SankeyLink("a", "b", 10), SankeyLink("a", "c", 30)], height=100, gap=10)
    assert [node.id for node in chart.nodes] == ["a", "c", "b"]
    by_target = {link.target: edges(link.d)[0] for link in chart.links}
    assert by_target["c"][1] == Decimal(nodes_by_id(chart)["a"].y)
    assert by_target["c"][2] == by_target["b"][1]


def test_a_link_may_skip_columns():
    nodes = [*three_nodes(), SankeyNode("d", "Delta", 2)]
    chart = sankey(nodes, [SankeyLink("a", "b", 5), SankeyLink("a", "d", 5)], width=300, node_width=10)
    skip = next(link for link in chart.links if link.target == "d")
    (x0, _, _), (x1, _, _) = edges(skip.d)
    assert (x0, x1) == (Decimal(10), Decimal(290))
    assert [node.x for node in chart.nodes] == ["0", "145", "145", "290"]


def test_columns_are_drawn_in_ascending_order_even_negative_ones():
    # "Back": the lead passes the hops negated; money still runs left to right into the start (column 0).
    nodes = [SankeyNode("start", "Start", 0), SankeyNode("payer", "Payer", -2), SankeyNode("mid", "Mid", -1)]
    chart = sankey(
        nodes, [SankeyLink("payer", "mid", 4), SankeyLink("mid", "start", 4)], width=100, node_width=10
    )
    assert [(node.id, node.x, node.anchor) for node in chart.nodes] == [
        ("payer", "0", "start"),
        ("mid", "45", "start"),
        ("start", "90", "end"),
    ]
    assert [node.h for node in chart.nodes] == ["420", "420", "420"]


def test_the_smallest_nodes_of_a_full_column_are_merged_into_others_with_their_links():
    receivers = [SankeyNode(f"r{value}", f"R{value}", 1, "person") for value in (1, 2, 3, 40, 50)]
    nodes = [SankeyNode("a", "A", 0), *receivers, SankeyNode("z", "Z", 2)]
    links = [SankeyLink("a", f"r{value}", value, f"A → R{value}") for value in (3, 40, 1, 50, 2)]
    links += [SankeyLink("r1", "z", 1), SankeyLink("r2", "z", 2), SankeyLink("r50", "z", 5)]
    chart = sankey(nodes, links, max_nodes_per_column=3, others_label="{count} others")

    assert [node.label for node in chart.nodes] == ["A", "R50", "R40", "3 others", "Z"]
    others = nodes_by_id(chart)["others:1"]
    assert others.group == "person"
    assert chart.merged == {"others:1": ["r3", "r2", "r1"]}
    bands = {(link.source, link.target): link for link in chart.links}
    assert set(bands) == {("a", "r50"), ("a", "r40"), ("a", "others:1"), ("others:1", "z"), ("r50", "z")}
    assert bands["a", "others:1"].value == 6
    assert bands["a", "others:1"].title == "A → R3\nA → R1\nA → R2"
    assert bands["others:1", "z"].value == 3
    assert bands["others:1", "z"].title == "R1 → Z\nR2 → Z"


def test_the_others_label_may_be_a_callable_and_is_translated_by_default():
    nodes = [SankeyNode("a", "A", 0), *(SankeyNode(f"r{i}", f"R{i}", 1) for i in range(4))]
    links = [SankeyLink("a", f"r{i}", i + 1) for i in range(4)]
    called = sankey(nodes, links, max_nodes_per_column=2, others_label=lambda count: f"+{count}")
    assert called.nodes[-1].label == "+3"
    assert sankey(nodes, links, max_nodes_per_column=2).nodes[-1].label == "3 others"


def test_an_others_id_never_takes_a_callers_id():
    nodes = [SankeyNode("others:1", "Named like ours", 0), *(SankeyNode(f"r{i}", "R", 1) for i in range(3))]
    chart = sankey(nodes, [SankeyLink("others:1", f"r{i}", 1) for i in range(3)], max_nodes_per_column=2)
    assert chart.merged == {"others:1'": ["r1", "r2"]}


def test_flows_back_or_within_a_column_are_listed_and_not_drawn_nor_counted():
    forward = [SankeyLink("a", "b", 30), SankeyLink("a", "c", 10)]
    going_round = [
        SankeyLink("b", "a", 25, "Beta repays Alpha"),
        SankeyLink("b", "c", 5),
        SankeyLink("c", "c", 1),
    ]
    plain = sankey(three_nodes(), forward, width=200, height=100, node_width=10)
    chart = sankey(
        three_nodes(), [*going_round[:1], *forward, *going_round[1:]], width=200, height=100, node_width=10
    )

    assert chart.nodes == plain.nodes
    assert chart.links == plain.links
    assert [(link.source, link.target, link.value, link.title) for link in chart.not_drawn] == [
        ("b", "a", 25, "Beta repays Alpha"),
        ("b", "c", 5, "Beta → Gamma"),
        ("c", "c", 1, "Gamma → Gamma"),
    ]


def test_nodes_without_links_are_thin_marks_centred_in_their_column():
    chart = sankey(three_nodes(), [], width=200, height=100, node_width=10, gap=10)
    assert [(node.x, node.y, node.h) for node in chart.nodes] == [
        ("0", "49", "2"),
        ("190", "43", "2"),
        ("190", "55", "2"),
    ]
    assert chart.links == []


def test_one_node_and_no_node_are_drawn():
    alone = sankey([SankeyNode("a", "A", 7)], [], width=100, height=50)
    assert [tuple(node) for node in alone.nodes] == [
        ("0", "24", "14", "2", "A", "20", "25", "start", "a", "", "A")
    ]
    assert sankey([], []).nodes == []


def test_equal_values_make_equal_nodes():
    nodes = [SankeyNode("a", "A", 0), *(SankeyNode(f"r{i}", "R", 1) for i in range(3))]
    chart = sankey(nodes, [SankeyLink("a", f"r{i}", 7) for i in range(3)], height=100, gap=5)
    assert [node.h for node in chart.nodes] == ["90", "30", "30", "30"]
    assert [node.y for node in chart.nodes[1:]] == ["0", "35", "70"]


@pytest.mark.parametrize("value", [0, -1.5, math.nan, math.inf])
def test_a_flow_that_is_not_a_positive_amount_is_refused(value):
    with pytest.raises(ValueError, match="positive"):
        sankey(three_nodes(), [SankeyLink("a", "b", value)])


def test_a_link_to_an_unknown_node_or_a_repeated_id_is_refused():
    with pytest.raises(ValueError, match="ends must be nodes"):
        sankey(three_nodes(), [SankeyLink("a", "nobody", 1)])
    with pytest.raises(ValueError, match="unique"):
        sankey([*three_nodes(), SankeyNode("a", "Again", 2)], [])


def test_numbers_are_written_for_svg_in_french_and_the_template_draws_them():
    nodes = [
        SankeyNode("a", "Société A", 0, "LegalEntity"),
        SankeyNode("b", "B", 1, "Person"),
        SankeyNode("c", "C", 1),
    ]
    links = [
        SankeyLink("a", "b", 1234.5678, "1 234,57 €"),
        SankeyLink("a", "c", 0.333),
        SankeyLink("c", "a", 1),
    ]
    with translation.override("fr"):
        chart = sankey(nodes, links, width=333.3, height=111.1)
        html = render_to_string("networks/_sankey.html", {"chart": chart})
    for node in chart.nodes:
        for value in (node.x, node.y, node.w, node.h, node.label_x, node.label_y):
            assert re.fullmatch(NUMBER, value), value
    assert all(PATH.fullmatch(link.d) for link in chart.links)

    svg = ET.fromstring(re.search(r"<svg\b.*?</svg>", html, re.DOTALL).group())
    assert svg.get("role") == "img"
    assert svg.get("viewBox") == "0 0 333.3 111.1"
    paths = svg.findall(".//path")
    assert [path.get("d") for path in paths] == [link.d for link in chart.links]
    assert [path.find("title").text for path in paths] == ["1 234,57 €", "Société A → C"]
    assert [rect.get("class") for rect in svg.findall(".//rect")] == [
        "sankey-node group-legalentity",
        "sankey-node group-person",
        "sankey-node",
    ]
    assert '<li dir="auto">C → Société A</li>' in html


def test_an_others_node_has_its_class_in_the_drawing():
    nodes = [SankeyNode("a", "A", 0), *(SankeyNode(f"r{i}", "R", 1) for i in range(3))]
    chart = sankey(nodes, [SankeyLink("a", f"r{i}", i + 1) for i in range(3)], max_nodes_per_column=2)
    html = render_to_string("networks/_sankey.html", {"chart": chart})
    assert html.count('class="sankey-node others"') == 1


def test_an_empty_chart_draws_nothing():
    assert render_to_string("networks/_sankey.html", {"chart": sankey([], [])}).strip() == ""


@st.composite
def flows(draw):
    count = draw(st.integers(1, 25))
    columns = draw(st.lists(st.integers(-3, 3), min_size=count, max_size=count))
    nodes = [SankeyNode(str(i), f"N{i}", column) for i, column in enumerate(columns)]
    ends = st.integers(0, count - 1).map(str)
    amounts = st.floats(min_value=5e-324, max_value=1.7e308, allow_nan=False, allow_infinity=False)
    links = draw(st.lists(st.builds(SankeyLink, ends, ends, amounts), max_size=40))
    return nodes, links


@settings(max_examples=200, deadline=None)
@given(
    flows(),
    st.integers(40, 1200),
    st.integers(20, 900),
    st.integers(1, 30),
    st.integers(0, 40),
    st.integers(1, 15),
)
def test_the_drawing_is_finite_and_inside_its_box(flow, width, height, node_width, gap, most):
    nodes, links = flow
    chart = sankey(
        nodes, links, width=width, height=height, node_width=node_width, gap=gap, max_nodes_per_column=most
    )
    for node in chart.nodes:
        x, y, w, h = (float(value) for value in (node.x, node.y, node.w, node.h))
        assert all(math.isfinite(value) for value in (x, y, w, h, float(node.label_x), float(node.label_y)))
        assert x >= 0 and x + w <= width
        assert y >= 0 and h >= 0 and y + h <= height
    for link in chart.links:
        assert PATH.fullmatch(link.d), link.d
        numbers = [float(n) for n in re.findall(NUMBER, link.d)]
        assert all(0 <= x <= width for x in numbers[::2])
        assert all(0 <= y <= height for y in numbers[1::2])
    columns = {}
    for node in chart.nodes:
        columns.setdefault(node.x, []).append(node)
    assert max(len(column) for column in columns.values()) <= most
    column_of = {node.id: node.column for node in nodes}
    going_round = [link for link in links if column_of[link.target] <= column_of[link.source]]
    assert [(link.source, link.target, link.value) for link in chart.not_drawn] == [
        (link.source, link.target, link.value) for link in going_round
    ]


def test_room_for_labels_keeps_every_label_right_of_its_node():
    nodes = [SankeyNode("a", "A", 0), SankeyNode("b", "B", 1), SankeyNode("c", "C", 2)]
    links = [SankeyLink("a", "b", 1), SankeyLink("b", "c", 1)]
    chart = sankey(nodes, links, width=300, node_width=10, label_room=100)
    assert [(node.x, node.anchor, node.label_x) for node in chart.nodes] == [
        ("0", "start", "16"),
        ("95", "start", "111"),
        ("190", "start", "206"),
    ]
    with pytest.raises(ValueError, match="label_room"):
        sankey(nodes, links, width=300, node_width=10, label_room=295)


def test_a_label_is_shortened_to_its_room_and_wide_characters_count_as_one_em():
    assert label_width("abcd") == pytest.approx(4 * 0.58 * 11)
    assert label_width("国际合作") == pytest.approx(4 * 11)
    assert fit_label("Bitmoon Exchange", 200) == "Bitmoon Exchange"
    short = fit_label("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", 100)
    assert (
        short.endswith("…")
        and label_width(short) <= 100
        and "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4".startswith(short[:-1])
    )
    assert fit_label("国际合作", 25) == "国…"
    assert fit_label("Alpha", 3) == ""


def test_the_last_columns_labels_fit_the_room_left_for_them():
    address = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
    nodes = [SankeyNode("a", "Alpha", 0), SankeyNode("w", address, 1)]
    chart = sankey(nodes, [SankeyLink("a", "w", 5)], width=720, label_room=170)
    wallet = chart.nodes[1]
    assert wallet.label == address and wallet.short.endswith("…")
    assert float(wallet.label_x) + label_width(wallet.short) <= 720


def test_labels_of_a_column_never_overlap_and_the_smallest_are_left_out_when_lines_run_out():
    # One large node and 40 tiny ones in a height of 130: ten lines; the large node keeps its label.
    nodes = [SankeyNode("a", "A", 0), SankeyNode("big", "Big", 1)]
    nodes += [SankeyNode(f"t{n}", f"T{n}", 1) for n in range(40)]
    links = [SankeyLink("a", "big", 1000)] + [SankeyLink("a", f"t{n}", 1 + n / 100) for n in range(40)]
    chart = sankey(nodes, links, height=130, max_nodes_per_column=50)
    column = [node for node in chart.nodes if node.x == chart.nodes[1].x]
    shown = sorted(float(node.label_y) for node in column if node.short)
    assert len(shown) == 10 and "Big" in {node.short for node in column}
    assert all(lower - upper >= LINE_HEIGHT - 0.1 for upper, lower in pairwise(shown))
    assert shown[0] >= LINE_HEIGHT / 2 - 0.1 and shown[-1] <= 130 - LINE_HEIGHT / 2 + 0.1
