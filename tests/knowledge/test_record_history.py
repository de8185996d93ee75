"""A record's history: each version's content and what changed since another version, for the secretariat
and the record's authors only (earlier versions may hold what was not meant to be published)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from palermo.accounts.models import Organisation, Role
from palermo.knowledge.domain.history import version_text
from palermo.knowledge.domain.records import create_record, transition_record, update_record
from palermo.knowledge.models import RecordVersion
from palermo.register.models import Party
from tests.factories import UserFactory, signed_in

pytestmark = pytest.mark.django_db


def contributor(state: str):
    organisation = Organisation.objects.create(
        name=f"{state}, authority {Organisation.objects.count()}",
        kind=Organisation.Kind.STATE_AUTHORITY,
        party=Party.objects.get(code=state),
    )
    user = UserFactory(role=Role.GOVERNMENTAL_EXPERT, organisation=organisation)
    user.is_verified = lambda: True
    return user


@pytest.fixture
def history():
    """An Italian case: drafted, its defendant's name anonymised, submitted, verified and published."""
    author = contributor("ITA")
    record = create_record(
        user=author,
        kind="case",
        fields={
            "title": "Public Prosecutor v. Mario Rossi",
            "jurisdiction_id": "ITA",
            "summary": {"en": "Boats."},
        },
        detail={"court": "Tribunal of Palermo"},
        people={"defendants": [{"name": "Mario Rossi", "verdict": "convicted"}]},
    )
    record = update_record(
        record=record,
        user=author,
        expected_version=record.version,
        fields={"title": "Public Prosecutor v. M.R.", "summary": {"en": "Boats.\n\nAt sea."}},
        people={"defendants": [{"name": "M.R.", "verdict": "convicted"}]},
    )
    record = transition_record(record=record, user=author, to_state="submitted")
    secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN)
    secretariat.is_verified = lambda: True
    for state in ("verified", "published"):
        record = transition_record(record=record, user=secretariat, to_state=state)
    return record, author, secretariat


def page(client, record, number: int, **params):
    return client.get(reverse("knowledge:record_version", args=[record.pk, number]), params)


def test_a_version_shows_what_changed_since_the_one_before(history):
    record, _author, _secretariat = history
    client = signed_in(Client(), UserFactory(role=Role.SECRETARIAT_ADMIN))
    detail = client.get(reverse("knowledge:record", args=[record.pk])).content.decode()
    assert reverse("knowledge:record_version", args=[record.pk, 2]) in detail
    changes = page(client, record, 2).content.decode()
    assert "What changed from version 1 to version 2" in changes
    assert "<del>Title: Public Prosecutor v. Mario Rossi</del>" in changes
    assert "<ins>Title: Public Prosecutor v. M.R.</ins>" in changes
    assert "<del>Defendants 1 · Name or initials: Mario Rossi</del>" in changes
    assert "<ins>Summary (en): At sea.</ins>" in changes
    shown_changes = changes[changes.index('class="diff"') : changes.index("Content of this version")]
    assert "<span>Defendants 1 · Gender: Unknown</span>" in shown_changes  # unchanged, beside a change
    assert "Verdict" not in shown_changes  # far from every change: left out
    assert "Defendants 1 · Verdict: Convicted" in changes  # in the version's whole content below
    against_first = page(client, record, 5, against="1").content.decode()
    assert "What changed from version 1 to version 5" in against_first and "<del>Title:" in against_first
    assert "Nothing changed." in page(client, record, 5, against="4").content.decode()  # a move, not an edit
    assert page(client, record, 6).status_code == 404


def test_only_the_secretariat_and_the_authors_see_earlier_versions(history):
    record, author, _secretariat = history
    version = reverse("knowledge:record_version", args=[record.pk, 1])
    colleague = signed_in(Client(), UserFactory(role=Role.FOCAL_POINT, organisation=author.organisation))
    assert colleague.get(version).status_code == 200  # the authors' organisation, on the published record
    assert version in colleague.get(reverse("knowledge:record", args=[record.pk])).content.decode()
    signed_out = Client().get(version)  # sent to sign in, whether or not the version exists
    assert signed_out.status_code == 302 and signed_out.url.startswith(reverse("accounts:login"))
    outsiders = [
        Client(),
        signed_in(Client(), contributor("ITA")),  # another authority of the same State
        signed_in(Client(), contributor("FRA")),
        signed_in(Client(), UserFactory(role=Role.PUBLIC)),
        signed_in(Client(), UserFactory(role=Role.PRACTITIONER)),
    ]
    for client in outsiders[1:]:
        assert client.get(version).status_code == 404
    for client in outsiders:
        detail = client.get(reverse("knowledge:record", args=[record.pk])).content.decode()
        assert record.title in detail and "Mario Rossi" not in detail and version not in detail


def test_a_version_reads_in_the_readers_language(history):
    record, _author, _secretariat = history
    snapshot = RecordVersion.objects.get(record=record, number=1).snapshot
    with translation.override("fr"):
        lines = version_text(dict(reversed(snapshot.items()))).splitlines()
    assert lines[:2] == ["Type d’enregistrement : Jurisprudence", "Titre : Public Prosecutor v. Mario Rossi"]


def test_a_version_kept_by_a_command_names_no_author_and_still_opens(history):
    """Imports and the demo keep versions without an author: the page says "—" (it answered 500)."""
    record, _author, _secretariat = history
    RecordVersion.objects.filter(record=record, number=1).update(created_by=None)
    client = signed_in(Client(), UserFactory(role=Role.SECRETARIAT_ADMIN))
    response = page(client, record, 1)
    assert response.status_code == 200
    assert "Kept when" in response.content.decode() and ", —</dd>" in response.content.decode()
