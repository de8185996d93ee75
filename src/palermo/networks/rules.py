"""Who may see and do what in an investigation. An investigation is closed: its members see it, and only
while they work at the owning authority or at one it is shared with. Everyone else — the secretariat
included — gets a 404, pages and API alike."""

import rules

from palermo.accounts.rules import has_role, is_approved, is_verified
from palermo.cooperation.rules import PRACTITIONER_ROLES, authority_of
from palermo.networks.models import Investigation, MemberRole, Membership

is_investigator = is_verified & is_approved & has_role(*PRACTITIONER_ROLES)


def membership_of(user, investigation: Investigation) -> Membership | None:
    """The user's membership of the investigation while it gives access, else None."""
    if not (user and user.is_authenticated) or investigation is None:
        return None
    authority = authority_of(user)
    if authority is None:
        return None
    if (
        authority.pk != investigation.authority_id
        and not investigation.shares.filter(authority=authority, revoked_at__isnull=True).exists()
    ):
        return None
    return investigation.memberships.filter(user=user).first()


def _role_in(*roles: str):
    @rules.predicate(name=f"investigation_role:{','.join(roles)}")
    def predicate(user, investigation) -> bool:
        membership = membership_of(user, investigation)
        return membership is not None and membership.role in roles

    return predicate


is_member = _role_in(MemberRole.LEAD, MemberRole.ANALYST, MemberRole.VIEWER)
is_analyst = _role_in(MemberRole.LEAD, MemberRole.ANALYST)
is_lead = _role_in(MemberRole.LEAD)


@rules.predicate
def works_at_an_authority(user) -> bool:
    return authority_of(user) is not None


rules.add_perm("networks.create_investigation", is_investigator & works_at_an_authority)
rules.add_perm("networks.view_investigation", is_investigator & is_member)
rules.add_perm("networks.edit_entities", is_investigator & is_analyst)  # import, enter, judge, remove sources
rules.add_perm("networks.lead_investigation", is_investigator & is_lead)  # members, shares, settings
# The authority's watch lists (sanctions, national lists): seen, loaded and removed by its practitioners.
rules.add_perm("networks.manage_watch_lists", is_investigator & works_at_an_authority)
