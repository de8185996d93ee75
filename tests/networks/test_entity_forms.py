"""Entering entities in forms: FtM checks each value (a field error, nothing written), values go to the
person's own FORM source, and a person removes only values they entered."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.networks.domain.form_entries import EntryError, enter_entity, remove_entered_value
from palermo.networks.interfaces.entity_forms import EntityForm
from palermo.networks.models import Entity, Source, SourceKind, Statement
from tests.factories import signed_in
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)
from tests.networks.entities_world import entity, ready_source

pytestmark = pytest.mark.django_db


def test_bad_values_are_field_errors(inquiry):  # noqa: F811
    form = EntityForm(
        {"name": "Aleksandr Zakharov", "birthDate": "the day before yesterday", "email": "not an address"},
        investigation=inquiry.investigation,
        schema_name="Person",
    )
    assert not form.is_valid()
    assert form.errors["birthDate"] == ["Not a valid Date."]
    assert form.errors["email"] == ["Not a valid E-Mail Address."]
    assert "name" not in form.errors


def test_a_required_property_is_required_for_a_new_entity_only(inquiry):  # noqa: F811
    new = EntityForm({"birthDate": "1971"}, investigation=inquiry.investigation, schema_name="Person")
    assert not new.is_valid()
    assert new.errors["name"] == ["This field is required."]
    more = EntityForm(
        {"birthDate": "1971"}, investigation=inquiry.investigation, schema_name="Person", new=False
    )
    assert more.is_valid()
    assert more.values == {"birthDate": ["1971"]}


def test_an_entity_field_chooses_an_entity_of_the_investigation_in_its_range(inquiry):  # noqa: F811
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    source = ready_source(investigation, analyst)
    entity(investigation, analyst, source, "Person", "p-1", name="Aleksandr Zakharov")
    entity(investigation, analyst, source, "Address", "a-1", full="Via Roma 1, Palermo")
    form = EntityForm(investigation=investigation, schema_name="Directorship")
    assert [value for value, _label in form.fields["director"].choices] == ["", "p-1"]
    bad = EntityForm(
        {"director": "a-1", "organization": "p-1"}, investigation=investigation, schema_name="Directorship"
    )
    assert not bad.is_valid()
    assert "director" in bad.errors


def test_entering_writes_to_the_persons_own_form_source(inquiry):  # noqa: F811
    investigation = inquiry.investigation
    entity_id = enter_entity(
        investigation=investigation,
        user=inquiry["analyst"],
        schema="Person",
        values={"name": ["Aleksandr Zakharov"], "nationality": ["ru"]},
    )
    enter_entity(
        investigation=investigation,
        user=inquiry["analyst"],
        schema="Person",
        values={"alias": ["Sasha"]},
        canonical_id=entity_id,
    )
    enter_entity(
        investigation=investigation,
        user=inquiry["lead"],
        schema="Person",
        values={"birthDate": ["1971"]},
        canonical_id=entity_id,
    )
    sources = Source.objects.filter(investigation=investigation, kind=SourceKind.FORM)
    assert sorted(sources.values_list("created_by__username", flat=True)) == sorted(
        [inquiry["analyst"].username, inquiry["lead"].username]
    )
    by_source = sorted(
        Statement.objects.filter(entity_id=entity_id).values_list(
            "source__created_by__username", "prop", "value"
        )
    )
    analyst, lead = inquiry["analyst"].username, inquiry["lead"].username
    assert by_source == sorted(
        [
            (analyst, "name", "Aleksandr Zakharov"),
            (analyst, "nationality", "ru"),
            (analyst, "alias", "Sasha"),
            (lead, "birthDate", "1971"),
        ]
    )
    assert (
        Entity.objects.get(investigation=investigation, entity_id=entity_id).caption == "Aleksandr Zakharov"
    )


def test_one_removes_only_a_value_one_entered(inquiry):  # noqa: F811
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    imported = ready_source(investigation, analyst)
    entity(investigation, analyst, imported, "Person", "p-1", name="Aleksandr Zakharov")
    enter_entity(
        investigation=investigation,
        user=analyst,
        schema="Person",
        values={"alias": ["Sasha"]},
        canonical_id="p-1",
    )
    alias = Statement.objects.get(entity_id="p-1", prop="alias")
    name = Statement.objects.get(entity_id="p-1", prop="name")
    with pytest.raises(EntryError):
        remove_entered_value(investigation=investigation, user=analyst, statement_id=name.pk)
    with pytest.raises(EntryError):
        remove_entered_value(investigation=investigation, user=inquiry["lead"], statement_id=alias.pk)
    remove_entered_value(investigation=investigation, user=analyst, statement_id=alias.pk)
    assert list(Statement.objects.filter(entity_id="p-1").values_list("prop", flat=True)) == ["name"]


def test_the_form_page_shows_field_errors_and_writes_nothing(inquiry):  # noqa: F811
    investigation = inquiry.investigation
    client = signed_in(Client(), inquiry["analyst"])
    url = reverse("networks:entity_new", args=[investigation.pk])
    response = client.post(url, {"schema": "BankAccount", "iban": "XX00 not an iban", "bankName": "Banca"})
    assert response.status_code == 200
    assert "Not a valid IBAN." in response.content.decode()
    assert not Statement.objects.filter(investigation=investigation).exists()
    assert not Source.objects.filter(investigation=investigation).exists()
    response = client.post(
        url, {"schema": "BankAccount", "iban": "IT60X0542811101000000123456", "bankName": "Banca"}
    )
    assert response.status_code == 302
    assert Statement.objects.filter(investigation=investigation, prop="iban").get().value == (
        "IT60X0542811101000000123456"
    )


def test_a_viewer_cannot_enter_or_remove(inquiry):  # noqa: F811
    investigation = inquiry.investigation
    entity_id = enter_entity(
        investigation=investigation,
        user=inquiry["analyst"],
        schema="Person",
        values={"name": ["Aleksandr Zakharov"]},
    )
    statement = Statement.objects.get(entity_id=entity_id)
    client = signed_in(Client(), inquiry["viewer"])
    for url in (
        reverse("networks:entity_new", args=[investigation.pk]),
        reverse("networks:entity_edit", args=[investigation.pk, entity_id]),
        reverse("networks:entity_choices", args=[investigation.pk]) + "?schema=Ownership&prop=owner",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            reverse("networks:entity_new", args=[investigation.pk]), {"schema": "Person", "name": "X"}
        ).status_code
        == 404
    )
    remove = reverse("networks:statement_remove", args=[investigation.pk, entity_id, statement.pk])
    assert client.post(remove, {"confirm": "yes"}).status_code == 404
    assert Statement.objects.filter(investigation=investigation).count() == 1
