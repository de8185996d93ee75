"""The directory as a file: `palermo import-authorities` (CSV or JSON Lines, all or nothing, every problem
with its line and field), `palermo export-authorities`, the round trip between them, and the
secretariat's import page."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from palermo.cooperation.domain.authority_format import authority_data
from palermo.cooperation.models import Authority, Designation
from palermo.core.audit import AuditEntry
from tests.factories import signed_in

pytestmark = pytest.mark.django_db


def export(fmt: str) -> str:
    out = StringIO()
    call_command("export_authorities", format=fmt, stdout=out)
    return out.getvalue()


def everything() -> list[dict]:
    authorities = Authority.objects.order_by("party_id", "name").prefetch_related("designations", "records")
    return [authority_data(a) for a in authorities]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_then_import_into_an_empty_directory_gives_the_same_data(world, tmp_path, fmt):
    ministry = world.authorities["ministry"]
    ministry.postal_address = "Via Arenula 70\n00186 Roma"
    ministry.phones = ["+39 06 1", "=SUM(1)"]  # a formula-like cell comes back as it was
    ministry.accepts_oral_urgent_requests = True
    ministry.urgent_confirmation_days = 10
    ministry.requires_treaty_for_extradition = False
    ministry.time_zone = "Europe/Rome"
    ministry.verified_by_name = "Someone (test)"
    ministry.save()
    before = everything()
    path = tmp_path / f"directory.{fmt}"
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write(export(fmt))
    Designation.objects.all().delete()
    Authority.objects.all().delete()
    call_command("import_authorities", str(path), stdout=StringIO())
    assert everything() == before
    with open(path, encoding="utf-8", newline="") as written:
        assert export(fmt) == written.read()


def test_importing_the_same_file_again_changes_nothing(world, tmp_path):
    path = tmp_path / "directory.jsonl"
    path.write_text(export("jsonl"), encoding="utf-8")
    out = StringIO()
    call_command("import_authorities", str(path), stdout=out)
    assert "0 authorities added, 0 updated, 4 unchanged." in out.getvalue()


def test_a_file_with_problems_writes_nothing_and_names_every_line_and_field(world, tmp_path):
    good = {"state": "DEU", "name": "Bundesamt für Justiz", "designations": ["central_authority"]}
    lines = [
        good,
        {"state": "XYZ", "name": "Somewhere"},
        {"state": "ESP", "name": "Ministerio", "designations": ["central", "extradition"]},
        {"state": "ESP", "name": "Fiscalía", "channels": ["pigeon"], "languages": ["es", "qq"]},
        {"state": "ESP", "name": "Audiencia", "time_zone": "Europe/Palermo", "emails": ["nobody"]},
        {"state": "ESP", "name": "Policía", "verified_on": "2026-02-30", "colour": "red"},
        {"state": "DEU", "name": "Bundesamt für Justiz"},
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\nnot json\n", encoding="utf-8")
    count = Authority.objects.count()
    err = StringIO()
    with pytest.raises(CommandError, match="10 problem"):
        call_command("import_authorities", str(path), stdout=StringIO(), stderr=err)
    reported = err.getvalue().splitlines()
    assert [line.split(":")[0] for line in reported] == [
        "bad.jsonl, line 8, json",
        "bad.jsonl, line 2, state",
        "bad.jsonl, line 3, designations",
        "bad.jsonl, line 4, channels",
        "bad.jsonl, line 4, languages",
        "bad.jsonl, line 5, time_zone",
        "bad.jsonl, line 5, emails",
        "bad.jsonl, line 6, colour",
        "bad.jsonl, line 6, verified_on",
        "bad.jsonl, line 7, name",
    ]
    assert "“XYZ” is not the code of a State" in reported[1]
    assert "“central” is not a kind of authority" in reported[2]
    assert Authority.objects.count() == count
    assert not AuditEntry.objects.filter(action="cooperation.authorities.imported").exists()


def test_a_csv_is_read_by_its_content_and_its_problems_carry_the_line(world, tmp_path):
    text = (
        "state,name,designations,languages,accepts_oral_urgent_requests\n"
        "DEU,Bundesamt für Justiz,central_authority,de; en,yes\n"
        'ESP,"Ministerio\nde Justicia",extradition:UNTOC:16,es,perhaps\n'
    )
    path = tmp_path / "directory.txt"
    path.write_text(text, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_authorities", str(path), stdout=StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        "directory.txt, line 3, accepts_oral_urgent_requests: Must be yes, no or empty (unknown)."
    ]
    path.write_text(text.replace("perhaps", "no"), encoding="utf-8")
    call_command("import_authorities", str(path), stdout=StringIO())
    germany = Authority.objects.get(party_id="DEU")
    assert germany.languages == ["de", "en"] and germany.accepts_oral_urgent_requests is True
    assert list(germany.designations.values_list("kind", "instrument", "article")) == [
        ("central_authority", "UNTOC", "18(13)")
    ]
    assert Authority.objects.get(party_id="ESP").name == "Ministerio\nde Justicia"


def test_a_designation_is_linked_to_the_matching_notification(world, tmp_path):
    from datetime import date

    from palermo.register.models import Declaration

    notification = Declaration.objects.create(
        party_id="DEU",
        instrument_id="UNTOC",
        kind=Declaration.Kind.CENTRAL_AUTHORITY,
        article="18(13)",
        date=date(2005, 6, 14),
        text="Bundesamt für Justiz",
    )
    path = tmp_path / "one.jsonl"
    path.write_text(
        json.dumps({"state": "DEU", "name": "BfJ", "designations": ["central_authority"]}), "utf-8"
    )
    call_command("import_authorities", str(path), stdout=StringIO())
    assert Designation.objects.get(authority__name="BfJ").notification == notification


def test_unreadable_file_and_bad_format_are_named(tmp_path):
    with pytest.raises(CommandError, match="FILE"):
        call_command("import_authorities", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match="format"):
        call_command("export_authorities", "--format", "xml")


def test_the_secretariat_imports_on_a_page_and_sees_the_problems(world):
    client = signed_in(Client(), world["secretariat"])
    url = reverse("cooperation:authorities_import")
    bad = SimpleUploadedFile("new.csv", b"state,name,time_zone\nDEU,BfJ,Mars/Base\n")
    page = client.post(url, {"file": bad}).content.decode()
    assert "1 problem; nothing was imported." in page and "time_zone" in page and "Mars/Base" in page
    assert not Authority.objects.filter(party_id="DEU").exists()
    good = SimpleUploadedFile("new.csv", b"state,name,time_zone\nDEU,BfJ,Europe/Berlin\n")
    assert client.post(url, {"file": good}).status_code == 302
    assert Authority.objects.get(party_id="DEU").time_zone == "Europe/Berlin"
    assert AuditEntry.objects.get(action="cooperation.authorities.imported").actor == world["secretariat"]
    drafter = signed_in(Client(), world["drafter"])
    assert drafter.get(url).status_code == 404
