"""The demo's Review Mechanism: a made-up cycle (labelled demo data) whose lots are really drawn, from the
register's parties, and published, so that every page has something to show."""

from datetime import date

from palermo.accounts.models import Role, User
from palermo.review.domain.cycles import draw_lots, launch_cycle, publish_draw
from palermo.review.domain.draw import Rules
from palermo.review.models import ReviewCycle

DEMO_CYCLE = 9  # not a real cycle number: the real first cycle was launched in 2020
DEMO_SEED = 2026


def create_demo_cycle() -> bool:
    """Launch the demo cycle, draw its lots and publish the draw (once)."""
    if ReviewCycle.objects.filter(number=DEMO_CYCLE).exists():
        return False
    secretariat = User.objects.filter(role=Role.SECRETARIAT_ADMIN).order_by("pk").first()
    cycle = launch_cycle(
        user=secretariat,
        number=DEMO_CYCLE,
        reference_date=date(2015, 1, 1),
        first_year=2030,
        rules=Rules(),
        is_demo=True,
    )
    publish_draw(draw=draw_lots(cycle=cycle, user=secretariat, seed=DEMO_SEED), user=secretariat)
    return True
