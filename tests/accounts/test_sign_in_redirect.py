"""A signed-out visitor who follows a link to a page that needs signing in is sent to sign in and then
back to the page; the redirect depends on the address's pattern only (no oracle of what exists), an
outsider who is signed in still gets 404, and `next` never leads off the site."""

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from palermo.accounts.sign_in import PUBLIC_PAGES, needs_signing_in
from tests.factories import PASSWORD, current_code, signed_in, totp_device
from tests.review.conftest import person, secretariat, two_reviews  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def sign_in_from(client, location: str, user) -> str:
    """Follow the sign-in page the visitor was sent to: password, then code; where it lands."""
    response = client.post(location, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    response = client.post(response["Location"], {"code": current_code(device)})
    assert response.status_code == 302
    return response["Location"]


def test_a_signed_out_visitor_signs_in_and_lands_on_the_page(two_reviews):  # noqa: F811 (the fixtures imported above)
    review, expert = two_reviews["first"]["review"], two_reviews["first"]["expert"]
    totp_device(expert)
    page = f"/en/review/reviews/{review.pk}/phases/1/dialogue/?article=5&x=1"
    client = Client()
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=%2Fen%2Freview%2Freviews%2F" + (
        f"{review.pk}%2Fphases%2F1%2Fdialogue%2F%3Farticle%3D5%26x%3D1"
    )
    login_page = client.get(response["Location"]).content.decode()
    assert f'name="next" value="{page.replace("&", "&amp;")}"' in login_page
    assert sign_in_from(client, response["Location"], expert) == page
    assert client.get(page).status_code == 200


def test_a_bogus_address_redirects_the_same_way_as_a_real_one(two_reviews):  # noqa: F811 (the fixtures imported above)
    review = two_reviews["first"]["review"]
    client = Client()
    real = client.get(f"/en/review/reviews/{review.pk}/")
    bogus = client.get("/en/review/reviews/999999/")
    assert real.status_code == bogus.status_code == 302
    assert real["Location"].replace(str(review.pk), "N") == bogus["Location"].replace("999999", "N")


def test_a_signed_in_outsider_still_gets_404(two_reviews):  # noqa: F811 (the fixtures imported above)
    review = two_reviews["first"]["review"]
    outsider = signed_in(Client(), two_reviews["second"]["expert"])
    assert outsider.get(f"/en/review/reviews/{review.pk}/").status_code == 404
    assert outsider.get("/en/review/reviews/999999/").status_code == 404


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "http://testserver.evil/"]
)
def test_next_never_leads_off_the_site(two_reviews, target):  # noqa: F811 (the fixtures imported above)
    expert = two_reviews["first"]["expert"]
    totp_device(expert)
    client = Client()
    page = client.get("/en/accounts/login/", {"next": target}).content.decode()
    assert '<input type="hidden" name="next" value="">' in page
    landed = sign_in_from(client, f"/en/accounts/login/?next={target}", expert)
    assert "evil" not in landed and landed == "/en/"


def test_public_pages_stay_public_and_their_hidden_objects_stay_404():
    client = Client()
    assert client.get("/en/register/parties/ITA/").status_code == 200
    assert client.get("/en/knowledge/records/999999/").status_code == 404  # public pattern: no sign-in
    assert not needs_signing_in("knowledge:record") and "knowledge:record" in PUBLIC_PAGES
    assert needs_signing_in("review:review") and needs_signing_in("knowledge:record_edit")
    assert not needs_signing_in("api:review-review-detail")  # the API answers with status codes
    assert client.get("/api/v1/review/reviews/1/").status_code in (401, 403, 404)


def test_a_form_posted_after_signing_out_returns_to_its_page_after_sign_in(two_reviews):  # noqa: F811 (the fixtures imported above)
    review = two_reviews["first"]["review"]
    client = Client()
    response = client.post(
        f"/en/review/reviews/{review.pk}/phases/1/dialogue/",
        {"text": "Hello"},
        HTTP_REFERER=f"http://testserver/en/review/reviews/{review.pk}/phases/1/dialogue/",
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"/en/accounts/login/?next=%2Fen%2Freview%2Freviews%2F{review.pk}%2Fphases%2F1%2Fdialogue%2F"
    )
