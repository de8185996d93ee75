"""The general review: cleared lists of observations counted by article, cluster, instrument and regional
group, as observations and States, the most frequent challenges first; only cleared lists, never a text;
outside the secretariat a count of fewer than five States is hidden on the page, in the CSV and the DOCX."""

import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document as DocxDocument

from palermo.accounts.models import Role
from palermo.conference import general_review
from palermo.review.models import Cluster, Observation, Review, ReviewCycle, StepDocument
from tests.conference.test_records import person
from tests.factories import signed_in

pytestmark = pytest.mark.django_db
WEOG = ["AUT", "FRA", "DEU", "ESP", "CAN", "NOR"]


@pytest.fixture
def cycle():
    secretariat = person(Role.SECRETARIAT_ADMIN)
    cycle = ReviewCycle.objects.create(
        number=7,
        reference_date=date(2020, 1, 1),
        first_year=2020,
        clusters_version="test",
        created_by=secretariat,
    )
    Cluster.objects.create(
        cycle=cycle,
        phase=1,
        title="Criminalization",
        titles={"fr": "Incrimination"},
        articles={},
        version="t",
    )

    def observations(state: str, state_of_list: str, *items: tuple[str, str]) -> None:
        review = Review.objects.create(
            cycle=cycle, state_under_review_id=state, instrument_id="UNTOC", group=1
        )
        document = StepDocument.objects.create(
            review=review,
            phase=1,
            kind="observations",
            party_id=state,
            state=state_of_list,
            updated_by=secretariat,
        )
        for category, article in items:
            Observation.objects.create(
                document=document,
                category=category,
                article=article,
                text=f"Secret finding of {state}",
                added_by=secretariat,
            )

    for state in WEOG:  # six States with a gap on article 5, two of them twice
        observations(state, "cleared", ("gap", "5"), *([("gap", "5")] if state in ("AUT", "FRA") else []))
    observations("BRA", "cleared", ("gap", "23"), ("good_practice", "5"))
    observations("MEX", "draft", ("gap", "23"), ("gap", "23"))  # not cleared: never counted
    return cycle


def test_counts_by_article_most_frequent_challenges_first(cycle):
    lines = general_review.table("article", full=True)
    assert [line.label for line in lines] == [
        "Organized Crime Convention, art. 5",
        "Organized Crime Convention, art. 23",
    ]
    five = lines[0].counts
    assert (five["gap"].observations, five["gap"].state_count) == (8, 6)
    assert (five["good_practice"].observations, five["good_practice"].state_count) == (1, 1)
    assert lines[1].counts["gap"].state_count == 1  # Brazil's; Mexico's list is a draft
    public = general_review.table("article", full=False)
    assert not public[0].counts["gap"].hidden and public[0].counts["good_practice"].hidden
    groups = {line.label: line for line in general_review.table("group", full=False)}
    assert groups["Western European and Others Group"].counts["gap"].state_count == 6
    assert groups["Latin American and Caribbean Group"].counts["gap"].hidden
    assert [line.label for line in general_review.table("cluster", full=True)] == ["Criminalization"]


def test_the_page_csv_and_docx_hide_small_counts_and_never_show_a_text(cycle):
    page = Client().get(reverse("conference:general_review"), {"by": "article"}).content.decode()
    assert "8 (6 States)" in page and "fewer than 5 States" in page
    assert "Secret finding" not in page
    csv = Client().get(reverse("conference:general_review_csv"), {"by": "group"}).content.decode("utf-8-sig")
    assert "Western European and Others Group,8,6" in csv and "fewer than 5 States" in csv
    assert "Secret" not in csv
    office = signed_in(Client(), person(Role.SECRETARIAT_ADMIN))
    full = office.get(reverse("conference:general_review_csv"), {"by": "group"}).content.decode("utf-8-sig")
    assert "Latin American and Caribbean Group,1,1" in full
    french = Client().get("/fr/conference/general-review.docx", {"cycle": "7"})
    document = DocxDocument(io.BytesIO(french.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "8 (6 États)" in cells and not any("Secret" in cell for cell in cells)
    assert Client().get(reverse("conference:general_review"), {"by": "nonsense"}).status_code == 404
    assert Client().get(reverse("conference:general_review"), {"cycle": "99"}).status_code == 404
