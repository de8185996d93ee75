"""The review list is paginated, searchable by State and filtered by cycle, instrument, phase and the
self-assessment's status; bad filters are a form error, never a 500."""

import re

import pytest
from django.test import Client

from palermo.review.domain import steps
from palermo.review.models import Review
from tests.factories import signed_in

pytestmark = pytest.mark.django_db
URL = "/en/review/reviews/"


def rows(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/en/review/reviews/(\d+)/">', page)


def test_the_secretariat_sees_every_review_a_page_at_a_time(
    two_reviews, secretariat, django_assert_max_num_queries
):
    client = signed_in(Client(), secretariat)
    total = Review.objects.count()
    assert total > 100
    with django_assert_max_num_queries(20):
        first = client.get(URL).content.decode()
    assert len(rows(first)) == 50
    assert f"1\N{EN DASH}50 of {total}" in first and f"Page 1 of {(total + 49) // 50}" in first
    second = client.get(URL, {"page": 2}).content.decode()
    assert len(rows(second)) == 50 and not set(rows(first)) & set(rows(second))
    last = client.get(URL, {"page": "9999"}).content.decode()  # past the end: the last page
    assert len(rows(last)) == (total % 50 or 50)


def test_the_list_is_searched_by_state_name_and_filtered(two_reviews, secretariat):
    client = signed_in(Client(), secretariat)
    review = two_reviews["first"]["review"]
    state = review.state_under_review
    found = rows(client.get(URL, {"q": state.name.lower()[:5]}).content.decode())
    assert str(review.pk) in found and len(found) < 50
    by_code = rows(client.get(URL, {"q": state.code}).content.decode())
    assert set(by_code) == {str(r.pk) for r in Review.objects.filter(state_under_review=state)}
    saq = steps.document(
        review=review, phase=1, kind="self_assessment", party=state.code, user=two_reviews["first"]["expert"]
    )
    assert saq.state == "draft"
    drafts = client.get(URL, {"phase": 1, "status": "draft"}).content.decode()
    assert rows(drafts) == [str(review.pk)] and "<td>Draft</td>" in drafts
    assert str(review.pk) not in rows(
        client.get(URL, {"phase": 1, "status": "not_started", "q": state.code}).content.decode()
    )
    assert rows(client.get(URL, {"phase": 2, "status": "draft"}).content.decode()) == []
    assert "No review matches these filters." in client.get(URL, {"q": "Atlantis"}).content.decode()
    assert rows(
        client.get(URL, {"cycle": review.cycle.number, "instrument": "TIP", "q": state.code}).content.decode()
    ) == [str(r.pk) for r in Review.objects.filter(state_under_review=state, instrument="TIP")]


def test_bad_filters_are_named_not_a_server_error(two_reviews, secretariat):
    client = signed_in(Client(), secretariat)
    response = client.get(URL, {"cycle": "abc", "phase": "9", "status": "lost"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('role="alert" data-form-error') == 3


def test_a_participant_lists_only_their_reviews(two_reviews):
    client = signed_in(Client(), two_reviews["first"]["expert"])
    assert rows(client.get(URL).content.decode()) == [str(two_reviews["first"]["review"].pk)]
