"""E-mails about a review name its States and its instrument in the recipient's language."""

import pytest
from django.utils import translation

from palermo.register.models import Instrument, Party
from palermo.review.domain import participants
from palermo.review.domain.reminders import send_reminders
from tests.review.conftest import person

pytestmark = pytest.mark.django_db


def names(code: str, language: str) -> tuple[str, str]:
    party = Party.objects.get(code=code)
    return party.name_in(language), party.name


def test_reminders_name_the_state_and_instrument_in_the_recipients_language(
    two_reviews, secretariat, mailoutbox
):
    first = two_reviews["first"]
    review = first["review"]
    review.cycle.first_year = 2021  # every deadline of phase 1 has passed
    review.cycle.save()
    first["expert"].language = "es"
    first["expert"].save(update_fields=["language"])
    secretariat.language = "ru"
    secretariat.save(update_fields=["language"])
    send_reminders()
    with translation.override("es"):
        instrument = Instrument.objects.get(code="UNTOC").local_short_title
    spanish, english = names(review.state_under_review_id, "es")
    to_expert = next(m for m in mailoutbox if m.to == [first["expert"].email])
    assert spanish in to_expert.subject and instrument in to_expert.subject
    assert english not in to_expert.subject + to_expert.body and "UNTOC" not in to_expert.subject
    unstaffed = participants.parties_of(review)[2]  # a reviewing State nobody was appointed for
    russian, english = names(unstaffed, "ru")
    to_secretariat = [m for m in mailoutbox if m.to == [secretariat.email]]
    assert any(russian in m.body for m in to_secretariat)
    assert not any(english in m.body or unstaffed in m.body for m in to_secretariat)


def test_an_appointment_email_names_the_state_in_the_appointed_persons_language(
    two_reviews, secretariat, mailoutbox, django_capture_on_commit_callbacks
):
    review = two_reviews["first"]["review"]
    reviewer = participants.parties_of(review)[2]
    newcomer = person(reviewer)
    newcomer.language = "zh-hans"
    newcomer.save(update_fields=["language"])
    focal_point = person(reviewer, "focal_point")
    participants.appoint(
        review=review, party=reviewer, user=focal_point, role="focal_point", actor=secretariat
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        participants.appoint_by_email(
            review=review, party=reviewer, role="governmental_expert", email=newcomer.email, actor=focal_point
        )
    message = mailoutbox[-1]
    chinese, english = names(reviewer, "zh-hans")
    state_chinese, state_english = names(review.state_under_review_id, "zh-hans")
    assert message.to == [newcomer.email]
    assert state_chinese in message.subject and chinese in message.body
    assert state_english not in message.subject and english not in message.body
