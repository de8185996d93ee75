"""Every view of an investigation's network (entities, chart with its tables, analysis, follow the money,
seized assets, timeline, map), in French, Russian, Spanish and Arabic, on a wide screen and a phone: no word
is broken in the middle (tests/browser/words.py), and measures are named in the reader's language."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accounts_walkthrough import sign_in
from tests.browser.words import broken_words
from tests.cooperation.conftest import world  # noqa: F401 (fixture)
from tests.factories import totp_device
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)
from tests.networks.test_graph_assets import measures_world

pytestmark = pytest.mark.browser

VIEWS = ["entities/", "chart/?ids=sole,rossi,wallet", "analysis/", "money/", "assets/", "timeline/", "map/"]


@pytest.mark.parametrize("width", [1280, 390])
def test_no_word_is_broken_in_any_view_of_the_network(page, inquiry, width):  # noqa: F811
    measures_world(inquiry)
    lead = inquiry["lead"]
    sign_in(page, lead, totp_device(lead))
    page.set_viewport_size({"width": width, "height": 900})
    problems = {}
    for language in ("fr", "ru", "es", "ar"):
        for view in VIEWS:
            page.goto(f"/{language}/networks/investigations/{inquiry.investigation.pk}/{view}")
            expect(page.locator("h1")).to_be_visible()
            if view.startswith("chart"):
                expect(page.locator("#chart-nodes tbody tr").first).to_be_visible()
            found = broken_words(page)
            if found:
                problems[f"{language} {view}"] = found
    assert problems == {}
