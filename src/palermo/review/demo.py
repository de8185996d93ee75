"""The demo's Review Mechanism: a made-up cycle (labelled demo data) whose lots are really drawn, from the
register's parties, and published, with the demo focal point and expert appointed to their States'
reviews, so that every page has something to show; phase 1 of Italy's review is worked through to its
published summary (`demo_phase`)."""

from datetime import date

from django.utils import timezone

from palermo.accounts.models import Role, User
from palermo.review.demo_phase import work_through_phase_one
from palermo.review.domain.cycles import draw_lots, launch_cycle, publish_draw
from palermo.review.domain.draw import Rules
from palermo.review.domain.participants import appoint
from palermo.review.models import Review, ReviewCycle, ReviewRole

DEMO_CYCLE = 9  # not a real cycle number: the real first cycle was launched in 2020
DEMO_SEED = 2026
DEMO_PARTICIPANTS = [  # the demo accounts of State authorities, in their own State's review of the Convention
    ("focal.point@demo.palermo.invalid", "ITA", ReviewRole.FOCAL_POINT),
    ("expert@demo.palermo.invalid", "BRA", ReviewRole.GOVERNMENTAL_EXPERT),
    ("observer@demo.palermo.invalid", "ITA", ReviewRole.OBSERVER),  # appointed by the focal point above
]
# The cycle is under way: every group has started phase 1 (groups start a year apart), so that the
# worked example's documents are dated after the phase they belong to began, and each feedback is due
# after the self-assessment it comments on.
YEARS_UNDER_WAY = 2


def create_demo_cycle() -> bool:
    """Launch the demo cycle, draw its lots and publish the draw (once)."""
    if ReviewCycle.objects.filter(number=DEMO_CYCLE).exists():
        return False
    secretariat = User.objects.filter(role=Role.SECRETARIAT_ADMIN).order_by("pk").first()
    secretariat.is_verified = lambda: True  # acting from the command line, as if signed in with two factors
    cycle = launch_cycle(
        user=secretariat,
        number=DEMO_CYCLE,
        reference_date=date(2015, 1, 1),
        first_year=timezone.localdate().year - YEARS_UNDER_WAY,
        rules=Rules(),
        is_demo=True,
    )
    publish_draw(draw=draw_lots(cycle=cycle, user=secretariat, seed=DEMO_SEED), user=secretariat)
    for email, state, role in DEMO_PARTICIPANTS:
        user = User.objects.filter(email=email).first()
        review = Review.objects.filter(
            cycle=cycle, state_under_review_id=state, instrument_id="UNTOC"
        ).first()
        if user and review:
            focal_point = review.participants.filter(party_id=state, role=ReviewRole.FOCAL_POINT).first()
            actor = focal_point.user if role != ReviewRole.FOCAL_POINT and focal_point else secretariat
            appoint(review=review, party=state, user=user, role=role, actor=actor)
    italy = Review.objects.filter(cycle=cycle, state_under_review_id="ITA", instrument_id="UNTOC").first()
    if italy and italy.participants.filter(role=ReviewRole.FOCAL_POINT).exists():
        work_through_phase_one(italy, secretariat)
    return True
