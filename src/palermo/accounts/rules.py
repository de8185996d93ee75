"""Permission predicates. Later modules add object-level predicates (per review, per request) beside these."""

import rules

from palermo.accounts.models import Role


@rules.predicate
def is_verified(user) -> bool:
    """Signed in, and the second factor checked in this session."""
    verified = getattr(user, "is_verified", None)  # set on request.user by django-otp
    return bool(user and user.is_authenticated and user.is_active and verified and verified())


@rules.predicate
def is_signed_in(user) -> bool:
    """Signed in completely: with the second factor checked, for the roles that need one."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return not user.needs_two_factor or bool(is_verified(user))


@rules.predicate
def is_approved(user) -> bool:
    return bool(user and user.is_authenticated and user.is_approved)


def has_role(*roles: str):
    @rules.predicate(name=f"has_role:{','.join(roles)}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.role in roles)

    return predicate


is_secretariat = is_verified & is_approved & has_role(Role.SECRETARIAT_ADMIN)

rules.add_perm("accounts.manage_users", is_secretariat)
rules.add_perm("accounts.view_audit_log", is_secretariat)
