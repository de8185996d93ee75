"""Who may do what in international cooperation. The directory is closed, like the UNODC directory it
replaces: contacts and requirements only for the verified users of competent authorities and the
secretariat. A request is seen by the users of its two authorities alone — not by their States' other
users, not by the secretariat, which sees only counts."""

import rules

from palermo.accounts.models import Role
from palermo.accounts.rules import has_role, is_approved, is_secretariat, is_verified

PRACTITIONER_ROLES = (Role.PRACTITIONER, Role.FOCAL_POINT, Role.GOVERNMENTAL_EXPERT)


def authority_of(user):
    """The directory's authority the user works at, or None."""
    organisation = getattr(user, "organisation", None) if user and user.is_authenticated else None
    if organisation is None:
        return None
    try:
        return organisation.authority
    except organisation._meta.model.authority.RelatedObjectDoesNotExist:
        return None


@rules.predicate
def works_at_an_authority(user) -> bool:
    return authority_of(user) is not None


@rules.predicate
def belongs_to_a_state(user) -> bool:
    organisation = getattr(user, "organisation", None)
    return bool(organisation and organisation.party_id)


@rules.predicate
def of_the_state(user, party) -> bool:
    """The user's organisation is of this State (`party`: a Party, or anything with `party_id`)."""
    code = getattr(party, "party_id", None) or getattr(party, "code", None)
    organisation = getattr(user, "organisation", None)
    return bool(code and organisation and organisation.party_id == code)


@rules.predicate
def works_at_the_authority(user, change) -> bool:
    """The user works at the authority a proposed change is about."""
    authority = authority_of(user)
    return bool(authority and change is not None and change.authority_id == authority.pk)


@rules.predicate
def proposed_by_user(user, change) -> bool:
    return change is not None and change.proposed_by_id == user.pk


# Until it is sent, a request is the requesting authority's alone: the requested one sees no drafts.
UNSENT_STATES = ("draft", "approved")


@rules.predicate
def on_the_request(user, request) -> bool:
    authority = authority_of(user)
    if not authority or request is None:
        return False
    if authority.pk == request.requesting_authority_id:
        return True
    return authority.pk == request.requested_authority_id and request.state not in UNSENT_STATES


@rules.predicate
def on_the_requesting_side(user, request) -> bool:
    authority = authority_of(user)
    return bool(authority and request is not None and authority.pk == request.requesting_authority_id)


@rules.predicate
def on_the_requested_side(user, request) -> bool:
    authority = authority_of(user)
    return bool(authority and request is not None and authority.pk == request.requested_authority_id)


@rules.predicate
def drafted_by_user(user, request) -> bool:
    return request is not None and request.drafted_by_id == user.pk


# The people of a competent authority: its practitioners, focal points and governmental experts, signed in
# with the second factor. An observer or a public visitor registered with the authority's organisation is
# not one of them: like anyone else, they see only the public designations.
is_authority_user = is_verified & is_approved & works_at_an_authority & has_role(*PRACTITIONER_ROLES)
is_practitioner = is_authority_user
is_state_contributor = is_verified & is_approved & has_role(*PRACTITIONER_ROLES) & belongs_to_a_state
is_focal_point = is_verified & is_approved & has_role(Role.FOCAL_POINT)

rules.add_perm("cooperation.view_directory", is_secretariat | is_authority_user)
rules.add_perm("cooperation.manage_directory", is_secretariat)
rules.add_perm("cooperation.propose_change", is_secretariat | (is_state_contributor & of_the_state))
rules.add_perm(
    "cooperation.confirm_change",
    is_secretariat
    | ((is_focal_point & of_the_state) | (is_authority_user & works_at_the_authority)) & ~proposed_by_user,
)
rules.add_perm("cooperation.view_statistics", is_secretariat)
rules.add_perm("cooperation.view_requests", is_authority_user)  # the list of their authority's requests
rules.add_perm("cooperation.draft_request", is_practitioner)
rules.add_perm("cooperation.view_request", is_authority_user & on_the_request)
rules.add_perm("cooperation.edit_request", is_practitioner & on_the_request)
rules.add_perm("cooperation.approve_request", is_practitioner & on_the_requesting_side & ~drafted_by_user)
rules.add_perm("cooperation.act_as_requested", is_practitioner & on_the_requested_side)
