from palermo.accounts.models.users import Invitation, Organisation, Role, User

__all__ = ["Invitation", "Organisation", "Role", "User"]
