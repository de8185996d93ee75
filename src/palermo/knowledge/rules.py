"""Who may add, change and curate knowledge-base records."""

import rules

from palermo.accounts.models import Organisation, Role
from palermo.accounts.rules import has_role, is_approved, is_secretariat, is_signed_in, is_verified
from palermo.knowledge.models import CurationState


@rules.predicate
def belongs_to_a_state(user) -> bool:
    organisation = getattr(user, "organisation", None)
    return bool(organisation and organisation.kind == Organisation.Kind.STATE_AUTHORITY)


is_contributor = (
    is_verified
    & is_approved
    & has_role(Role.FOCAL_POINT, Role.GOVERNMENTAL_EXPERT, Role.PRACTITIONER)
    & belongs_to_a_state
)


@rules.predicate
def is_draft(user, record) -> bool:
    return record is not None and record.state == CurationState.DRAFT


@rules.predicate
def is_authors_organisation(user, record) -> bool:
    if record is None:
        return False
    return record.created_by_id == user.pk or (
        user.organisation_id is not None and record.organisation_id == user.organisation_id
    )


@rules.predicate
def about_own_state(user, record) -> bool:
    """State contributors submit records for their own State."""
    return record is not None and record.jurisdiction_id == user.organisation.party_id


can_edit_record = is_secretariat | (is_contributor & is_draft & is_authors_organisation)
can_submit_record = is_secretariat | (is_contributor & is_draft & is_authors_organisation & about_own_state)

rules.add_perm("knowledge.add_record", is_secretariat | is_contributor)
rules.add_perm("knowledge.change_record", can_edit_record)
rules.add_perm("knowledge.submit_record", can_submit_record)
rules.add_perm("knowledge.curate_record", is_secretariat)
# Earlier versions may hold what was not meant to be published (names before anonymisation, say).
rules.add_perm("knowledge.view_history", is_secretariat | (is_contributor & is_authors_organisation))
rules.add_perm("knowledge.save_search", is_signed_in)  # anyone signed in keeps their own searches
