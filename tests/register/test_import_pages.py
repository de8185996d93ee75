import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from palermo.accounts.models import Role
from palermo.core.models import AuditEntry
from palermo.register.models import Participation, StatusImport
from tests.factories import UserFactory, signed_in

pytestmark = pytest.mark.django_db
HEADER = 'Participant,Signature,"Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"\n'
URL = reverse("register:import_new")


@pytest.fixture
def secretariat(client):
    user = UserFactory(role=Role.SECRETARIAT_ADMIN)
    signed_in(client, user)
    return user


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.SECRETARIAT_ADMIN])
def test_only_the_secretariat_imports_status(client, role):
    signed_in(client, UserFactory(role=role))
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"instrument": "SOM", "as_of": "2016-01-01", "text": HEADER}).status_code == 404


def test_pasted_table_with_footnotes_updates_the_register(client, secretariat):
    text = (
        "Participant\tSignature\tRatification, Accession(a)\nRepublic of Korea 3\t 13 Dec 2000\t 5 Nov 2015\n"
    )
    response = client.post(URL, {"instrument": "UNTOC", "as_of": "2016-01-01", "text": text})
    status_import = StatusImport.objects.latest("id")
    assert response.url == reverse("register:import", args=[status_import.pk])
    korea = Participation.objects.get(party="KOR", instrument="UNTOC")
    assert str(korea.consent) == "2015-11-05" and korea.status_import == status_import
    entry = AuditEntry.objects.get(action="register.status.imported", actor=secretariat)
    assert entry.data["changes"] == 2 and entry.ip_address == "127.0.0.1"
    page = client.get(response.url).content.decode()
    assert "2015-11-05" in page


def test_uploaded_file_with_problems_lists_them_and_writes_nothing(client, secretariat):
    upload = SimpleUploadedFile(
        "som.csv", (HEADER + "Atlantis,12 Dec 2000,\nAlbania,12 Dex 2000,\n").encode()
    )
    before = StatusImport.objects.count()
    response = client.post(URL, {"instrument": "SOM", "as_of": "2016-01-01", "file": upload})
    content = response.content.decode()
    assert response.status_code == 200 and "2 problems; nothing was imported." in content
    assert (
        "unknown participant &#x27;Atlantis&#x27;" in content and "&#x27;Dex&#x27; is not a month" in content
    )
    assert StatusImport.objects.count() == before


def test_binary_file_is_refused(client, secretariat):
    upload = SimpleUploadedFile("som.csv", b"\xff\xfe\x00\x01")
    response = client.post(URL, {"instrument": "SOM", "as_of": "2016-01-01", "file": upload})
    assert "not UTF-8 text" in response.content.decode()


def test_file_or_text_but_not_both_nor_neither(client, secretariat):
    response = client.post(URL, {"instrument": "SOM", "as_of": "2016-01-01", "text": " "})
    assert "one of the two" in response.content.decode()


def test_same_table_again_changes_nothing(client, secretariat):
    text = HEADER + "Albania,12 Dec 2000,21 Aug 2002\n"
    before = StatusImport.objects.count()
    response = client.post(URL, {"instrument": "UNTOC", "as_of": "2015-03-14", "text": text})
    assert response.url == reverse("register:imports") and StatusImport.objects.count() == before


def test_a_status_update_names_its_fields_and_shows_values_in_the_readers_language(client, secretariat):
    # Albania is recorded as ratifying the Migrants Protocol; an accession on another day changes two fields.
    text = HEADER + "Albania,12 Dec 2000,21 Aug 2002 a\n"
    response = client.post(URL, {"instrument": "SOM", "as_of": "2016-01-01", "text": text})
    status_import = StatusImport.objects.latest("id")
    assert response.url == reverse("register:import", args=[status_import.pk])
    assert {c.field for c in status_import.changes.all()} >= {"consent_kind"}
    for language, kind, accession in [
        ("en", "Kind of consent", "Accession"),
        ("fr", "Type de consentement", "Adhésion"),
    ]:
        page = client.get(f"/{language}/register/status-imports/{status_import.pk}/").content.decode()
        assert f"<td>{kind}</td>" in page and f"<td>{accession}</td>" in page
        assert "consent_kind" not in page and "accession</td>" not in page


def test_each_kind_of_recorded_change_is_shown_with_a_label_and_a_readable_value():
    from datetime import date

    from palermo.register.models import StatusChange

    added = StatusChange(field="participation", new_value="added")
    assert (added.field_label, added.old_shown, added.new_shown) == ("Participation", "", "added")
    consent = StatusChange(field="consent", old_value="", new_value="2002-08-21")
    assert (consent.field_label, consent.new_shown) == ("Consent to be bound", date(2002, 8, 21))
    signature = StatusChange(field="signature", old_value="2000-12-12", new_value="")
    assert (signature.field_label, signature.old_shown, signature.new_shown) == (
        "Signature",
        date(2000, 12, 12),
        "",
    )
    kind = StatusChange(field="consent_kind", old_value="ratification", new_value="succession")
    assert (kind.field_label, kind.old_shown, kind.new_shown) == (
        "Kind of consent",
        "Ratification",
        "Succession",
    )
