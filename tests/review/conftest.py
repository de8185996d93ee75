"""Fixtures of the Review Mechanism's tests: two reviews of one cycle, each with its delegations."""

from datetime import date

import pytest

from palermo.accounts.models import Organisation, Role
from palermo.register.models import Party
from palermo.review.domain import cycles, participants
from palermo.review.domain.draw import Rules
from palermo.review.models import Review
from tests.factories import UserFactory


def person(code: str, role=Role.GOVERNMENTAL_EXPERT):
    organisation, _ = Organisation.objects.get_or_create(
        name=f"Ministry of Justice of {code}",
        defaults={"kind": Organisation.Kind.STATE_AUTHORITY, "party": Party.objects.get(code=code)},
    )
    return UserFactory(role=role, organisation=organisation)


@pytest.fixture
def secretariat():
    user = UserFactory(role=Role.SECRETARIAT_ADMIN)
    user.is_verified = lambda: True
    return user


@pytest.fixture
def two_reviews(secretariat):
    """Two reviews of the same cycle with no State in common, each with a focal point, an expert of the
    State under review, a reviewing expert and an observer."""
    cycle = cycles.launch_cycle(
        user=secretariat, number=1, reference_date=date(2015, 1, 1), first_year=2030, rules=Rules()
    )
    cycles.draw_lots(cycle=cycle, user=secretariat, seed=11)
    reviews = list(Review.objects.filter(instrument="UNTOC").order_by("state_under_review"))
    first = reviews[0]
    second = next(
        r for r in reviews if not set(participants.parties_of(r)) & set(participants.parties_of(first))
    )
    cast = {}
    for name, review in (("first", first), ("second", second)):
        state, reviewer = participants.parties_of(review)[:2]
        focal_point = person(state, Role.FOCAL_POINT)
        participants.appoint(
            review=review, party=state, user=focal_point, role="focal_point", actor=secretariat
        )
        expert, observer, reviewing = person(state), person(state, Role.OBSERVER), person(reviewer)
        participants.appoint(
            review=review, party=state, user=expert, role="governmental_expert", actor=focal_point
        )
        participants.appoint(review=review, party=state, user=observer, role="observer", actor=focal_point)
        reviewing_focal_point = person(reviewer, Role.FOCAL_POINT)
        participants.appoint(
            review=review, party=reviewer, user=reviewing_focal_point, role="focal_point", actor=secretariat
        )
        participants.appoint(
            review=review,
            party=reviewer,
            user=reviewing,
            role="governmental_expert",
            actor=reviewing_focal_point,
        )
        cast[name] = {
            "review": review,
            "focal point": focal_point,
            "expert": expert,
            "observer": observer,
            "reviewing focal point": reviewing_focal_point,
            "reviewing expert": reviewing,
        }
    return cast


def answer_everything(document, user, response="yes"):
    """Answer every question of a self-assessment (what an expert does before submitting it)."""
    from palermo.review.domain import questionnaire

    for sheet in questionnaire.sheets(document):
        typed = questionnaire.ArticleInput(
            responses={
                q.key: (response, f"Implemented by law {sheet.article.number}.") for q in sheet.questions
            },
            challenges="",
        )
        questionnaire.save_article(
            document=document,
            user=user,
            article=sheet.article.number,
            typed=typed,
            expected_version=sheet.version,
        )
    return document
