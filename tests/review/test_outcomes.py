"""Observations and summaries: drafted jointly by the review's delegations, cleared by the State under
review's focal point; the observations go to the working groups, the summary is published with its
translations — and nothing else of a review reaches the public or the API of outsiders."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from palermo.core.models import AuditEntry
from palermo.review.domain import outcomes, steps
from palermo.review.domain.cycles import ReviewError
from palermo.review.models import DocumentKind
from tests.factories import signed_in
from tests.review.test_questionnaire import saq

pytestmark = pytest.mark.django_db


def joint(cast, kind):
    review = cast["review"]
    return steps.document(
        review=review, phase=1, kind=kind, party=review.state_under_review_id, user=cast["reviewing expert"]
    )


def test_observations_are_drafted_jointly_and_cleared_by_the_state_under_review(
    client, two_reviews, secretariat
):
    cast = two_reviews["first"]
    document = joint(cast, DocumentKind.OBSERVATIONS)
    with pytest.raises(ReviewError, match="no observation yet"):
        steps.move(document=document, user=cast["expert"], to_state="awaiting_clearance")
    outcomes.add_observation(
        document=document,
        user=cast["reviewing expert"],
        category="gap",
        article="5",
        text="No conspiracy offence.",
    )
    outcomes.add_observation(
        document=document, user=cast["expert"], category="good_practice", text="Specialised prosecutors."
    )
    with pytest.raises(ReviewError, match="not a draft you may change"):
        outcomes.add_observation(document=document, user=cast["observer"], category="gap", text="x")
    with pytest.raises(ReviewError, match="Article 99 is not in this questionnaire"):
        outcomes.add_observation(
            document=document, user=cast["expert"], category="gap", article="99", text="x"
        )
    document = steps.move(document=document, user=cast["reviewing expert"], to_state="awaiting_clearance")
    assert steps.allowed_moves(cast["reviewing focal point"], document) == []  # the State under review clears
    assert outcomes.observations_for_working_groups(cast["review"].cycle).count() == 0
    steps.move(document=document, user=cast["focal point"], to_state="cleared")
    assert [o.text for o in outcomes.observations_for_working_groups(cast["review"].cycle)] == [
        "No conspiracy offence.",
        "Specialised prosecutors.",
    ]
    signed_in(client, secretariat)
    exported = client.get(
        reverse("review:observations_csv", args=[cast["review"].cycle.number])
    ).content.decode()
    assert "No conspiracy offence." in exported
    client.logout()
    signed_in(client, cast["focal point"])
    assert (
        client.get(reverse("review:observations_csv", args=[cast["review"].cycle.number])).status_code == 404
    )


def cleared_summary(cast):
    document = joint(cast, DocumentKind.SUMMARY)
    steps.save_text(
        document=document, user=cast["reviewing expert"], text="The State has...", expected_version=1
    )
    steps.move(document=document, user=cast["expert"], to_state="awaiting_clearance")
    return steps.move(document=document, user=cast["focal point"], to_state="cleared")


def test_the_secretariat_publishes_a_cleared_summary_with_its_translations(
    two_reviews, secretariat, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    cast = two_reviews["first"]
    document = cleared_summary(cast)
    public = Client()
    with pytest.raises(ReviewError, match="at least one language"):
        outcomes.publish_summary(document=document, user=secretariat)
    with pytest.raises(ReviewError, match="Only the secretariat"):
        outcomes.set_translation(document=document, user=cast["focal point"], language="en", text="x")
    outcomes.set_translation(
        document=document, user=secretariat, language="en", text="The State has adopted..."
    )
    pdf = SimpleUploadedFile("résumé.pdf", b"%PDF-1.4 resume", content_type="application/pdf")
    outcomes.set_translation(
        document=document, user=secretariat, language="fr", text="L’État a adopté...", upload=pdf
    )
    assert public.get(reverse("review:summary", args=[document.pk])).status_code == 404  # not yet published
    document = outcomes.publish_summary(document=document, user=secretariat)
    assert steps.allowed_moves(cast["focal point"], document) == []  # a published summary stays as published
    page = public.get(reverse("review:summary", args=[document.pk])).content.decode()
    assert "The State has adopted..." in page
    french = public.get("/fr" + reverse("review:summary", args=[document.pk])[3:]).content.decode()
    assert "L’État a adopté..." in french
    listing = public.get(reverse("review:summaries")).content.decode()
    assert cast["review"].state_under_review.name in listing
    pdf_download = public.get(reverse("review:summary_file", args=[document.pk, "fr"]))
    assert pdf_download.status_code == 200 and pdf_download["Content-Type"] == "application/pdf"
    api = public.get("/api/v1/review/summaries/").json()
    assert api["results"][0]["translations"]["fr"] == "L’État a adopté..."
    assert AuditEntry.objects.filter(action="review.summary.published").exists()


def test_the_api_gives_documents_only_to_those_who_may_read_them(client, two_reviews):
    cast = two_reviews["first"]
    document = saq(cast)
    signed_in(client, cast["expert"])
    mine = client.get("/api/v1/review/documents/").json()
    assert [d["id"] for d in mine["results"]] == [document.pk]
    assert mine["results"][0]["content"][1]["article"] == "5"
    for viewer in (cast["reviewing expert"], two_reviews["second"]["expert"]):
        client.logout()
        signed_in(client, viewer)
        assert (
            client.get("/api/v1/review/documents/").json()["results"] == []
        )  # a draft of another delegation
        assert client.get(f"/api/v1/review/documents/{document.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/api/v1/review/documents/{document.pk}/").status_code in (403, 404)
