"""The pages and API of entity resolution: analysts and leads judge, viewers read, outsiders get 404 on
every address; judging shows the next pair."""

import pytest
from django.test import Client
from django.urls import reverse

from palermo.networks.models import Candidate, Entity, Judgement, Verdict
from tests.factories import signed_in
from tests.networks.conftest import OUTSIDERS
from tests.networks.resolution_world import judging, person, ready_source, search

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(inquiry):
    """Three records of Zakharov and one of someone else, searched; one pair judged the same."""
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    source = ready_source(investigation, analyst, "italy.ftm.json")
    person(investigation, analyst, source, "a", "Aleksandr Zakharov", line=1, birthDate="1971-03-02")
    person(investigation, analyst, source, "b", "Aleksandr Zakharov", line=2)
    person(investigation, analyst, source, "c", "Alexandr Zakharov", line=3, nationality="ru")
    search(investigation, analyst)
    first = Candidate.objects.get(investigation=investigation, left_id="a", right_id="b")
    judgement = judging.judge(candidate=first, verdict=Verdict.POSITIVE, user=analyst)
    inquiry.pair = Candidate.objects.filter(investigation=investigation, judgement__isnull=True).first()
    inquiry.judgement = judgement
    return inquiry


def page_urls(inquiry) -> list[str]:
    pk, pair = inquiry.investigation.pk, inquiry.pair
    return [
        reverse("networks:candidates", args=[pk]),
        reverse("networks:candidate", args=[pk, pair.pk]),
        reverse("networks:judgements", args=[pk]),
        reverse("networks:hits", args=[pk]),
        reverse("networks:resolve_progress", args=[pk, pair.run_id]),
        f"/api/v1/networks/investigations/{pk}/candidates/",
        f"/api/v1/networks/investigations/{pk}/candidates/{pair.pk}/",
        f"/api/v1/networks/investigations/{pk}/judgements/",
        f"/api/v1/networks/investigations/{pk}/hits/",
    ]


def write_urls(inquiry) -> list[tuple[str, dict]]:
    pk, pair = inquiry.investigation.pk, inquiry.pair
    return [
        (reverse("networks:resolve_start", args=[pk]), {}),
        (reverse("networks:candidate_judge", args=[pk, pair.pk]), {"verdict": "positive"}),
        (reverse("networks:judgement_undo", args=[pk, inquiry.judgement.pk]), {}),
        (f"/api/v1/networks/investigations/{pk}/candidates/search/", {}),
        (f"/api/v1/networks/investigations/{pk}/candidates/{pair.pk}/judgement/", {"verdict": "positive"}),
        (f"/api/v1/networks/investigations/{pk}/judgements/{inquiry.judgement.pk}/undo/", {}),
    ]


@pytest.mark.parametrize("name", OUTSIDERS)
def test_every_resolution_address_is_404_for_an_outsider(reviewed, name):
    client = signed_in(Client(), reviewed[name])
    for url in page_urls(reviewed):
        assert client.get(url).status_code == 404, url
    for url, data in write_urls(reviewed):
        assert client.post(url, data).status_code == 404, url
    assert Judgement.objects.filter(investigation=reviewed.investigation).count() == 1


def test_a_viewer_reads_every_page_but_judges_nothing(reviewed):
    client = signed_in(Client(), reviewed["viewer"])
    for url in page_urls(reviewed):
        assert client.get(url).status_code == 200, url
    review = client.get(reverse("networks:candidate", args=[reviewed.investigation.pk, reviewed.pair.pk]))
    assert b'name="verdict"' not in review.content
    for url, data in write_urls(reviewed):
        assert client.post(url, data).status_code == 404, url
    assert Judgement.objects.filter(investigation=reviewed.investigation, undone_at__isnull=True).count() == 1


def test_the_review_shows_both_sides_with_each_values_source_and_the_features(reviewed):
    client = signed_in(Client(), reviewed["analyst"])
    page = client.get(reverse("networks:candidate", args=[reviewed.investigation.pk, reviewed.pair.pk]))
    text = page.content.decode()
    assert "Alexandr Zakharov" in text and "Aleksandr Zakharov" in text
    assert "italy.ftm.json" in text and "line 3" in text and "1971-03-02" in text
    assert "2 records merged" in text
    assert 'name="verdict" value="negative"' in text
    # Countries by their names, not their codes; properties by their labels, not FtM's names.
    assert "Russian Federation" in text and ">ru<" not in text
    assert "Birth date" in text and ">birthDate<" not in text and ">nationality<" not in text


def test_an_analyst_judges_and_is_shown_the_next_pair_or_the_list(reviewed):
    investigation = reviewed.investigation
    client = signed_in(Client(), reviewed["analyst"])
    url = reverse("networks:candidate_judge", args=[investigation.pk, reviewed.pair.pk])
    response = client.post(url, {"verdict": "negative"})
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:candidates", args=[investigation.pk])
    judgement = Judgement.objects.get(investigation=investigation, verdict=Verdict.NEGATIVE)
    assert (judgement.by, judgement.undone_at) == (reviewed["analyst"], None)


def test_htmx_judging_answers_with_the_next_pair_and_its_address(reviewed):
    investigation, analyst = reviewed.investigation, reviewed["analyst"]
    source = ready_source(investigation, analyst, "brazil.ftm.json")
    person(investigation, analyst, source, "d", "Maria Ivanova", line=1)
    person(investigation, analyst, source, "e", "Maria Ivanova", line=2)
    search(investigation, analyst)
    pairs = list(
        Candidate.objects.filter(investigation=investigation, judgement__isnull=True).order_by("-score", "pk")
    )
    assert len(pairs) == 2
    client = signed_in(Client(), analyst)
    url = reverse("networks:candidate_judge", args=[investigation.pk, pairs[0].pk])
    response = client.post(url, {"verdict": "unsure"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Push-Url"] == reverse("networks:candidate", args=[investigation.pk, pairs[1].pk])


def test_the_lead_splits_a_merged_entity_from_its_judgements(reviewed):
    investigation = reviewed.investigation
    client = signed_in(Client(), reviewed["lead"])
    merged = Entity.objects.get(investigation=investigation, entity_id="a").canonical_id
    listing = client.get(reverse("networks:judgements", args=[investigation.pk]), {"entity": merged})
    assert "Split" in listing.content.decode()
    client.post(
        reverse("networks:judgement_undo", args=[investigation.pk, reviewed.judgement.pk]), {"entity": merged}
    )
    assert dict(
        Entity.objects.filter(investigation=investigation).values_list("entity_id", "canonical_id")
    ) == {"a": "a", "b": "b", "c": "c"}


def test_the_api_judges_and_undoes_for_analysts(reviewed):
    investigation, pair = reviewed.investigation, reviewed.pair
    client = signed_in(Client(), reviewed["partner analyst"])
    base = f"/api/v1/networks/investigations/{investigation.pk}"
    listing = client.get(f"{base}/candidates/").json()
    assert [row["id"] for row in listing["results"]] == [pair.pk]
    detail = client.get(f"{base}/candidates/{pair.pk}/").json()
    assert {s["source_label"] for s in detail["right"]["statements"] + detail["left"]["statements"]} == {
        "italy.ftm.json"
    }
    refused = client.post(
        f"{base}/candidates/{pair.pk}/judgement/", {"verdict": "maybe"}, content_type="application/json"
    )
    assert refused.status_code == 400
    made = client.post(
        f"{base}/candidates/{pair.pk}/judgement/", {"verdict": "negative"}, content_type="application/json"
    )
    assert made.status_code == 201 and made.json()["verdict"] == "negative"
    undone = client.post(f"{base}/judgements/{made.json()['id']}/undo/")
    assert undone.status_code == 200 and undone.json()["undone_at"] is not None
    judgements = client.get(f"{base}/judgements/").json()["results"]
    assert [row["verdict"] for row in judgements] == ["negative", "positive"]


def queries_of(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_lists_ask_the_database_the_same_number_of_times_for_more_rows(reviewed):
    """No query per row: the candidates, the judgements and the hits pages."""
    investigation, analyst = reviewed.investigation, reviewed["analyst"]
    client = signed_in(Client(), analyst)
    pages = [
        reverse("networks:candidates", args=[investigation.pk]),
        reverse("networks:judgements", args=[investigation.pk]),
        reverse("networks:hits", args=[investigation.pk]),
    ]
    before = [queries_of(client, url) for url in pages]
    source = ready_source(investigation, analyst, "more.ftm.json")
    for number in range(6):
        person(investigation, analyst, source, f"m{number}", "Maria Ivanova", line=number + 1)
    search(investigation, analyst)
    for pair in Candidate.objects.filter(investigation=investigation, judgement__isnull=True)[:3]:
        judging.judge(candidate=pair, verdict=Verdict.NEGATIVE, user=analyst)
    assert Candidate.objects.filter(investigation=investigation, judgement__isnull=True).count() > 3
    assert [queries_of(client, url) for url in pages] == before


def test_numbers_beyond_the_database_are_404_not_errors(reviewed):
    client = signed_in(Client(), reviewed["analyst"])
    pk, huge = reviewed.investigation.pk, 2**70
    for url in (
        reverse("networks:candidate", args=[pk, huge]),
        reverse("networks:resolve_progress", args=[pk, huge]),
        f"/api/v1/networks/investigations/{pk}/candidates/{huge}/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        reverse("networks:candidate_judge", args=[pk, huge]),
        reverse("networks:judgement_undo", args=[pk, huge]),
        f"/api/v1/networks/investigations/{pk}/judgements/{huge}/undo/",
    ):
        assert client.post(url, {"verdict": "positive"}).status_code == 404, url
