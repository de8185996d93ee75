"""Who may do what in the Review Mechanism: the secretariat launches cycles, corrects clusters, draws lots
and publishes draws (everyone may read a published draw); a review is seen only by the secretariat and
the people appointed to it, signed in with their second factor."""

import rules

from palermo.accounts.rules import is_approved, is_secretariat, is_verified


@rules.predicate
def is_published(user, draw) -> bool:
    return draw is not None and draw.published_at is not None


@rules.predicate
def takes_part(user, review) -> bool:
    return review is not None and review.participants.filter(user=user, ended_at=None).exists()


rules.add_perm("review.manage_cycle", is_secretariat)
rules.add_perm("review.take_part", is_verified & is_approved)  # may hold roles in reviews at all
rules.add_perm("review.view_review", is_secretariat | (is_verified & is_approved & takes_part))
rules.add_perm("review.view_draw", is_secretariat | is_published)
