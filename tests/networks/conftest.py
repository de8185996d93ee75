"""Fixtures of the networks tests: an investigation of Italy's prosecution office (lead, analyst, viewer),
shared with Brazil's central authority (a member there), and the people who must see nothing of it."""

from dataclasses import dataclass, field

import pytest

from palermo.accounts.models import Role
from palermo.networks.domain import investigations as domain
from palermo.networks.models import Investigation, MemberRole
from tests.cooperation.conftest import World, verified, world  # noqa: F401  (the authorities and people)
from tests.factories import UserFactory


@dataclass
class Inquiry:
    investigation: Investigation
    users: dict = field(default_factory=dict)

    def __getitem__(self, name: str):
        return self.users[name]


# Everyone who must get a 404 on every page and API call of the investigation.
OUTSIDERS = (
    "ministry",  # another authority of the same State, not a member
    "italian focal point",
    "brazilian focal point",  # the partner authority, not a member
    "observer of the office",  # registered with the owner, an observer
    "italian expert elsewhere",
    "secretariat",
    "public",
    "member elsewhere",  # a member whose authority's share was revoked
)


@pytest.fixture
def inquiry(world) -> Inquiry:  # noqa: F811
    """'Operation Lupa' of the Palermo prosecution office: the drafter leads, the colleague analyses, a
    third person of the office views; shared with Brazil, whose practitioner is an analyst; shared with the
    French-less ministry once and revoked (its member sees nothing)."""
    lead = verified(world["drafter"])
    prosecution = world.authorities["prosecution"]
    investigation = domain.create_investigation(user=lead, title="Operation Lupa", reference="RG 123/26")
    viewer = UserFactory(role=Role.PRACTITIONER, organisation=prosecution.organisation)
    domain.add_member(
        investigation=investigation, user=lead, member=world["colleague"], role=MemberRole.ANALYST
    )
    domain.add_member(investigation=investigation, user=lead, member=viewer, role=MemberRole.VIEWER)
    domain.share_investigation(investigation=investigation, user=lead, authority=world.authorities["brazil"])
    domain.add_member(investigation=investigation, user=lead, member=world["brazil"], role=MemberRole.ANALYST)
    share = domain.share_investigation(
        investigation=investigation, user=lead, authority=world.authorities["ministry"]
    )
    elsewhere = world["ministry"]
    member_elsewhere = UserFactory(role=Role.PRACTITIONER, organisation=elsewhere.organisation)
    domain.add_member(investigation=investigation, user=lead, member=member_elsewhere, role=MemberRole.VIEWER)
    domain.revoke_share(share=share, user=lead)
    users = {
        "lead": lead,
        "analyst": world["colleague"],
        "viewer": viewer,
        "partner analyst": world["brazil"],
        "member elsewhere": member_elsewhere,
        **{name: world[name] for name in OUTSIDERS if name in world.users},
    }
    return Inquiry(investigation, {name: verified(user) for name, user in users.items()})
