"""Who may write to the register. Reading it is public (querysets' visible_to return everything)."""

import rules

from palermo.accounts.rules import is_secretariat

rules.add_perm("register.add_declaration", is_secretariat)
rules.add_perm("register.import_status", is_secretariat)
