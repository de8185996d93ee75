"""Every e-mail Palermo sends is written in its recipient's language (activation, password reset and its
notice, review reminders, appointments, requests to the secretariat), whatever the language of the page
or command that sent it; a person without a preference gets English. Password reset e-mails: the same
answer with or without an account, sent beside the request, and limited per account."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from palermo.accounts.mail import wait_for_mail
from palermo.accounts.models import Organisation, Role
from palermo.core.models import AuditEntry
from palermo.register.models import Party
from palermo.review.domain import participants
from palermo.review.domain.reminders import send_reminders
from tests.factories import UserFactory, signed_in
from tests.review.conftest import person, secretariat, two_reviews  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
RESET = "/en/accounts/password-reset/"


def test_the_activation_email_is_written_in_the_language_chosen_for_the_person(
    django_capture_on_commit_callbacks,
):
    italy = Organisation.objects.create(
        name="Italy, MoJ", kind=Organisation.Kind.STATE_AUTHORITY, party=Party.objects.get(code="ITA")
    )
    client = signed_in(Client(), UserFactory(role=Role.SECRETARIAT_ADMIN))
    for email, language in (("claire@example.org", "fr"), ("john@example.org", "")):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                reverse("accounts:invite"),
                {
                    "email": email,
                    "first_name": "C",
                    "last_name": "D",
                    "organisation": italy.pk,
                    "role": Role.FOCAL_POINT,
                    "nomination_reference": "NV/1",
                    "language": language,
                },
            )
    french, english = mail.outbox
    assert french.subject == "Votre compte Palermo" and "/fr/accounts/activate/" in french.body
    assert english.subject == "Your Palermo account" and "/en/accounts/activate/" in english.body


def test_the_password_reset_email_is_in_the_persons_language_and_sent_beside_the_request():
    claire = UserFactory(language="fr")
    response = Client().post(RESET, {"email": claire.email})
    assert response.url == "/en/accounts/password-reset/sent/"
    wait_for_mail()
    [message] = mail.outbox
    assert message.subject == "Un nouveau mot de passe pour Palermo"
    assert re.search(r"/fr/accounts/password-reset/\w+/[\w-]+/", message.body)
    assert AuditEntry.objects.get(action="auth.password_reset.sent").object_id == str(claire.pk)


def test_without_a_preference_the_reset_email_follows_the_page_it_was_asked_from():
    person = UserFactory()
    Client().post("/ru/accounts/password-reset/", {"email": person.email})
    wait_for_mail()
    assert "/ru/accounts/password-reset/" in mail.outbox[0].body


def test_password_reset_emails_to_one_account_stop_after_the_limit_whoever_asks(settings):
    target = UserFactory()
    answers = set()
    for n in range(settings.LOGIN_FAILURE_LIMIT + 2):  # from as many addresses: no address lock
        response = Client(REMOTE_ADDR=f"203.0.113.{n + 1}").post(RESET, {"email": target.email})
        answers.add((response.status_code, response.url))
    wait_for_mail()
    assert len(mail.outbox) == settings.LOGIN_FAILURE_LIMIT
    assert answers == {(302, "/en/accounts/password-reset/sent/")}  # the page never tells


def test_review_reminders_are_written_in_each_recipients_language(two_reviews, mailoutbox):  # noqa: F811
    first = two_reviews["first"]
    first["review"].cycle.first_year = 2021
    first["review"].cycle.save()
    first["expert"].language = "fr"
    first["expert"].save(update_fields=["language"])
    with translation.override("ru"):  # the command's language does not matter
        send_reminders()
    to_expert = next(m for m in mailoutbox if m.to == [first["expert"].email])
    to_focal_point = next(m for m in mailoutbox if m.to == [first["focal point"].email])
    assert to_expert.subject.startswith("Palermo : une étape d’un examen (")
    assert f"/fr/review/reviews/{first['review'].pk}/" in to_expert.body
    assert to_focal_point.subject.startswith("Palermo: a step of the review of")


def test_appointment_emails_are_written_in_the_appointed_persons_language(
    two_reviews,  # noqa: F811
    secretariat,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    first = two_reviews["first"]
    review, state = first["review"], first["review"].state_under_review_id
    claire = person(state)
    claire.language = "fr"
    claire.save(update_fields=["language"])
    other_secretariat = UserFactory(role=Role.SECRETARIAT_ADMIN, language="es")
    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        participants.appoint_by_email(
            review=review, party=state, role="observer", email=claire.email, actor=first["focal point"]
        )
        participants.appoint_by_email(
            review=review,
            party=state,
            role="observer",
            email="nobody@example.org",
            actor=first["focal point"],
        )
    appointed = next(m for m in mail.outbox if m.to == [claire.email])
    assert appointed.subject.startswith("Palermo : vous êtes nommé(e) à un examen (")
    asks = {m.to[0]: m for m in mail.outbox if m.to != [claire.email]}
    assert set(asks) == {secretariat.email, other_secretariat.email}  # one e-mail each, in their language
    assert f"/es/review/reviews/{review.pk}/" in asks[other_secretariat.email].body
    assert f"/en/review/reviews/{review.pk}/" in asks[secretariat.email].body
