"""Importing a table with a mapping in the browser, as issue 14 walks through it: an analyst uploads a CSV
of people with its FtM mapping, watches the import's progress, finds a person among the entities and sees
each value's source and line; at phone width the tables scroll on their own."""

import pytest
from playwright.sync_api import expect

from palermo.core.jobs import run_pending
from palermo.networks.interfaces.source_forms import MAPPING_EXAMPLE
from tests.browser.test_accounts_walkthrough import sign_in
from tests.cooperation.conftest import world  # noqa: F401 (fixture)
from tests.factories import totp_device
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

PEOPLE = (
    "id,full_name,dob,nationality\n"
    "1,Aleksandr Zakharov,1971-03-02,ru\n"
    "2,Ana Lúcia Ferreira,1980-11-23,br\n"
    "3,Giuseppe Lupo,1965-07-14,it\n"
)


def test_a_table_with_a_mapping_is_imported_with_its_progress_shown(page, inquiry, tmp_path):  # noqa: F811
    analyst, investigation = inquiry["analyst"], inquiry.investigation
    table = tmp_path / "people.csv"
    table.write_text(PEOPLE, encoding="utf-8")
    sign_in(page, analyst, totp_device(analyst))

    page.goto(f"/en/networks/investigations/{investigation.pk}/sources/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sources and imports")
    page.get_by_label("Table with a mapping").check()
    page.locator("#id_file").set_input_files(str(table))
    page.get_by_label("Mapping (YAML)").fill(MAPPING_EXAMPLE)
    page.get_by_role("button", name="Import").click()

    # The source's page polls the job; the worker's work is done here by draining the queue.
    expect(page.get_by_role("heading", level=1)).to_have_text("people.csv")
    expect(page.locator(".job-progress")).to_be_visible()
    run_pending()
    expect(page.locator(".job-progress")).to_contain_text("done", timeout=10_000)
    expect(page.locator(".job-progress")).to_contain_text("4 of 4")  # the header is line 1, as in problems
    page.reload()
    expect(page.locator("#source-state")).to_have_text("Ready")

    # The imported people, found by a part of the name in any case, each value with its line.
    page.get_by_role("link", name="See the investigation's entities").click()
    page.get_by_label("Name contains").fill("ferreira")
    page.get_by_role("button", name="Show").click()
    rows = page.locator("#entities tbody tr")
    expect(rows).to_have_count(1)
    rows.get_by_role("link", name="Ana Lúcia Ferreira").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ana Lúcia Ferreira")
    birth = page.locator('#properties tr[data-prop="birthDate"]')
    expect(birth).to_contain_text("1980-11-23")
    expect(birth).to_contain_text("people.csv")
    expect(birth).to_contain_text("line 3")

    # At phone width the page does not widen: its tables scroll.
    page.set_viewport_size({"width": 390, "height": 844})
    for url in (
        f"/en/networks/investigations/{investigation.pk}/sources/",
        f"/en/networks/investigations/{investigation.pk}/entities/",
        page.url,
    ):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
