"""Exports: stock FtM lines that the installed `ftm validate` and `ftm aggregate` accept, extension
entities downgraded or left out; CSV per schema; and the import/export commands."""

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import orjson
import pytest
from django.core.management import call_command

from palermo.networks.ftm.export import write_csv_zip, write_ftm_lines
from palermo.networks.models import SourceState
from tests.networks.ftm_helpers import ftm_lines, import_now, person

pytestmark = pytest.mark.django_db
FTM = str(Path(sys.executable).parent / "ftm")

NETWORK = ftm_lines(
    person("p1", "Aleksandr Zakharov", nationality=["ru"]),
    person("p2", "Maria Rossi"),
    {"id": "case1", "schema": "CourtCase", "properties": {"name": ["RG 123/26"]}},
    {
        "id": "r1",
        "schema": "CaseRole",
        "properties": {"party": ["p1"], "case": ["case1"], "caseRole": ["suspect"]},
    },
    {
        "id": "r2",
        "schema": "CaseRole",
        "properties": {
            "party": ["p2"],
            "case": ["case1"],
            "caseRole": ["witness"],
            "identityProtected": ["true"],
            "protectionBasis": ["untoc-24"],
        },
    },
    {"id": "acc1", "schema": "BankAccount", "properties": {"iban": ["IT60X0542811101000000123456"]}},
    {
        "id": "m1",
        "schema": "AssetMeasure",
        "properties": {
            "asset": ["acc1"],
            "measureType": ["freezing"],
            "authority": ["GIP Palermo"],
            "date": ["2026-01-15"],
            "amount": ["150000"],
            "currency": ["EUR"],
            "case": ["case1"],
        },
    },
)


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def test_the_stock_export_passes_ftm_validate_and_aggregate(inquiry, tmp_path):
    import_now(inquiry.investigation, inquiry["analyst"], "net.ftm.json", NETWORK)
    out = io.BytesIO()
    summary = write_ftm_lines(inquiry.investigation, out)
    path = tmp_path / "export.ftm.json"
    path.write_bytes(out.getvalue())
    schemata = {
        orjson.loads(line)["id"]: orjson.loads(line)["schema"] for line in out.getvalue().splitlines()
    }
    assert schemata == {
        "p1": "Person",
        "p2": "Person",
        "case1": "CourtCase",
        "r1": "CourtCaseParty",
        "acc1": "BankAccount",
        "m1": "Sanction",
    }
    assert summary.left_out == {"CaseRole (identity protected)": 1}
    assert summary.downgraded == {"CaseRole → CourtCaseParty": 1, "AssetMeasure → Sanction": 1}
    for command in ("validate", "aggregate"):
        done = subprocess.run([FTM, command, "-i", str(path)], capture_output=True, check=False)
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.splitlines()) == 6


def test_the_export_with_extensions_keeps_them(inquiry):
    import_now(inquiry.investigation, inquiry["analyst"], "net.ftm.json", NETWORK)
    out = io.BytesIO()
    write_ftm_lines(inquiry.investigation, out, stock=False)
    entities = {e["id"]: e for e in map(orjson.loads, out.getvalue().splitlines())}
    assert entities["r2"]["properties"]["identityProtected"] == ["true"]
    assert entities["m1"]["properties"]["measureType"] == ["freezing"]


def test_the_csv_export_has_one_file_per_schema(inquiry):
    import_now(
        inquiry.investigation,
        inquiry["analyst"],
        "a.jsonl",
        ftm_lines(
            person("p1", "Ana Lima", alias=["Ana", "A. Lima"]),
            {"id": "c1", "schema": "Company", "properties": {"name": ["Lima Ltda"]}},
        ),
    )
    out = io.BytesIO()
    write_csv_zip(inquiry.investigation, out)
    archive = zipfile.ZipFile(out)
    assert sorted(archive.namelist()) == ["Company.csv", "Person.csv"]
    rows = archive.read("Person.csv").decode().splitlines()
    header = rows[0].split(",")
    assert header[0] == "id"
    assert rows[1].split(",")[header.index("alias")] == "A. Lima;Ana"


def test_the_commands_import_and_export(inquiry, tmp_path, capsys):
    path = tmp_path / "net.ftm.json"
    path.write_bytes(NETWORK)
    call_command(
        "import_entities", str(path), investigation=inquiry.investigation.pk, user=inquiry["analyst"].email
    )
    assert "Imported net.ftm.json: 7 entities, " in capsys.readouterr().out
    assert inquiry.investigation.sources.get().state == SourceState.READY
    output = tmp_path / "out.ftm.json"
    call_command("export_entities", investigation=inquiry.investigation.pk, output=str(output))
    assert len(output.read_bytes().splitlines()) == 6
    assert "1 CaseRole (identity protected) left out" in capsys.readouterr().err


def test_the_import_command_lists_the_problems_and_fails(inquiry, tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"id": "p1", "schema": "Persn"}\n')
    with pytest.raises(Exception, match="1 problems"):
        call_command("import_entities", str(path), investigation=inquiry.investigation.pk)
    assert "bad.jsonl, line 1, schema: Persn is not a schema of the model." in capsys.readouterr().err
