import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from palermo.core.models import AuditEntry
from palermo.knowledge.models import CurationState, Record

pytestmark = pytest.mark.django_db

CASE = {
    "kind": "case",
    "title": "Public Prosecutor v. A.B.",
    "jurisdiction": "ITA",
    "date": "2016-05-04",
    "summary": {"en": "Smuggling of 42 migrants by sea.", "fr": "Trafic illicite de 42 migrants par mer."},
    "crime_types": ["smuggling-of-migrants"],
    "facet_values": ["route/by-sea"],
    "articles": ["SOM:6"],
    "countries": ["LBY"],
    "cross_cutting": ["international-cooperation"],
    "detail": {"court": "Court of Appeal of Palermo", "court_type": "criminal", "court_level": "appeal"},
    "defendants": [{"name": "A.B.", "gender": "male", "nationality_id": "LBY", "verdict": "convicted"}],
    "victims": [{"count": 42, "age_group": "adult"}],
}
LAW = {
    "kind": "legislation",
    "title": "Criminal Code, art. 416-bis",
    "jurisdiction": "ITA",
    "year": 1982,
    "text": "Anyone who belongs to a mafia-type association...",
    "crime_types": ["participation-in-organized-criminal-group"],
    "articles": ["UNTOC:5"],
    "detail": {"law_title": "Codice penale", "provision": "art. 416-bis"},
}


def write_jsonl(tmp_path, *records, name="records.jsonl"):
    path = tmp_path / name
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8"
    )
    return str(path)


def test_jsonl_import_and_export_round_trip(tmp_path):
    out = StringIO()
    call_command("import_knowledge", write_jsonl(tmp_path, CASE, LAW), state="published", stdout=out)
    assert "2 records imported as published" in out.getvalue()
    case = Record.objects.get(kind="case")
    assert case.case.court == "Court of Appeal of Palermo" and case.victims.get().count == 42
    assert case.state == CurationState.PUBLISHED and case.year == 2016
    assert AuditEntry.objects.get(action="knowledge.records.imported").data["records"] == 2
    exported = StringIO()
    call_command("export_knowledge", format="jsonl", stdout=exported)
    lines = [json.loads(line) for line in exported.getvalue().splitlines()]
    first = next(line for line in lines if line["kind"] == "case")
    assert first["facet_values"] == ["route/by-sea"] and first["articles"] == ["SOM:6"]
    assert first["summary"]["fr"] == "Trafic illicite de 42 migrants par mer."
    assert first["defendants"][0]["nationality_id"] == "LBY"
    # What was exported imports again, unchanged, beside the records it came from (with new ids).
    again = tmp_path / "again.jsonl"
    again.write_text(exported.getvalue(), encoding="utf-8")
    call_command("import_knowledge", str(again), new_ids=True, stdout=StringIO())
    assert Record.objects.count() == 4


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "records.jsonl, line 2, json: not valid JSON"),
        ({**LAW, "kind": "novel"}, "records.jsonl, line 2, kind: 'novel' is not one of"),
        ({**LAW, "jurisdiction": "XXX"}, "records.jsonl, line 2, jurisdiction: 'XXX' is not a State code"),
        ({**LAW, "year": None}, "records.jsonl, line 2, date: give the date, or at least the year"),
        ({**LAW, "date": "04/05/2016"}, "records.jsonl, line 2, date: '04/05/2016' is not a date"),
        (
            {**LAW, "crime_types": ["jaywalking"]},
            "records.jsonl, line 2, crime_types: 'jaywalking' is not known",
        ),
        ({**LAW, "articles": ["UNTOC:99"]}, "records.jsonl, line 2, articles: 'UNTOC:99' is not known"),
        ({**CASE, "detail": {"court_type": "divine"}}, "records.jsonl, line 2, detail.court_type:"),
        ({**CASE, "victims": [{"count": -3}]}, "records.jsonl, line 2, victims[0].count:"),
        ({**CASE, "detail": {"judge": "X"}}, "records.jsonl, line 2, detail: unknown fields: judge"),
        ({**LAW, "summary": "text"}, "records.jsonl, line 2, summary: expected an object with language keys"),
        (
            {**CASE, "defendants": [{"name": "C.D.", "verdict": "acquitted", "sentence": "Four years."}]},
            "records.jsonl, line 2, defendants[0].sentence: A defendant whose verdict is “Acquitted” has no "
            "sentence: leave the sentence empty or change the verdict.",
        ),
        (
            {**CASE, "defendants": [{"name": "C.D.", "verdict": "dismissed", "sentence": "Fine"}]},
            "records.jsonl, line 2, defendants[0].sentence: A defendant whose verdict is “Charges dismissed”",
        ),
    ],
)
def test_bad_lines_are_reported_and_nothing_is_imported(tmp_path, line, expected):
    err = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_knowledge", write_jsonl(tmp_path, LAW, line), stdout=StringIO(), stderr=err)
    assert any(problem.startswith(expected) for problem in err.getvalue().splitlines()), err.getvalue()
    assert not Record.objects.exists()


def test_old_term_slugs_still_import(tmp_path):
    from palermo.knowledge.models import Term

    term = Term.objects.get(slug="virtual-assets")
    term.slug, term.former_slugs = "virtual-assets-and-crypto", ["virtual-assets"]
    term.save()
    call_command(
        "import_knowledge",
        write_jsonl(tmp_path, {**LAW, "cross_cutting": ["virtual-assets"]}),
        stdout=StringIO(),
    )
    assert list(Record.objects.get().cross_cutting.values_list("slug", flat=True)) == [
        "virtual-assets-and-crypto"
    ]


def test_csv_import_and_export(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text(
        "kind,title,jurisdiction,year,crime_types,articles,summary_en,summary_es,detail_law_title\n"
        "legislation,Ley 26.364,ARG,2008,trafficking-in-persons,TIP:3|TIP:5,Trafficking law.,Ley de trata.,Ley 26.364\n",
        encoding="utf-8",
    )
    call_command("import_knowledge", str(path), state="published", stdout=StringIO())
    record = Record.objects.get()
    assert record.summary == {"en": "Trafficking law.", "es": "Ley de trata."}
    assert sorted(record.articles.values_list("number", flat=True)) == ["3", "5"]
    response = Client().get("/en/knowledge/export.csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0]["articles"] == "TIP:3|TIP:5" and rows[0]["summary_es"] == "Ley de trata."


def test_csv_without_the_required_columns_is_refused(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,year\nX,2000\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_knowledge", str(path), stdout=StringIO(), stderr=err)
    assert "bad.csv, line 1, header: missing columns: kind, title" in err.getvalue()


def test_only_published_records_are_exported(tmp_path):
    call_command("import_knowledge", write_jsonl(tmp_path, LAW), stdout=StringIO())  # a draft
    response = Client().get("/en/knowledge/export.jsonl")
    assert b"".join(response.streaming_content) == b""


def test_implementation_map_shows_states_with_legislation(tmp_path):
    call_command("import_knowledge", write_jsonl(tmp_path, LAW), state="published", stdout=StringIO())
    response = Client().get("/en/knowledge/articles/UNTOC/5/implementation/")
    content = response.content.decode()
    assert response.status_code == 200 and "1 State has legislation recorded for this article" in content
    assert 'class="impl-legislation"' in content and ">Italy</a>" in content
    assert Client().get("/en/knowledge/articles/UNTOC/99/implementation/").status_code == 404
    assert "Implementation map" in Client().get("/en/register/instruments/UNTOC/articles/5/").content.decode()


def test_the_secretariat_imports_in_the_browser(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from palermo.accounts.models import Role
    from tests.factories import UserFactory, signed_in

    outsider = Client()
    signed_in(outsider, UserFactory(role=Role.FOCAL_POINT))
    assert outsider.get("/en/knowledge/import/").status_code == 404
    signed_in(client, UserFactory(role=Role.SECRETARIAT_ADMIN))
    bad = SimpleUploadedFile(
        "records.jsonl", (json.dumps(LAW) + "\n" + json.dumps({**LAW, "year": "x"})).encode()
    )
    response = client.post("/en/knowledge/import/", {"file": bad, "state": "published"})
    content = response.content.decode()
    assert "1 problem; nothing was imported." in content and "&#x27;x&#x27; is not a year" in content
    assert not Record.objects.exists()
    good = SimpleUploadedFile("records.jsonl", json.dumps(LAW).encode())
    response = client.post("/fr/knowledge/import/", {"file": good, "state": "published"}, follow=True)
    assert (
        Record.objects.get().state == "published" and "1 enregistrement" not in response.content.decode()[:0]
    )
    assert AuditEntry.objects.filter(action="knowledge.records.imported").exists()
    wrong = SimpleUploadedFile("records.pdf", b"%PDF-1.4")
    assert (
        "must end in .jsonl or .csv"
        in client.post("/en/knowledge/import/", {"file": wrong, "state": "draft"}).content.decode()
    )


def test_bulk_import_writes_what_the_record_is(tmp_path):
    from django.contrib.auth.models import AnonymousUser

    from palermo.knowledge.domain.records import snapshot
    from palermo.knowledge.search.engine import SearchParams, search

    call_command("import_knowledge", write_jsonl(tmp_path, CASE, LAW), state="published", stdout=StringIO())
    for record in Record.objects.all():
        assert record.versions.get().snapshot == json.loads(json.dumps(snapshot(record), default=str))
        found = search(SearchParams(q=f'"{record.title}"'), AnonymousUser())
        assert record.pk in [hit.record.pk for hit in found.hits]  # indexed in the same import
    case = Record.objects.get(kind="case")
    assert case.defendants.get().gender == "male" and case.victims.get().gender == "unknown"
