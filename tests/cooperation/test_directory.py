"""The directory of competent authorities: who sees what (pages), the secretariat's edits, proposals by a
State's contributors confirmed by someone else, verification, stale entries and language differences."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from palermo.cooperation.domain import authorities as domain
from palermo.cooperation.domain import directory_facts as facts
from palermo.cooperation.domain.authority_format import FLAG_FIELDS, authority_data
from palermo.cooperation.models import Authority, ChangeState, ProposedChange
from palermo.core.audit import AuditEntry
from palermo.register.models import Declaration
from tests.cooperation.conftest import verified
from tests.factories import signed_in

pytestmark = pytest.mark.django_db

OUTSIDERS = ["public", "italian expert elsewhere"]
CLOSED_PAGES = ["cooperation:authorities", "cooperation:proposals", "cooperation:authority_new"]


@pytest.fixture(autouse=True)
def overview_is_public(monkeypatch):
    """The overview is a public page: `cooperation:directory` belongs in accounts/sign_in.py PUBLIC_PAGES
    (added here until the lead adds it there)."""
    from palermo.accounts import sign_in

    monkeypatch.setattr(sign_in, "PUBLIC_PAGES", sign_in.PUBLIC_PAGES | {"cooperation:directory"})


def client_of(world, name: str | None) -> Client:
    client = Client()
    return signed_in(client, world[name]) if name else client


def italian_languages_notification(*codes: str) -> Declaration:
    return Declaration.objects.create(
        party_id="ITA",
        instrument_id="UNTOC",
        kind=Declaration.Kind.LANGUAGES,
        article="18(14)",
        date=date(2006, 8, 2),
        text="Requests are accepted in the languages listed.",
        languages=list(codes),
    )


# -- Who sees what -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [None, *OUTSIDERS])
def test_outsiders_see_only_which_states_designated_which_kinds(world, name):
    client = client_of(world, name)
    page = client.get(reverse("cooperation:directory")).content.decode()
    assert "Italy" in page and "Brazil" in page and "France" in page
    assert "Central authority for mutual legal assistance (art. 18(13))" in page
    assert "central.authority@example.invalid" not in page
    assert "Ministero della Giustizia" not in page  # not even the names of the authorities
    ministry = world.authorities["ministry"]
    for url in [
        *(reverse(name) for name in CLOSED_PAGES),
        reverse("cooperation:directory_upkeep"),
        reverse("cooperation:authorities_import"),
        reverse("cooperation:authority", args=[ministry.pk]),
        reverse("cooperation:authority_edit", args=[ministry.pk]),
    ]:
        response = client.get(url)
        if name is None:  # signed out: sent to sign in, whatever the address
            assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/"), url
        else:
            assert response.status_code == 404, url
    verify = client.post(reverse("cooperation:authority_verify", args=[ministry.pk]))
    assert verify.status_code == (302 if name is None else 404)
    assert not Authority.objects.filter(verified_on=timezone.localdate()).exists()


def test_the_overview_filters_by_kind_group_and_name_and_links_the_notification(world):
    notification = Declaration.objects.create(
        party_id="ITA",
        instrument_id="UNTOC",
        kind=Declaration.Kind.CENTRAL_AUTHORITY,
        article="18(13)",
        date=date(2006, 8, 2),
        text="The Ministry of Justice.",
    )
    domain.update_authority(
        authority=world.authorities["ministry"],
        actor=verified(world["secretariat"]),
        data={**authority_data(world.authorities["ministry"]), "requirements": "Relinked"},
        expected_version=1,
    )
    designation = world.authorities["ministry"].designations.get(kind="central_authority")
    assert designation.notification == notification
    client = Client()
    page = client.get(reverse("cooperation:directory") + "?kind=law_enforcement").content.decode()
    assert "Italy" in page and "Brazil" not in page
    page = client.get(reverse("cooperation:directory") + "?group=GRULAC").content.decode()
    assert "Brazil" in page and "Italy" not in page
    page = client.get(reverse("cooperation:directory") + "?q=fran").content.decode()
    assert "France" in page and "Italy" not in page
    page = client.get(reverse("cooperation:directory") + "?q=italy").content.decode()
    assert reverse("register:party", args=["ITA"]) in page and "notification of" in page


def test_the_users_of_an_authority_and_the_secretariat_see_every_authority_in_full(world):
    ministry = world.authorities["ministry"]
    for name in ["drafter", "brazil", "secretariat"]:
        client = client_of(world, name)
        listing = client.get(reverse("cooperation:authorities")).content.decode()
        assert "Ministero della Giustizia" in listing and "Bureau de l&#x27;entraide" in listing
        page = client.get(reverse("cooperation:authority", args=[ministry.pk])).content.decode()
        assert "central.authority@example.invalid" in page
        assert "Diplomatic channels" in page and "Italian, English, French" in page


def test_an_observer_registered_with_an_authority_sees_only_the_public_designations(world):
    client = client_of(world, "observer of the office")
    office = world.authorities["prosecution"]
    for name in ("cooperation:authority", "cooperation:authority_edit"):
        assert client.get(reverse(name, args=[office.pk])).status_code == 404, name
    assert client.get(reverse("cooperation:authorities")).status_code == 404
    assert client.post(reverse("cooperation:authority_verify", args=[office.pk])).status_code == 404
    assert client.get(reverse("cooperation:directory")).status_code == 200


def test_the_search_finds_by_name_in_either_language_state_kind_language_and_channel(world):
    client = client_of(world, "drafter")

    def found(query: str) -> set[str]:
        page = client.get(reverse("cooperation:authorities") + query).content.decode()
        return {
            key
            for key, a in world.authorities.items()
            if f'href="/en/cooperation/authorities/{a.pk}/"' in page
        }

    assert found("?q=giustizia") == {"ministry"}
    assert found("?q=justice+affairs") == {"ministry"}
    assert found("?party=BRA") == {"brazil"}
    assert found("?kind=central_authority") == {"ministry", "brazil", "france"}
    assert found("?language=pt") == {"brazil"}
    assert found("?language=fr") == {"ministry", "france"}
    assert found("?channel=diplomatic") == {"ministry"}
    assert (
        "is not a language code"
        in client.get(reverse("cooperation:authorities") + "?language=zz").content.decode()
    )


def test_the_list_of_authorities_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    from tests.cooperation.conftest import authority

    client = client_of(world, "secretariat")
    client.get(reverse("cooperation:authorities"))
    for number in range(30):
        authority("DEU", f"Behörde {number}", "central_authority", "extradition")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("cooperation:authorities"))
    assert response.content.decode().count("Behörde") == 30


# -- Writes ------------------------------------------------------------------------------------------


def test_the_secretariat_edits_directly_and_a_stale_version_is_refused(world):
    ministry = world.authorities["ministry"]
    client = client_of(world, "secretariat")
    url = reverse("cooperation:authority_edit", args=[ministry.pk])
    form = client.get(url).context["form"]
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(name_en="Ministry of Justice (renamed)", languages="it, en, fr, es")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    ministry.refresh_from_db()
    assert ministry.name_en == "Ministry of Justice (renamed)" and ministry.languages == [
        "it",
        "en",
        "fr",
        "es",
    ]
    assert ministry.version == 2
    entry = AuditEntry.objects.get(action="cooperation.authority.updated")
    assert entry.data["fields"] == "name_en, languages"
    # the same form sent again, on version 1: refused, nothing lost
    response = client.post(url, {**data, "name_en": "Another name"})
    assert (
        response.status_code == 200
        and "Someone saved this authority since you opened it" in response.content.decode()
    )
    ministry.refresh_from_db()
    assert ministry.name_en == "Ministry of Justice (renamed)"


def test_bad_values_are_named_with_their_field_and_change_nothing(world):
    ministry = world.authorities["ministry"]
    with pytest.raises(domain.InvalidAuthority) as failure:
        domain.update_authority(
            authority=ministry,
            actor=verified(world["secretariat"]),
            data={
                **authority_data(ministry),
                "emails": ["not an address"],
                "time_zone": "Europe/Palermo",
                "languages": ["it", "xx"],
                "channels": ["pigeon"],
            },
            expected_version=1,
        )
    assert [key for key, _message in failure.value.problems] == [
        "time_zone",
        "emails",
        "channels",
        "languages",
    ]
    ministry.refresh_from_db()
    assert ministry.version == 1 and ministry.emails == ["central.authority@example.invalid"]


def test_a_contributor_proposes_and_the_focal_point_confirms(world):
    ministry = world.authorities["ministry"]
    drafter = world["drafter"]
    client = client_of(world, "drafter")
    url = reverse("cooperation:authority_edit", args=[ministry.pk])
    form = client.get(url).context["form"]
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(office_hours="Mon-Fri 9-17", note="New hours from January")
    assert client.post(url, data).status_code == 302
    ministry.refresh_from_db()
    assert ministry.office_hours == "" and ministry.version == 1  # not yet
    change = ProposedChange.objects.get()
    assert change.proposed_by == drafter and change.state == ChangeState.PROPOSED
    assert facts.differences(change) == [("office_hours", "", "Mon-Fri 9-17")]
    # the proposer cannot confirm their own change; a focal point of another State cannot either
    assert not drafter.has_perm("cooperation.confirm_change", change)
    assert client.post(reverse("cooperation:proposal_confirm", args=[change.pk])).status_code == 404
    brazilian = client_of(world, "brazilian focal point")
    assert brazilian.post(reverse("cooperation:proposal_confirm", args=[change.pk])).status_code == 404
    focal = client_of(world, "italian focal point")
    page = focal.get(reverse("cooperation:proposals")).content.decode()
    assert "Office hours" in page and "Mon-Fri 9-17" in page and "Confirm the change" in page
    assert focal.post(reverse("cooperation:proposal_confirm", args=[change.pk])).status_code == 302
    ministry.refresh_from_db()
    change.refresh_from_db()
    assert ministry.office_hours == "Mon-Fri 9-17" and ministry.version == 2
    assert change.state == ChangeState.CONFIRMED and change.decided_by == world["italian focal point"]
    assert list(
        AuditEntry.objects.filter(action__startswith="cooperation.change")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == [
        "cooperation.change.proposed",
        "cooperation.change.confirmed",
    ]


def test_a_user_of_the_authority_itself_may_confirm_and_the_secretariat_may_reject(world):
    ministry = world.authorities["ministry"]
    change = domain.propose_change(
        actor=verified(world["drafter"]),
        party=ministry.party,
        authority=ministry,
        data={**authority_data(ministry), "phones": ["+39 06 1"]},
    )
    assert verified(world["ministry"]).has_perm("cooperation.confirm_change", change)
    assert not verified(world["brazil"]).has_perm("cooperation.confirm_change", change)
    client = client_of(world, "secretariat")
    url = reverse("cooperation:proposal_reject", args=[change.pk])
    assert "Nothing has been done yet." in client.post(url).content.decode()
    assert ProposedChange.objects.get().state == ChangeState.PROPOSED
    assert client.post(url, {"confirm": "yes", "note": "Number unknown"}).status_code == 302
    change.refresh_from_db()
    assert change.state == ChangeState.REJECTED and change.decision_note == "Number unknown"
    with pytest.raises(domain.DirectoryError):
        domain.confirm_change(change=change, actor=verified(world["italian focal point"]))


def test_a_proposal_made_on_an_older_version_is_not_confirmed(world):
    ministry = world.authorities["ministry"]
    change = domain.propose_change(
        actor=verified(world["drafter"]),
        party=ministry.party,
        authority=ministry,
        data={**authority_data(ministry), "office_hours": "9-17"},
    )
    domain.update_authority(
        authority=ministry,
        actor=verified(world["secretariat"]),
        data={**authority_data(ministry), "requirements": "Changed meanwhile"},
        expected_version=1,
    )
    with pytest.raises(domain.StaleAuthority):
        domain.confirm_change(change=change, actor=verified(world["italian focal point"]))
    ministry.refresh_from_db()
    assert ministry.office_hours == "" and ministry.requirements == "Changed meanwhile"


def test_a_contributor_of_another_state_cannot_propose_for_italy(world):
    ministry = world.authorities["ministry"]
    with pytest.raises(domain.PermissionDenied):
        domain.propose_change(
            actor=verified(world["brazil"]),
            party=ministry.party,
            authority=ministry,
            data={**authority_data(ministry), "office_hours": "9-17"},
        )
    assert not ProposedChange.objects.exists()


def test_a_contributor_proposes_a_new_authority_confirmed_by_the_focal_point(world):
    client = client_of(world, "drafter")
    data = {"name": "Direzione nazionale antimafia", "kinds": ["law_enforcement"], "languages": "it"}
    for flag in FLAG_FIELDS:
        data[flag] = ""
    assert client.post(reverse("cooperation:authority_new"), data).status_code == 302
    change = ProposedChange.objects.get()
    assert change.authority is None and change.party_id == "ITA"
    authority = domain.confirm_change(change=change, actor=verified(world["italian focal point"]))
    assert authority.party_id == "ITA" and authority.name == "Direzione nazionale antimafia"
    assert list(authority.designations.values_list("kind", "instrument", "article")) == [
        ("law_enforcement", "UNTOC", "27")
    ]


def test_verifying_an_entry_records_the_day_and_the_person(world):
    prosecution = world.authorities["prosecution"]
    client = client_of(world, "drafter")
    assert client.post(reverse("cooperation:authority_verify", args=[prosecution.pk])).status_code == 302
    prosecution.refresh_from_db()
    assert prosecution.verified_on == timezone.localdate() and prosecution.verified_by == world["drafter"]
    # a user of another authority may not verify this one
    other = client_of(world, "brazil")
    assert other.post(reverse("cooperation:authority_verify", args=[prosecution.pk])).status_code == 404
    assert AuditEntry.objects.filter(action="cooperation.authority.verified").count() == 1


# -- Stale entries and language differences ----------------------------------------------------------


def test_an_entry_not_verified_for_twelve_months_is_flagged(world):
    france = world.authorities["france"]
    today = date(2026, 12, 1)
    france.verified_on = today - timedelta(days=366)
    assert facts.is_stale(france, today)
    france.verified_on = today - timedelta(days=300)
    assert not facts.is_stale(france, today)
    france.verified_on = None
    assert facts.is_stale(france, today)
    Authority.objects.filter(pk=france.pk).update(verified_on=timezone.localdate() - timedelta(days=400))
    page = (
        client_of(world, "drafter").get(reverse("cooperation:authority", args=[france.pk])).content.decode()
    )
    assert "Not verified for 12 months." in page


def test_the_language_difference_is_shown_to_the_secretariat_and_the_focal_point_only(world):
    italian_languages_notification("it", "en", "fr")
    prosecution = world.authorities["prosecution"]  # accepts it, en
    difference = facts.language_differences(prosecution)
    assert difference is not None and difference.only_notified == ["fr"] and difference.only_accepted == []
    assert facts.language_differences(world.authorities["ministry"]) is None
    url = reverse("cooperation:authority", args=[prosecution.pk])
    warning = "The languages differ from the State's notification under art. 18(14)."
    clients = {}
    for name, shown in [
        ("secretariat", True),
        ("italian focal point", True),
        ("drafter", False),
        ("brazilian focal point", False),
    ]:
        clients[name] = client_of(world, name)
        assert (warning in clients[name].get(url).content.decode()) is shown, name
    page = clients["secretariat"].get(reverse("cooperation:directory_upkeep")).content.decode()
    assert "Procura della Repubblica presso il Tribunale di Palermo" in page


def test_the_extradition_basis_comes_from_the_register(world):
    Declaration.objects.create(
        party_id="BRA",
        instrument_id="UNTOC",
        kind=Declaration.Kind.EXTRADITION_LEGAL_BASIS,
        article="16(5)",
        date=date(2004, 1, 29),
        text="The Convention is the legal basis.",
        uses_convention_as_legal_basis=True,
    )
    brazil = world.authorities["brazil"]
    page = (
        client_of(world, "drafter").get(reverse("cooperation:authority", args=[brazil.pk])).content.decode()
    )
    assert "yes, notified" in page


def test_line_breaks_sent_by_a_browser_are_not_a_change(world):
    ministry = world.authorities["ministry"]
    Authority.objects.filter(pk=ministry.pk).update(postal_address="Via Arenula 70\n00186 Roma")
    ministry.refresh_from_db()
    change = domain.propose_change(
        actor=verified(world["drafter"]),
        party=ministry.party,
        authority=ministry,
        data={
            **authority_data(ministry),
            "postal_address": "Via Arenula 70\r\n00186 Roma",
            "office_hours": "9-17",
        },
    )
    assert facts.differences(change) == [("office_hours", "", "9-17")]
