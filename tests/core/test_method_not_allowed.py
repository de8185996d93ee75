"""An address that only takes a form answers a plain visit with a page that says so, not a blank 405."""

import pytest
from django.urls import reverse

from palermo.accounts.models import Role
from tests.factories import UserFactory, signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_a_form_only_address_opened_by_itself_explains_in_the_readers_language(client, language):
    signed_in(client, UserFactory(role=Role.FOCAL_POINT))
    response = client.get(f"/{language}/accounts/profile/language/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    page = response.content.decode()
    assert f'<html lang="{language}"' in page and 'role="alert"' in page and reverse("core:home") in page


def test_the_api_keeps_its_json_answer(client):
    response = client.delete("/api/v1/instruments/")
    assert response.status_code == 405 and response["Content-Type"].startswith("application/json")
