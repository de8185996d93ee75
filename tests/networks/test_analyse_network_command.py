"""`palermo analyse-network EDGES.csv --json OUT.json`: the report of a network, and bad files named by line."""

import json
import re

import pytest
from django.core.management import CommandError, call_command

from palermo import cli
from palermo.networks.graph.edgelist import EdgeListError, read_edge_list
from palermo.networks.management.commands import analyse_network

# Two triangles (ana, bruno, carla) and (elena, fabio, gina) joined through dario: carla - dario - elena.
TWO_CELLS = (
    "source,target\nana,bruno\nana,carla\nbruno,carla\ncarla,dario\ndario,elena\nelena,fabio\n"
    "elena,gina\nfabio,gina\n"
)


def write(path, content):
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def analyse(tmp_path, content, *args, **options) -> dict:
    source = write(tmp_path / "edges.csv", content)
    target = tmp_path / "out.json"
    call_command("analyse_network", str(source), *args, json=str(target), **options)
    return json.loads(target.read_text(encoding="utf-8"))


def test_report_has_the_graph_its_nodes_and_disruption_curves_by_name(tmp_path, capsys):
    report = analyse(tmp_path, TWO_CELLS)
    assert {key: report["graph"][key] for key in report["graph"] if key != "modularity"} == {
        "vertices": 7,
        "edges": 8,
        "components": 1,
        "largest_component": 7,
        "density": 8 / 21,
        "directed": False,
        "communities": 2,
    }
    # Two communities of 3 and 4 nodes (dario goes with either triangle) joined by one edge: 3 and 4 of
    # the 8 edges inside, degree sums 7 and 9 of 16, so Q = 3/8 + 4/8 - (7/16)^2 - (9/16)^2.
    assert report["graph"]["modularity"] == pytest.approx(7 / 8 - (49 + 81) / 256, abs=1e-12)
    nodes = {node["id"]: node for node in report["nodes"]}
    assert [node["id"] for node in report["nodes"]] == [
        "ana",
        "bruno",
        "carla",
        "dario",
        "elena",
        "fabio",
        "gina",
    ]
    assert nodes["dario"] == {
        "id": "dario",
        "degree": 2,
        "betweenness": 9.0,  # the 3 * 3 pairs across
        "pagerank": nodes["dario"]["pagerank"],
        "eigenvector": nodes["dario"]["eigenvector"],
        "community": nodes["dario"]["community"],
        "coreness": 2,  # every node has two neighbours at least
        "articulation_point": True,
    }
    assert [nodes[name]["betweenness"] for name in ("ana", "carla", "elena")] == [0.0, 8.0, 8.0]
    assert {name for name, node in nodes.items() if node["articulation_point"]} == {"carla", "dario", "elena"}
    assert sum(node["pagerank"] for node in report["nodes"]) == pytest.approx(1.0, abs=1e-12)
    assert max(node["eigenvector"] for node in report["nodes"]) == 1.0
    assert nodes["ana"]["community"] == nodes["carla"]["community"] != nodes["gina"]["community"]
    assert [
        (e["removed"], e["largest_component"], e["components"]) for e in report["disruption"]["betweenness"]
    ] == [
        (None, 7, 1),
        ("dario", 3, 2),
        ("ana", 3, 2),
        ("bruno", 3, 2),
        ("carla", 3, 1),
        ("elena", 2, 1),
        ("fabio", 1, 1),
        ("gina", 0, 0),
    ]
    assert [entry["removed"] for entry in report["disruption"]["degree"][:3]] == [None, "carla", "elena"]
    summary = capsys.readouterr().out.strip()
    assert re.fullmatch(
        r"7 nodes, 8 edges, 1 components \(the largest of 7 nodes\), 2 communities \(modularity 0\.367\); "
        rf"written to {re.escape(str(tmp_path / 'out.json'))} in \d+\.\d s\.",
        summary,
    ), summary


def test_numbers_are_plain_json_numbers_and_degrees_integers(tmp_path):
    report = analyse(tmp_path, TWO_CELLS)
    raw = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert "NaN" not in raw and "Infinity" not in raw
    node = report["nodes"][0]
    assert type(node["degree"]) is int and type(node["coreness"]) is int and type(node["community"]) is int
    assert type(node["betweenness"]) is float and type(node["pagerank"]) is float
    assert type(node["articulation_point"]) is bool


def test_steps_limit_the_disruption_curves(tmp_path):
    report = analyse(tmp_path, TWO_CELLS, steps=2)
    assert [entry["step"] for entry in report["disruption"]["degree"]] == [0, 1, 2]
    assert [entry["removed"] for entry in report["disruption"]["betweenness"]] == [None, "dario", "ana"]


def test_weights_are_distances_for_betweenness(tmp_path):
    # A square a - b - c - d - a: from a to c through b costs 1 + 1, through d 5 + 5.
    square = "Source ; TARGET ; Cost\na;b;1\nb;c;1\nc;d;5\nd;a;5\n"
    report = analyse(tmp_path, square, weight_column="cost")
    betweenness = {node["id"]: node["betweenness"] for node in report["nodes"]}
    # a to c: only through b (2 against 10); b to d: through a or c, 6 each (half each); the ends of
    # every edge are closest along it.
    assert betweenness == {"a": 0.5, "b": 1.0, "c": 0.5, "d": 0.0}
    unweighted = analyse(tmp_path, square)
    assert {node["id"]: node["betweenness"] for node in unweighted["nodes"]} == {
        "a": 0.5,
        "b": 0.5,
        "c": 0.5,
        "d": 0.5,
    }


def test_a_column_named_weight_is_used_without_being_asked_and_tabs_separate_cells(tmp_path):
    report = analyse(tmp_path, "target\tsource\tweight\tnote\nb\ta\t1\tx\nc\tb\t1\t\nd\tc\t5\t\na\td\t5\t\n")
    assert {node["id"]: node["betweenness"] for node in report["nodes"]} == {
        "b": 1.0,
        "a": 0.5,
        "c": 0.5,
        "d": 0.0,
    }


def test_directed_edges_go_from_source_to_target(tmp_path):
    report = analyse(tmp_path, "source,target\na,b\nb,c\n", directed=True)
    assert report["graph"]["directed"] is True
    assert [node["betweenness"] for node in report["nodes"]] == [0.0, 1.0, 0.0]
    pagerank = [node["pagerank"] for node in report["nodes"]]
    assert pagerank[0] < pagerank[1] < pagerank[2]  # the walk flows towards c


def test_a_file_with_a_header_only_gives_an_empty_report(tmp_path):
    report = analyse(tmp_path, "source,target\n")
    assert report == {
        "graph": {
            "vertices": 0,
            "edges": 0,
            "components": 0,
            "largest_component": 0,
            "density": 0.0,
            "directed": False,
            "communities": 0,
            "modularity": 0.0,
        },
        "nodes": [],
        "disruption": {
            "betweenness": [{"step": 0, "removed": None, "largest_component": 0, "components": 0}],
            "degree": [{"step": 0, "removed": None, "largest_component": 0, "components": 0}],
        },
    }


def test_large_files_say_what_is_being_done_on_stderr(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(analyse_network, "LARGE", 1)
    analyse(tmp_path, TWO_CELLS)
    err = capsys.readouterr().err
    assert "Read 7 nodes and 8 edges in" in err
    for stage in ("centrality:", "communities:", "k-cores and articulation points:", "disruption by degree:"):
        assert stage in err


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        (b"source,target\na,b\n\xff\xfe,c\n", {}, "line 3: the file is not UTF-8 text"),
        (b"\x00\x01source,target", {}, "line 1: the file is not text"),
        ("", {}, "line 1: no header"),
        ("a,b\nb,c\n", {}, "line 1, column source: missing from the header"),
        ("source,weight\na,1\n", {}, "line 1, column target: missing from the header"),
        ("source,target\na,b\n,c\n", {}, "line 3, column source: empty"),
        ("source,target\na,b\nc,  \n", {}, "line 3, column target: empty"),
        ("source,target,weight\na,b,1\nb,c,heavy\n", {}, "line 3, column weight: “heavy” is not a number"),
        ("source,target,w\na,b,-2\n", {"weight_column": "w"}, "line 2, column w: -2 is not a number above 0"),
        ("source,target,weight\na,b,0\n", {}, "line 2, column weight: 0 is not a number above 0"),
        ("source,target,weight\na,b,nan\n", {}, "line 2, column weight: nan is not a number above 0"),
        (
            "source,target\na,b\n",
            {"weight_column": "cost"},
            "line 1, column cost: the weight column is not in",
        ),
        ("source,target,weight\na,b\n", {}, "line 2: 2 fields where the header has 3"),
        ('source,target\na,"b\n', {}, "line 2: not CSV"),
        ("source,target,Source\na,b,c\n", {}, "line 1, column Source: the column appears twice"),
    ],
)
def test_bad_files_name_each_problem_with_its_line_and_write_nothing(
    tmp_path, capsys, content, options, message
):
    source = write(tmp_path / "edges.csv", content)
    target = tmp_path / "out.json"
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("analyse_network", str(source), json=str(target), **options)
    assert f"{source}: {message}" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [source]


def test_a_missing_file_is_named(tmp_path, capsys):
    with pytest.raises(CommandError, match="1 problem"):
        call_command("analyse_network", str(tmp_path / "none.csv"), json=str(tmp_path / "out.json"))
    assert f"{tmp_path / 'none.csv'}: no such file" in capsys.readouterr().err


def test_every_problem_is_listed_and_an_existing_report_kept(tmp_path, capsys):
    source = write(tmp_path / "edges.csv", "source,target,weight\n,b,1\na,,x\na,b,-1\n")
    target = write(tmp_path / "out.json", "previous\n")
    with pytest.raises(CommandError, match="4 problem"):
        call_command("analyse_network", str(source), json=str(target))
    assert capsys.readouterr().err.splitlines() == [
        f"{source}: line 2, column source: empty",
        f"{source}: line 3, column target: empty",
        f"{source}: line 3, column weight: “x” is not a number",
        f"{source}: line 4, column weight: -1 is not a number above 0",
    ]
    assert target.read_text() == "previous\n"


def test_the_first_hundred_problems_are_listed_and_the_rest_counted(tmp_path):
    source = write(tmp_path / "edges.csv", "source,target\n" + "a,\n" * 150)
    with pytest.raises(EdgeListError) as raised:
        read_edge_list(source, directed=False)
    assert len(raised.value.problems) == 150
    lines = str(raised.value).splitlines()
    assert len(lines) == 101
    assert lines[0] == f"{source}: line 2, column target: empty"
    assert lines[99] == f"{source}: line 101, column target: empty"
    assert lines[100] == "… and 50 more problem(s)"


def test_ids_are_kept_as_written_and_spaces_around_them_trimmed(tmp_path):
    graph = read_edge_list(write(tmp_path / "e.csv", "source,target\n 007 , 7\n7,Ana María\n"), directed=True)
    assert graph.vs["name"] == ["007", "7", "Ana María"]
    assert graph.get_edgelist() == [(0, 1), (1, 2)]
    assert graph.is_directed()
    assert "weight" not in graph.es.attributes()


def test_the_palermo_command_with_dashes_runs_analyse_network(tmp_path):
    source = write(tmp_path / "edges.csv", "source,target\na,b\n")
    target = tmp_path / "out.json"
    cli.main(["analyse-network", str(source), "--json", str(target), "--steps", "1"])
    assert json.loads(target.read_text(encoding="utf-8"))["graph"]["vertices"] == 2


def test_blank_lines_and_lines_of_empty_cells_are_skipped(tmp_path):
    graph = read_edge_list(write(tmp_path / "e.csv", "source,target\n\na,b\n , \n   \nb,c\n"), directed=False)
    assert graph.vs["name"] == ["a", "b", "c"]
    assert graph.ecount() == 2
