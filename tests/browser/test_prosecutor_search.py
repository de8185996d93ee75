"""The issue's "Done" walk: a prosecutor finds cases of migrant smuggling by sea decided in West Africa since
2015 that apply UNTOC article 6, reads the paragraph, goes to the State's legislation and to the article's
text, and exports the list — here in French."""

import csv
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CASE = {
    "kind": "case",
    "title": "Ministère public c. K.D. et autres",
    "jurisdiction": "SEN",
    "date": "2017-03-09",
    "summary": {
        "fr": "Les prévenus ont organisé le trafic illicite de 140 migrants par mer vers les Canaries.\n\n"
        "Le produit du trafic a été blanchi par des transferts d’argent.",
        "en": "The defendants smuggled 140 migrants by sea towards the Canary Islands.",
    },
    "crime_types": ["smuggling-of-migrants", "money-laundering"],
    "facet_values": ["route/by-sea"],
    "articles": ["UNTOC:6", "SOM:6"],
    "detail": {"court": "Tribunal de grande instance de Dakar"},
}
OLD_CASE = {**CASE, "title": "Ministère public c. A.B.", "date": "2012-05-01"}
ELSEWHERE = {**CASE, "title": "Public Prosecutor v. X.Y.", "jurisdiction": "KEN"}
LAW = {
    "kind": "legislation",
    "title": "Loi n° 2005-06 relative à la lutte contre la traite des personnes",
    "jurisdiction": "SEN",
    "year": 2005,
    "text": "Est puni quiconque organise le trafic illicite de migrants.",
    "crime_types": ["smuggling-of-migrants"],
    "articles": ["SOM:6"],
    "detail": {"law_title": "Loi n° 2005-06"},
}


def test_the_prosecutors_search(page, tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in (CASE, OLD_CASE, ELSEWHERE, LAW)), encoding="utf-8")
    call_command("import_knowledge", str(path), state="published", stdout=StringIO())

    page.goto("/fr/knowledge/")
    page.get_by_placeholder("p. ex. trafic illicite de migrants par mer").fill("migrants")
    page.get_by_label("De l’année").fill("2015")
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"q=migrants.*year_from=2015"))  # htmx swapped the results in
    facets = page.locator("aside.facets")
    for facet in (
        "Trafic illicite de migrants",
        "Par mer",
        "Afrique occidentale",
        "Convention contre la criminalité organisée, art. 6",
    ):
        facets.get_by_role("link", name=facet, exact=True).click()
        expect(page.locator(".chip").last).to_contain_text(facet)
    results = page.locator("ol.hit-list > li")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Ministère public c. K.D. et autres")
    expect(results.first.locator("mark").first).to_have_text("migrants")

    with page.expect_download() as download_info:
        page.locator("#results").get_by_role("link", name="CSV").click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text(encoding="utf-8"))))
    assert [row["title"] for row in rows] == ["Ministère public c. K.D. et autres"]

    results.first.get_by_role("link", name="Ministère public c. K.D. et autres").click()
    expect(page).to_have_url(re.compile(r"#summary-fr-1$"))  # the hit opens at its paragraph
    expect(page.locator("#summary-fr-1")).to_contain_text("140 migrants par mer")

    page.get_by_role("link", name="Convention contre la criminalité organisée, art. 6").click()
    expect(page.locator(".article-text")).to_contain_text("Chaque État partie adopte")  # the French text
    page.go_back()
    page.get_by_role("link", name="Sénégal").click()
    expect(page.locator("main")).to_contain_text(
        "Loi n° 2005-06 relative à la lutte contre la traite des personnes"
    )
