"""At phone width (390 px), in a left-to-right and a right-to-left language, the networks tables whose rows
end in controls show each row as a block: the lead reaches the role select, "Change" and "Remove" of each
member, "Stop sharing", "Remove" of a source and "Split" of a judgement without scrolling sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accounts_walkthrough import sign_in
from tests.cooperation.conftest import world  # noqa: F401 (fixture)
from tests.factories import totp_device
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)
from tests.networks.test_walkthrough_fixes_ui import merged  # noqa: F401 (fixture: a judged pair, a source)

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def assert_on_screen(page, locator) -> None:
    """Visible and within the screen's width as the page opens: not in a part of its table that only
    scrolling sideways would show (its table does not scroll sideways at all)."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    table = locator.locator("xpath=ancestor::table[1]")
    assert table.evaluate("table => table.scrollWidth <= table.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_lead_reaches_every_control_of_the_networks_tables_on_a_phone(page, merged, language):  # noqa: F811
    investigation, lead = merged.investigation, merged["lead"]
    sign_in(page, lead, totp_device(lead))
    page.set_viewport_size(PHONE)
    base = f"/{language}/networks/investigations/{investigation.pk}"

    page.goto(f"{base}/members/")
    rows = page.locator("#members tbody tr")
    expect(rows).to_have_count(investigation.memberships.count())
    for row in (rows.first, rows.last):
        assert_on_screen(page, row.locator("select[name=role]"))
        assert_on_screen(page, row.locator("form.inline button[type=submit]"))
        assert_on_screen(page, row.locator("details.confirm > summary"))
    remove = rows.first.locator("details.confirm")
    remove.locator("summary").click()
    assert_on_screen(page, remove.locator("button[type=submit]"))
    assert_on_screen(page, page.locator("#shares details.confirm > summary").first)

    page.goto(f"{base}/sources/")
    assert_on_screen(page, page.locator("#sources details.confirm > summary").first)

    page.goto(f"{base}/judgements/")
    assert_on_screen(page, page.locator("#judgements button[type=submit]").first)
