"""Screening and seized assets in the browser: an analyst loads a watch list, the investigation is
screened, the hit shows on the screening tab, the entity page and the chart's legend, and is confirmed;
then every page of the network at phone width in Arabic and French, wallet addresses and all, fits the
screen without a console error."""

import json
import re
import time

import pytest
from playwright.sync_api import expect

from palermo.core.jobs import run_pending
from palermo.networks.domain.analysis import start_analysis
from palermo.networks.models import WatchList
from tests.browser.test_accounts_walkthrough import sign_in
from tests.cooperation.conftest import world  # noqa: F401 (fixture)
from tests.factories import totp_device
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)
from tests.networks.entities_world import entity
from tests.networks.graph_world import graph_world
from tests.networks.test_screening import LISTED

pytestmark = pytest.mark.browser


def test_an_analyst_loads_a_list_and_reviews_the_hits(page, inquiry, tmp_path):  # noqa: F811
    sources = graph_world(inquiry)
    investigation, analyst = inquiry.investigation, inquiry["analyst"]
    entity(
        investigation,
        analyst,
        sources["italy"],
        "AssetMeasure",
        "measure-1",
        measureType="freezing",
        asset="wallet",
        amount="0.6",
        currency="BTC",
        date="2025-06-03",
        authority="Procura di Palermo",
    )
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    sign_in(page, analyst, totp_device(analyst))

    page.goto("/en/networks/investigations/")
    page.get_by_role("link", name="Watch lists").click()
    listed = tmp_path / "sanctions.ftm.json"
    listed.write_text("\n".join(json.dumps(item) for item in LISTED) + "\n")
    page.get_by_label("Name").fill("Consolidated sanctions")
    page.get_by_label("File").set_input_files(str(listed))
    page.get_by_role("button", name="Load", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("The list is being loaded.")
    # The live server's thread queued the load: run it (and the screening it queues) once it is seen here.
    for _ in range(50):
        run_pending()
        if WatchList.objects.filter(state="ready").exists():
            break
        time.sleep(0.1)
    page.reload()
    expect(page.locator("#watch-lists")).to_contain_text("Ready")

    page.goto(f"/en/networks/investigations/{investigation.pk}/screening/")
    hits = page.locator("#screening-hits tbody tr")
    expect(hits.filter(has_text="Giuseppe LO RUSSO")).to_have_count(1)
    hits.filter(has_text="Giuseppe LO RUSSO").get_by_role("button", name="Confirm").click()
    expect(page.locator(".messages")).to_contain_text("The decision is recorded.")
    expect(hits.filter(has_text="Giuseppe LO RUSSO")).to_contain_text("Confirmed: the same")

    hits.filter(has_text="Giuseppe LO RUSSO").get_by_role("link").first.click()
    expect(page.get_by_role("heading", name="On watch lists")).to_be_visible()
    page.get_by_role("link", name="Open in the link chart").click()
    expect(page.locator("#chart-legend")).to_contain_text("On a watch list")
    expect(page.locator("#chart-nodes tbody tr", has_text="Giuseppe Lo Russo")).to_contain_text(
        "On a watch list"
    )

    page.get_by_role("link", name="Seized assets").click()
    expect(page.locator("#asset-measures")).to_contain_text("Procura di Palermo")

    # The analysis lists wallets among the articulation points and the core: their addresses must wrap.
    start_analysis(investigation=investigation, user=analyst)
    run_pending()
    page.set_viewport_size({"width": 390, "height": 844})
    for language in ("ar", "fr"):
        for path in ("screening/", "assets/", "analysis/", "entities/wallet/", "money/?from=lorusso"):
            page.goto(f"/{language}/networks/investigations/{investigation.pk}/{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, (language, path)
    assert re.match(r"^$", "".join(errors)), errors
