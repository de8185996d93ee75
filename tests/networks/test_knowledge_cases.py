"""A published case of the knowledge base becomes a KNOWLEDGE_CASE source: the CourtCase, a Person and a
CaseRole per defendant, a Note per group of victims (counted, never named); once per record."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.knowledge.models import Defendant, Victim
from palermo.networks.domain.knowledge_cases import CaseError, add_case, case_id
from palermo.networks.models import Entity, Source, SourceKind, Statement
from tests.factories import published_case, signed_in
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    record = published_case("Operation Lupa trial", "Trafficking ring.", jurisdiction="ITA", year=2019)
    record.reference = "RG 77/2019"
    record.save(update_fields=["reference"])
    from palermo.knowledge.models import CaseDetail

    CaseDetail.objects.update_or_create(record=record, defaults={"court": "Tribunale di Palermo"})
    Defendant.objects.create(
        record=record, name="A. Z.", gender="male", nationality_id="RUS", birth_year=1971, verdict="convicted"
    )
    Defendant.objects.create(
        record=record, name="Lupa Trading S.r.l.", legal_person=True, nationality_id="ITA"
    )
    Victim.objects.create(record=record, count=3, gender="female", age_group="adult", nationality_id="NGA")
    return record


def statements_of(investigation, entity_id: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for prop, value in (
        Statement.objects.filter(investigation=investigation, entity_id=entity_id)
        .values_list("prop", "value")
        .order_by("prop", "value")
    ):
        found.setdefault(prop, []).append(value)
    return found


def test_a_case_becomes_its_court_case_defendants_roles_and_victims(inquiry, case):  # noqa: F811
    investigation = inquiry.investigation
    added = add_case(investigation=investigation, user=inquiry["analyst"], record=case)
    assert added.created is True
    assert added.source.kind == SourceKind.KNOWLEDGE_CASE
    assert added.source.label == "Operation Lupa trial"
    schemata = sorted(Entity.objects.filter(investigation=investigation).values_list("schema", flat=True))
    assert schemata == ["CaseRole", "CaseRole", "CourtCase", "LegalEntity", "Note", "Person"]
    the_case = case_id(investigation, case)
    assert statements_of(investigation, the_case) == {
        "caseNumber": ["RG 77/2019"],
        "closeDate": ["2019-01-01"],
        "country": ["it"],
        "court": ["Tribunale di Palermo"],
        "name": ["Operation Lupa trial"],
    }
    person = Entity.objects.get(investigation=investigation, schema="Person")
    assert statements_of(investigation, person.entity_id) == {
        "birthDate": ["1971"],
        "gender": ["male"],
        "name": ["A. Z."],
        "nationality": ["ru"],
    }
    roles = {
        statements_of(investigation, role.entity_id)["party"][0]: statements_of(investigation, role.entity_id)
        for role in Entity.objects.filter(investigation=investigation, schema="CaseRole")
    }
    assert roles[person.entity_id] == {
        "case": [the_case],
        "caseRole": ["convicted"],
        "party": [person.entity_id],
        "status": ["convicted"],
    }
    company = Entity.objects.get(investigation=investigation, schema="LegalEntity")
    assert roles[company.entity_id]["caseRole"] == ["accused"]
    note = Entity.objects.get(investigation=investigation, schema="Note")
    assert statements_of(investigation, note.entity_id) == {
        "country": ["ng"],
        "description": ["victims: 3; gender: female; age group: adult; nationality: NGA"],
        "entity": [the_case],
    }


def test_adding_the_same_case_twice_adds_nothing(inquiry, case):  # noqa: F811
    investigation = inquiry.investigation
    first = add_case(investigation=investigation, user=inquiry["analyst"], record=case)
    count = Statement.objects.filter(investigation=investigation).count()
    again = add_case(investigation=investigation, user=inquiry["lead"], record=case)
    assert again.created is False
    assert again.source == first.source
    assert Statement.objects.filter(investigation=investigation).count() == count
    assert Source.objects.filter(investigation=investigation).count() == 1


def test_an_unpublished_case_cannot_be_added(inquiry):  # noqa: F811
    from palermo.knowledge.domain.records import create_record

    author = inquiry["lead"]
    draft = create_record(user=author, kind="case", fields={"title": "Draft", "jurisdiction_id": "ITA"})
    with pytest.raises(CaseError):
        add_case(investigation=inquiry.investigation, user=author, record=draft)
    assert not Source.objects.filter(investigation=inquiry.investigation).exists()


def test_the_page_lists_published_cases_and_adds_one(inquiry, case):  # noqa: F811
    investigation = inquiry.investigation
    client = signed_in(Client(), inquiry["analyst"])
    page = client.get(reverse("networks:source_cases", args=[investigation.pk]), {"q": "lupa"})
    assert f'data-record="{case.pk}"' in page.content.decode()
    assert (
        f'data-record="{case.pk}"'
        not in client.get(
            reverse("networks:source_cases", args=[investigation.pk]), {"q": "nothing like it"}
        ).content.decode()
    )
    response = client.post(reverse("networks:source_case_add", args=[investigation.pk, case.pk]))
    assert response.status_code == 302
    assert Source.objects.get(investigation=investigation).kind == SourceKind.KNOWLEDGE_CASE


def test_a_viewer_cannot_add_a_case(inquiry, case):  # noqa: F811
    client = signed_in(Client(), inquiry["viewer"])
    investigation = inquiry.investigation
    assert client.get(reverse("networks:source_cases", args=[investigation.pk])).status_code == 404
    assert (
        client.post(reverse("networks:source_case_add", args=[investigation.pk, case.pk])).status_code == 404
    )
    assert not Source.objects.filter(investigation=investigation).exists()
