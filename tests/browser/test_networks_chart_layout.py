"""A large link chart laid out in the browser: at hundreds of entities the organic layout runs fCoSE's
draft, which puts the entities with the same links on one spot (hundreds around a hub); the chart then
spreads them so that no entity hides another, keeps pinned entities where they are, and shows the whole."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_accounts_walkthrough import sign_in
from tests.cooperation.conftest import world  # noqa: F401 (fixture)
from tests.factories import totp_device
from tests.networks.conftest import inquiry  # noqa: F401 (fixture)
from tests.networks.graph_world import graph_world

pytestmark = pytest.mark.browser

# 5 hubs, each with 80 entities linked to it alone (the draft gives those 80 one place), and a ring
# through the hubs; one leaf pinned at a place of its own.
STAR_OF_HUBS = """() => {
  const cy = document.getElementById("chart-canvas")._cyreg.cy;
  const elements = [];
  for (let h = 0; h < 5; h++) {
    elements.push({ group: "nodes", data: { id: `hub-${h}`, label: `Hub ${h}`, colour: "#005b96" } });
    elements.push({ group: "edges", data: { id: `ring-${h}`, source: `hub-${h}`, target: `hub-${(h + 1) % 5}`, label: "" } });
    for (let l = 0; l < 80; l++) {
      elements.push({ group: "nodes", data: { id: `leaf-${h}-${l}`, label: `Leaf ${h}.${l}`, colour: "#2e7d32" } });
      elements.push({ group: "edges", data: { id: `link-${h}-${l}`, source: `leaf-${h}-${l}`, target: `hub-${h}`, label: "" } });
    }
  }
  cy.add(elements);
  const pinned = cy.getElementById("leaf-0-0");
  pinned.position({ x: 5000, y: 5000 });
  pinned.lock();
  return cy.nodes().length;
}"""
PLACES = """() => {
  const cy = document.getElementById("chart-canvas")._cyreg.cy;
  const points = cy.nodes().map((node) => node.position());
  let closest = Infinity;
  for (let a = 0; a < points.length; a++) for (let b = a + 1; b < points.length; b++) {
    closest = Math.min(closest, Math.hypot(points[a].x - points[b].x, points[a].y - points[b].y));
  }
  const extent = cy.extent(), box = cy.nodes().boundingBox();
  return {
    closest,
    pinned: cy.getElementById("leaf-0-0").position(),
    all_in_view: box.x1 >= extent.x1 && box.x2 <= extent.x2 && box.y1 >= extent.y1 && box.y2 <= extent.y2,
  };
}"""


def test_hundreds_of_entities_are_laid_out_with_none_on_another(page, inquiry):  # noqa: F811
    graph_world(inquiry)
    lead = inquiry["lead"]
    sign_in(page, lead, totp_device(lead))
    page.goto(f"/en/networks/investigations/{inquiry.investigation.pk}/chart/?entity=sole")
    expect(page.locator("#chart-status")).to_contain_text("on the chart")
    assert page.evaluate(STAR_OF_HUBS) > 405
    page.get_by_role("button", name="Lay out again").click()
    places = page.evaluate(PLACES)
    assert places["closest"] >= 30  # an entity is 22 px wide, 30 with its widest border
    assert places["pinned"] == {"x": 5000, "y": 5000}
    assert places["all_in_view"]
