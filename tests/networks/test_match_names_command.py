# ruff: noqa: RUF001 (names in Cyrillic, Arabic, Chinese and Greek on purpose)
import csv

import pytest
from django.core.management import CommandError, call_command


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def test_writes_scores_and_matches_at_the_default_threshold(tmp_path):
    source = write(
        tmp_path / "in.csv",
        'schema,name1,name2\nPerson,Aleksandr Zakharov,"Zakharov, A."\nCompany,ООО Ромашка,Romashka LLC\n'
        "Person,Wang Wei,Li Na\n",
    )
    target = tmp_path / "out.csv"
    call_command("match_names", str(source), output=str(target))
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["schema", "name1", "name2", "score", "match"],
        ["Person", "Aleksandr Zakharov", "Zakharov, A.", "0.967", "true"],
        ["Company", "ООО Ромашка", "Romashka LLC", "1.000", "true"],
        ["Person", "Wang Wei", "Li Na", "0.000", "false"],
    ]


def test_threshold_option_changes_the_match_column(tmp_path):
    source = write(tmp_path / "in.csv", "schema,name1,name2\nPerson,Aleksandr Zakharov,Dmitry Zakharov\n")
    target = tmp_path / "out.csv"
    call_command("match_names", str(source), output=str(target), threshold=0.5)
    assert (
        target.read_text(encoding="utf-8").splitlines()[1]
        == "Person,Aleksandr Zakharov,Dmitry Zakharov,0.500,true"
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("schema,name1\nPerson,A\n", "line 1, column name2: missing"),
        ("schema,name1,name2,extra\nPerson,A,B,C\n", "line 1, column 4 ('extra'): unknown column"),
        ("schema,name1,name2\nPerson,A,B\nHuman,A,B\n", "line 3, column schema: unknown FtM schema 'Human'"),
        ("schema,name1,name2\nPerson,,B\n", "line 2, column name1: empty"),
        ("schema,name1,name2\nPerson,A\n", "line 2: 2 cells, the header has 3"),
        ('schema,name1,name2\nPerson,"A,B\n', "line 2: not CSV"),
        (b"schema,name1,name2\nPerson,\xff\xfe,B\n", "line 2: not UTF-8 text"),
        (b"\x00\x01\x02", "line 1: not a CSV file"),
    ],
)
def test_bad_input_names_line_and_column_and_writes_nothing(tmp_path, capsys, content, message):
    source = write(tmp_path / "in.csv", content)
    target = tmp_path / "out.csv"
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("match_names", str(source), output=str(target))
    assert message in capsys.readouterr().err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [source]


def test_existing_output_is_kept_when_the_input_is_bad(tmp_path):
    source = write(tmp_path / "in.csv", "schema,name1,name2\nNope,A,B\n")
    target = write(tmp_path / "out.csv", "previous\n")
    with pytest.raises(CommandError):
        call_command("match_names", str(source), output=str(target))
    assert target.read_text() == "previous\n"
