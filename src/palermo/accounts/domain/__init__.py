from palermo.accounts.domain.invitations import (
    InvitationError,
    activate_account,
    invite_user,
    resend_invitation,
)
from palermo.accounts.domain.users import (
    AccountActionRefused,
    approve_user,
    change_role,
    confirm_two_factor,
    create_organisation,
    reset_two_factor,
    set_active,
)

__all__ = [
    "AccountActionRefused",
    "InvitationError",
    "activate_account",
    "approve_user",
    "change_role",
    "confirm_two_factor",
    "create_organisation",
    "invite_user",
    "resend_invitation",
    "reset_two_factor",
    "set_active",
]
