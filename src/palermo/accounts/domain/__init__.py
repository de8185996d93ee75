from palermo.accounts.domain.invitations import InvitationError, activate_account, invite_user
from palermo.accounts.domain.users import approve_user, change_role, confirm_two_factor, create_organisation

__all__ = [
    "InvitationError",
    "activate_account",
    "approve_user",
    "change_role",
    "confirm_two_factor",
    "create_organisation",
    "invite_user",
]
