"""Fixtures of the cooperation tests: authorities of Italy and Brazil in the directory, with the people who
work at them, and people who must not see what those authorities hold."""

from dataclasses import dataclass, field
from datetime import date

import pytest

from palermo.accounts.models import Organisation, Role
from palermo.cooperation.models import KIND_BASIS, Authority, AuthorityKind, Designation
from palermo.register.models import Party
from tests.factories import OrganisationFactory, UserFactory


def organisation_of(code: str, name: str) -> Organisation:
    return Organisation.objects.create(
        name=name, kind=Organisation.Kind.STATE_AUTHORITY, party=Party.objects.get(code=code)
    )


def authority(code: str, name: str, *kinds: str, organisation=None, **fields) -> Authority:
    """An authority of the directory with designations of `kinds` on their default articles."""
    fields.setdefault("verified_on", date(2026, 6, 1))
    created = Authority.objects.create(
        party_id=code, name=name, name_en=fields.pop("name_en", name), organisation=organisation, **fields
    )
    for kind in kinds:
        instrument, article = KIND_BASIS[kind]
        Designation.objects.create(authority=created, kind=kind, instrument_id=instrument, article=article)
    return created


@dataclass
class World:
    authorities: dict[str, Authority] = field(default_factory=dict)
    users: dict = field(default_factory=dict)

    def __getitem__(self, name: str):
        return self.users[name]


@pytest.fixture
def world() -> World:
    """Italy's prosecution office (uses Palermo) and ministry (central authority, uses Palermo), Brazil's
    central authority (uses Palermo) and France's (does not). People: two practitioners and an observer
    of the prosecution office, a practitioner of the Italian ministry, Brazil's central authority's
    practitioner and focal point, an Italian expert of an organisation that is not in the directory, the
    secretariat, a public visitor."""
    w = World()
    prosecution = organisation_of("ITA", "Procura della Repubblica di Palermo (test)")
    ministry = organisation_of("ITA", "Ministero della Giustizia (test)")
    brazil = organisation_of("BRA", "Ministério da Justiça e Segurança Pública (test)")
    elsewhere = organisation_of("ITA", "Istituto di ricerca (test)")
    w.authorities = {
        "prosecution": authority(
            "ITA",
            "Procura della Repubblica presso il Tribunale di Palermo",
            AuthorityKind.LAW_ENFORCEMENT,
            name_en="Public Prosecutor's Office at the Court of Palermo",
            organisation=prosecution,
            languages=["it", "en"],
        ),
        "ministry": authority(
            "ITA",
            "Ministero della Giustizia, Dipartimento per gli affari di giustizia",
            AuthorityKind.CENTRAL_AUTHORITY,
            AuthorityKind.EXTRADITION,
            name_en="Ministry of Justice, Department for Justice Affairs",
            organisation=ministry,
            languages=["it", "en", "fr"],
            channels=["direct", "diplomatic"],
            emails=["central.authority@example.invalid"],
        ),
        "brazil": authority(
            "BRA",
            "Departamento de Recuperação de Ativos e Cooperação Jurídica Internacional",
            AuthorityKind.CENTRAL_AUTHORITY,
            name_en="Department of Asset Recovery and International Legal Cooperation",
            organisation=brazil,
            languages=["pt", "en", "es"],
            channels=["direct"],
        ),
        "france": authority(
            "FRA",
            "Bureau de l'entraide pénale internationale",
            AuthorityKind.CENTRAL_AUTHORITY,
            name_en="Office for International Mutual Assistance in Criminal Matters",
            languages=["fr"],
        ),
    }
    w.users = {
        "drafter": UserFactory(role=Role.PRACTITIONER, organisation=prosecution),
        "colleague": UserFactory(role=Role.PRACTITIONER, organisation=prosecution),
        "observer of the office": UserFactory(role=Role.OBSERVER, organisation=prosecution),
        "ministry": UserFactory(role=Role.PRACTITIONER, organisation=ministry),
        "italian focal point": UserFactory(role=Role.FOCAL_POINT, organisation=ministry),
        "brazil": UserFactory(role=Role.PRACTITIONER, organisation=brazil),
        "brazilian focal point": UserFactory(role=Role.FOCAL_POINT, organisation=brazil),
        "italian expert elsewhere": UserFactory(role=Role.GOVERNMENTAL_EXPERT, organisation=elsewhere),
        "secretariat": UserFactory(
            role=Role.SECRETARIAT_ADMIN,
            organisation=OrganisationFactory(kind=Organisation.Kind.SECRETARIAT),
        ),
        "public": UserFactory(role=Role.PUBLIC),
    }
    return w


def verified(user):
    """The user as a request sees them after the second factor (for calling domain functions directly)."""
    user.is_verified = lambda: True
    return user
