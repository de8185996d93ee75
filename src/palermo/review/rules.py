"""Who may run the Review Mechanism's set-up: the secretariat launches cycles, corrects clusters, draws
lots and publishes draws; everyone may read a published draw."""

import rules

from palermo.accounts.rules import is_secretariat


@rules.predicate
def is_published(user, draw) -> bool:
    return draw is not None and draw.published_at is not None


rules.add_perm("review.manage_cycle", is_secretariat)
rules.add_perm("review.view_draw", is_secretariat | is_published)
