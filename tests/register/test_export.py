import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_json_export_has_the_documented_shape(tmp_path):
    target = tmp_path / "register.json"
    call_command("export_register", format="json", output=str(target), stderr=StringIO())
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["as_of"] == "2015-03-14"
    albania = next(p for p in document["parties"] if p["code"] == "ALB")
    assert {k: albania[k] for k in ("code", "name", "regional_group", "un_member")} == {
        "code": "ALB",
        "name": "Albania",
        "regional_group": "EEG",
        "un_member": True,
    }
    assert albania["participation"][0] == {
        "instrument": "UNTOC",
        "signature": "2000-12-12",
        "consent": "2002-08-21",
        "consent_kind": "ratification",
        "entry_into_force": "2003-09-29",
    }
    eu = next(p for p in document["parties"] if p["code"] == "EUU")
    assert eu["regional_group"] is None and eu["un_member"] is False
    assert {p["instrument"] for p in eu["participation"]} == {"UNTOC", "TIP", "SOM", "FIREARMS"}
    assert len(document["parties"]) == 198


def test_csv_export_is_a_flat_table(capsys):
    call_command("export_register", format="csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 627
    albania = next(r for r in rows if r["code"] == "ALB" and r["instrument"] == "UNTOC")
    assert albania["entry_into_force"] == "2003-09-29" and albania["as_of"] == "2015-03-14"


def test_web_export_follows_the_list_filters(client):
    response = client.get("/en/register/export.csv?instrument=FIREARMS&status=party&group=WEOG")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Disposition"] == 'attachment; filename="palermo-register.csv"'
    assert (
        rows
        and {r["instrument"] for r in rows} == {"FIREARMS"}
        and {r["regional_group"] for r in rows} == {"WEOG"}
    )
    assert all(r["consent"] for r in rows)
    document = json.loads(
        client.get("/en/register/export.json?instrument=FIREARMS&status=party&group=WEOG").content
    )
    assert sorted(p["code"] for p in document["parties"]) == sorted(r["code"] for r in rows)
