"""The home page leads to every part of Palermo and says what each holds for the visitor: counts that
respect what the visitor may see (drafts, reviews)."""

import re
from datetime import date

import pytest
from django.test import Client

from palermo.accounts.models import Role
from palermo.knowledge.domain.records import create_record
from palermo.register.models import Party
from palermo.review.models import Review
from tests.factories import UserFactory, published_case, signed_in
from tests.review.conftest import person, secretariat, two_reviews  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def counts(client) -> dict[str, int]:
    page = client.get("/en/").content.decode()
    found = re.findall(r'data-count="(\w+)">[^<]*?(\d[\d,]*)', page)
    return {name: int(number.replace(",", "")) for name, number in found}


def test_the_home_page_leads_to_every_part():
    page = Client().get("/en/").content.decode()
    for target in (
        "/en/register/parties/",
        "/en/register/instruments/",
        "/en/register/status-imports/",
        "/en/knowledge/",
        "/en/knowledge/records/",
        "/en/review/",
        "/en/review/summaries/",
        "/en/accounts/login/",
    ):
        assert f'href="{target}"' in page, target
    assert "/en/review/reviews/" not in page  # no "My reviews" for a visitor who cannot take part


def test_the_home_page_counts_what_the_visitor_may_see(two_reviews):  # noqa: F811
    first = two_reviews["first"]
    state = first["review"].state_under_review_id
    published_case("A published case", "Summary.")
    author = first["expert"]
    author.is_verified = lambda: True
    create_record(
        user=author,
        kind="case",
        fields={"title": "A draft", "jurisdiction_id": state, "date": date(2020, 1, 1)},
    )
    parties = Party.objects.count()
    assert counts(Client()) == {"parties": parties, "records": 1, "cycles": 0}
    assert counts(signed_in(Client(), UserFactory(role=Role.PUBLIC))) == {
        "parties": parties,
        "records": 1,
        "cycles": 0,
    }
    colleague = person(state)  # same authority as the author: reads its drafts
    assert counts(signed_in(Client(), colleague)) == {
        "parties": parties,
        "records": 2,
        "unpublished": 1,
        "cycles": 0,  # its draw is not published yet
        "reviews": 0,
    }
    reviewer = counts(signed_in(Client(), first["reviewing expert"]))  # of another State: no drafts
    assert reviewer["reviews"] == 1 and "unpublished" not in reviewer
    everything = counts(signed_in(Client(), UserFactory(role=Role.SECRETARIAT_ADMIN)))
    assert (everything["cycles"], everything["reviews"]) == (1, Review.objects.count())


def test_the_home_page_offers_a_signed_in_person_their_account():
    page = (
        signed_in(Client(), UserFactory(first_name="Vera", last_name="Visitor")).get("/en/").content.decode()
    )
    assert "Signed in as Vera Visitor (Public visitor)." in page
    assert 'href="/en/accounts/profile/"' in page and 'href="/en/accounts/profile/password/"' in page
