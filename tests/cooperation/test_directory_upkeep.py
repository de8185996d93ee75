"""Upkeep of the directory: stale entries remind their State (its focal points and the users of those
authorities) by e-mail in each person's language, at most once a month, audited; the API shows the
authorities only to those who may see them; the demo directory."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from palermo.cooperation.domain.directory_upkeep import send_directory_reminders, upkeep_by_state
from palermo.cooperation.models import Authority, DirectoryReminder
from palermo.core.audit import AuditEntry
from tests.factories import signed_in

pytestmark = pytest.mark.django_db


def make_stale(authority, days: int = 400) -> None:
    Authority.objects.filter(pk=authority.pk).update(verified_on=timezone.localdate() - timedelta(days=days))


def test_a_state_with_stale_entries_is_reminded_once_a_month(world):
    make_stale(world.authorities["ministry"])
    focal_point = world["italian focal point"]
    focal_point.language = "fr"
    focal_point.save(update_fields=["language"])
    sent = send_directory_reminders()
    assert [(r.party_id, r.recipients, r.stale_authorities) for r in sent] == [
        ("ITA", 2, [world.authorities["ministry"].pk])
    ]
    # the ministry's practitioner and Italy's focal point; not the prosecution office, not Brazil
    recipients = {message.to[0]: message for message in mail.outbox}
    assert set(recipients) == {world["ministry"].email, focal_point.email}
    assert "Palermo: entries of Italy" in recipients[world["ministry"].email].subject
    assert "Italie" in recipients[focal_point.email].subject  # in the focal point's language
    assert "/cooperation/authorities/" in recipients[world["ministry"].email].body
    entry = AuditEntry.objects.get(action="cooperation.directory.reminder_sent")
    assert entry.data["party"] == "ITA" and entry.data["recipients"] == 2
    # again the same month: nothing
    mail.outbox.clear()
    assert send_directory_reminders() == [] and mail.outbox == []
    # a month later: again
    DirectoryReminder.objects.update(sent_at=timezone.now() - timedelta(days=31))
    assert [r.party_id for r in send_directory_reminders()] == ["ITA"]
    assert DirectoryReminder.objects.count() == 2


def test_verified_entries_send_nothing_and_the_command_reports(world):
    out = StringIO()
    call_command("send_directory_reminders", stdout=out)
    assert "0 States reminded." in out.getvalue() and mail.outbox == []
    make_stale(world.authorities["france"])
    out = StringIO()
    call_command("send_directory_reminders", "--dry-run", stdout=out)
    assert "FRA: would remind 0 people of 1 stale entries" in out.getvalue()
    assert not DirectoryReminder.objects.exists()


def test_the_upkeep_page_lists_stale_entries_per_state(world):
    make_stale(world.authorities["france"])
    [entry] = upkeep_by_state()
    assert entry.party.code == "FRA" and entry.stale == [world.authorities["france"]]
    page = signed_in(Client(), world["secretariat"]).get("/en/cooperation/upkeep/").content.decode()
    assert "Bureau de l&#x27;entraide pénale internationale" in page
    assert signed_in(Client(), world["italian focal point"]).get("/en/cooperation/upkeep/").status_code == 404


# -- API ------------------------------------------------------------------------------------------------


def test_the_api_shows_authorities_only_to_those_who_may_see_them(world):
    ministry = world.authorities["ministry"]
    url, detail = "/api/v1/cooperation/authorities/", f"/api/v1/cooperation/authorities/{ministry.pk}/"
    for client in [
        Client(),
        signed_in(Client(), world["public"]),
        signed_in(Client(), world["italian expert elsewhere"]),
    ]:
        assert client.get(url).json()["results"] == []
        assert client.get(detail).status_code == 404
    client = signed_in(Client(), world["brazil"])
    listed = client.get(url + "?state=ITA").json()["results"]
    assert [a["name"] for a in listed] == [
        "Ministero della Giustizia, Dipartimento per gli affari di giustizia",
        "Procura della Repubblica presso il Tribunale di Palermo",
    ]
    full = client.get(detail).json()
    assert full["emails"] == ["central.authority@example.invalid"] and full["channels"] == [
        "direct",
        "diplomatic",
    ]
    assert [a["name"] for a in client.get(url + "?language=pt").json()["results"]] == [
        world.authorities["brazil"].name
    ]
    assert client.get(url + "?kind=nonsense").status_code == 400


def test_the_designations_are_public(world):
    rows = Client().get("/api/v1/cooperation/designations/?state=ITA").json()["results"]
    assert [(r["state"], r["kind"], r["instrument"], r["article"], r["notification"]) for r in rows] == [
        ("ITA", "central_authority", "UNTOC", "18(13)", None),
        ("ITA", "extradition", "UNTOC", "16", None),
        ("ITA", "law_enforcement", "UNTOC", "27", None),
    ]
    assert "emails" not in rows[0] and "name" not in rows[0]


def test_the_schema_documents_the_directory():
    schema = Client().get("/api/schema/?format=json")
    paths = schema.json()["paths"] if schema["Content-Type"].startswith("application/json") else {}
    if not paths:
        import yaml

        paths = yaml.safe_load(schema.content)["paths"]
    assert "/api/v1/cooperation/authorities/" in paths and "/api/v1/cooperation/designations/" in paths


# -- The demo -------------------------------------------------------------------------------------------


def test_the_demo_directory_links_the_demo_accounts_and_shows_both_warnings(settings):
    from palermo.accounts.demo import create_demo_accounts
    from palermo.cooperation.demo import create_demo_directory
    from palermo.cooperation.domain.directory_facts import is_stale, language_differences
    from palermo.register.demo import create_demo_declarations

    settings.DEMO_MODE = True
    create_demo_accounts()
    create_demo_declarations()
    assert create_demo_directory() == 11
    assert create_demo_directory() == 0  # once
    assert not Authority.objects.filter(is_demo=False).exists()
    assert all(email.endswith(".invalid") for a in Authority.objects.all() for email in a.emails)
    palermo = Authority.objects.get(organisation__name="Italy, Public Prosecutor's Office of Palermo (demo)")
    assert language_differences(palermo).only_notified == ["fr"]
    brazil = Authority.objects.get(
        organisation__name="Brazil, Ministry of Justice and Public Security (demo)"
    )
    assert brazil.designations.filter(kind="central_authority").exists()
    ministry = Authority.objects.get(organisation__name="Italy, Ministry of Justice (demo)")
    assert ministry.designations.get(kind="central_authority").notification.is_demo
    assert [a.name_en for a in Authority.objects.all() if is_stale(a)] == ["Coast Guard Headquarters"]
    from palermo.accounts.models import User

    colleague = User.objects.get(email="colleague@demo.palermo.invalid")
    assert colleague.organisation == palermo.organisation and colleague.get_full_name() == "Carla Colleague"
