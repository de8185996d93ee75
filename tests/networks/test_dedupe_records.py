"""`palermo dedupe-records`: clusters of generated people, the output format, bad input, and Spark."""

import csv
import io
from collections import Counter
from pathlib import Path

import pytest
from benchmarks.people_records import generate
from django.core.management import CommandError, call_command

PEOPLE_COLUMNS = "unique_id,first_name,surname,dob,city,email,phone,gender"


def write_people(path: Path, records: int, seed: int = 7) -> dict[str, int]:
    """Generated records with their true person; returns {unique_id: person_id}."""
    truth = {}
    with path.open("w", newline="", encoding="utf-8") as output:
        writer = csv.DictWriter(output, fieldnames=PEOPLE_COLUMNS.split(","), extrasaction="ignore")
        writer.writeheader()
        for record, person in generate(records, seed):
            writer.writerow(record)
            truth[record["unique_id"]] = person
    return truth


def run(input_path: Path, output_path: Path, *args: str) -> dict[str, str]:
    call_command("dedupe_records", str(input_path), "-o", str(output_path), *args, stderr=io.StringIO())
    with output_path.open(encoding="utf-8") as output:
        rows = list(csv.reader(output))
    assert rows[0][1] == "cluster_id"
    return dict(rows[1:])


def pairwise_f1(found: dict[str, str], truth: dict[str, int]) -> float:
    def pairs(counter: Counter) -> int:
        return sum(size * (size - 1) // 2 for size in counter.values())

    both = pairs(Counter((found[key], truth[key]) for key in truth))
    precision = both / pairs(Counter(found.values()))
    recall = both / pairs(Counter(truth.values()))
    return 2 * precision * recall / (precision + recall)


@pytest.fixture(scope="module")
def people(tmp_path_factory) -> tuple[Path, dict[str, int], dict[str, str]]:
    folder = tmp_path_factory.mktemp("people")
    truth = write_people(folder / "people.csv", 1500)
    return folder / "people.csv", truth, run(folder / "people.csv", folder / "clusters.csv")


def test_generated_people_are_found_with_high_pairwise_f1(people):
    _path, truth, found = people
    assert set(found) == set(truth)
    assert pairwise_f1(found, truth) >= 0.9


def test_output_keeps_the_input_order_and_names_a_member_as_cluster(people):
    path, _truth, found = people
    with path.open(encoding="utf-8") as source:
        ids = [row["unique_id"] for row in csv.DictReader(source)]
    output = path.parent / "clusters.csv"
    with output.open(encoding="utf-8") as written:
        rows = list(csv.reader(written))
    assert rows[0] == ["unique_id", "cluster_id"]
    assert [row[0] for row in rows[1:]] == ids
    members = Counter(found.values())
    assert all(found[cluster] == cluster for cluster in members)


SMALL = """unique_id,first_name,surname,dob,city,email,phone
a1,Maria,Rossi,1980-04-12,Palermo,maria.rossi@mail.test,+39 333 1234567
a2,Maria,Rossi,1980-04-12,Palermo,maria.rossi@mail.test,+39 333 1234567
a3,Maria,Rosi,1980-12-04,Palermo,maria.rossi@mail.test,
b1,Jonas,Berg,1955-01-30,Oslo,jonas.berg@post.test,+47 900 7654321
b2,Jonas,Berg,1955-01-30,Oslo,jonas.berg@post.test,+47 900 7654321
c1,Wei,Zhang,2001-09-09,Lyon,wei.zhang@web.test,+33 600 1112223
"""


def padded(path: Path, id_column: str = "unique_id", records: int = 400, width: int = 7) -> None:
    """SMALL (its first `width` columns) after generated people, so the model has data to estimate from."""
    with path.open("w", newline="", encoding="utf-8") as output:
        columns = SMALL.splitlines()[0].split(",")[:width]
        writer = csv.writer(output)
        writer.writerow([id_column, *columns[1:]])
        for record, _person in generate(records, seed=3):
            writer.writerow([record[column] for column in ("unique_id", *columns[1:])])
        output.write("".join(",".join(line.split(",")[:width]) + "\n" for line in SMALL.splitlines()[1:]))


def test_identical_records_cluster_and_different_people_do_not(tmp_path):
    padded(tmp_path / "input.csv", id_column="record")
    found = run(tmp_path / "input.csv", tmp_path / "output.csv", "--id-column", "record")
    assert found["a1"] == found["a2"] == found["a3"]
    assert found["b1"] == found["b2"]
    assert len({found["a1"], found["b1"], found["c1"]}) == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("unique_id,first_name,shoe_size\nr1,Ann,38\n", "line 1, column shoe_size: unknown column"),
        ("id,first_name\nr1,Ann\n", "line 1, column unique_id: the id column is missing"),
        (
            "unique_id,first_name\nr1,Ann\nr2,Bob\nr1,Carl\n",
            "line 4, column unique_id: the id “r1” is also on line 2",
        ),
        (
            "unique_id,first_name,dob\nr1,Ann,1990-01-01\nr2,Bob,1990-02-30\n",
            "line 3, column dob: “1990-02-30” is not a date",
        ),
        (
            "unique_id,email\nr1,ann@mail.test\nr2,bob.mail.test\n",
            "line 3, column email: “bob.mail.test” is not an e-mail",
        ),
        ("unique_id,first_name\nr1,Ann\nr2,Bob,extra\n", "line 3: 3 fields where the header has 2"),
        ('unique_id,first_name\nr1,"Ann\nSmith"\nr2,Bob,x\n', "line 4: 3 fields where the header has 2"),
    ],
)
def test_bad_input_names_line_and_column_and_writes_nothing(tmp_path, content, message):
    (tmp_path / "input.csv").write_text(content, encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command(
            "dedupe_records", str(tmp_path / "input.csv"), "-o", str(tmp_path / "out.csv"), stderr=errors
        )
    assert message in errors.getvalue()
    assert not (tmp_path / "out.csv").exists()


def test_a_file_that_is_not_utf8_is_refused_with_its_line(tmp_path):
    (tmp_path / "input.csv").write_bytes("unique_id,surname\nr1,Müller\n".encode("latin-1"))
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "dedupe_records", str(tmp_path / "input.csv"), "-o", str(tmp_path / "out.csv"), stderr=errors
        )
    assert "line 2: the file is not UTF-8 text" in errors.getvalue()
    assert not (tmp_path / "out.csv").exists()


def test_spark_local_mode_finds_the_same_clusters_as_duckdb(tmp_path, monkeypatch):
    """Spark (local mode, two threads): runs in CI, never skipped; CI installs Java (.ci/run).

    Names, dates of birth and e-mail only: each column adds Spark jobs, and this test is about the engine.
    """
    monkeypatch.setenv("PALERMO_SPARK_MASTER", "local[2]")
    padded(tmp_path / "input.csv", records=200, width=6)
    on_duckdb = run(tmp_path / "input.csv", tmp_path / "duckdb.csv")
    on_spark = run(tmp_path / "input.csv", tmp_path / "spark.csv", "--engine", "spark")
    assert on_spark == on_duckdb
    assert on_spark["a1"] == on_spark["a2"] and on_spark["b1"] == on_spark["b2"]
    assert on_spark["a1"] != on_spark["b1"] != on_spark["c1"]
