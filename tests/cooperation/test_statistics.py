"""The secretariat's counts of requests: no cell under 5, and no hidden cell recoverable from the totals
or from the other years."""

import uuid
from datetime import date

import pytest

from palermo.cooperation.domain.statistics import ALL, FEWER, TOTAL, WITHHELD, request_statistics, suppress
from palermo.cooperation.models import Request, RequestState

pytestmark = pytest.mark.django_db
S = RequestState


def requests(
    world, number, *, frm="prosecution", to="brazil", kind="mla", state=S.EXECUTED, year=2025, days=30
):
    sent_on = date(year, 3, 1)
    Request.objects.bulk_create(
        Request(
            reference=f"T-{uuid.uuid4().hex[:30]}",
            kind=kind,
            requesting_authority=world.authorities[frm],
            requested_authority=world.authorities[to],
            state=state,
            sent_on=sent_on,
            closed_on=date.fromordinal(sent_on.toordinal() + days) if state == S.EXECUTED else None,
        )
        for n in range(number)
    )


def counts(table):
    return {row.key: (row.count, row.hidden) for row in table.rows}


def test_cells_under_five_are_hidden_and_a_lone_hidden_cell_takes_another_with_it(world):
    requests(world, 12, kind="mla")
    requests(world, 6, kind="extradition", to="france", state=S.REFUSED)
    requests(world, 2, kind="confiscation", state=S.IN_EXECUTION)
    requests(world, 3, kind="mla", state=S.DRAFT)  # drafts are not counted
    statistics = request_statistics()
    by_kind = statistics.table("kind")
    # 2 confiscation requests are hidden; alone, 20 - 12 - 6 would give them away: the smallest other
    # cell of the line (extradition, 6) is withheld too
    assert counts(by_kind) == {
        "mla": (12, ""),
        "extradition": (None, WITHHELD),
        "confiscation": (None, FEWER),
    }
    assert (by_kind.total.count, by_kind.total.hidden) == (20, "")
    assert counts(statistics.table("outcome")) == {
        "executed": (12, ""),
        "refused": (None, WITHHELD),
        "pending": (None, FEWER),
    }
    assert counts(statistics.table("pair")) == {"ITA-BRA": (14, ""), "ITA-FRA": (6, "")}
    assert "Italy" in statistics.table("pair").rows[0].label


def test_no_cell_under_five_anywhere_and_no_names_or_references(world):
    requests(world, 4, kind="mla")
    statistics = request_statistics()
    shown = statistics.to_json()
    for table in shown["tables"]:
        for cell in [*table["rows"], table["total"]]:
            assert cell["count"] is None or cell["count"] == 0 or cell["count"] >= 5
    assert "T-" not in str(shown) and world.authorities["brazil"].name not in str(shown)
    assert shown["time_to_execution"][0] == {
        "kind": "mla",
        "label": "Mutual legal assistance (art. 18)",
        "days": None,
    }


def test_a_year_hidden_is_not_recovered_from_all_years_minus_the_others(world):
    requests(world, 7, kind="mla", year=2024)
    requests(world, 3, kind="mla", year=2025)
    requests(world, 9, kind="extradition", year=2024)
    requests(world, 8, kind="extradition", year=2025)
    all_years = counts(request_statistics().table("kind"))
    in_2024 = counts(request_statistics(year=2024).table("kind"))
    in_2025 = counts(request_statistics(year=2025).table("kind"))
    # 2025's 3 mla requests are hidden; all years (10) minus 2024 would give them away, and so would
    # 2025's total minus extradition: every cell of the two years is hidden, the margins are shown, and
    # the four hidden cells are known only up to one free number (a 2025 mla count of 1, 2, 3 or 4)
    assert in_2025 == {"mla": (None, FEWER), "extradition": (None, WITHHELD)}
    assert in_2024 == {"mla": (None, WITHHELD), "extradition": (None, WITHHELD)}
    assert all_years == {"mla": (10, ""), "extradition": (17, "")}
    assert request_statistics(year=2025).table("kind").total.count == 11


def test_suppression_leaves_no_line_with_a_single_hidden_cell():
    grid = {
        ("a", 2024): 7, ("a", 2025): 3, ("b", 2024): 9, ("b", 2025): 8,
        ("a", ALL): 10, ("b", ALL): 17, (TOTAL, 2024): 16, (TOTAL, 2025): 11, (TOTAL, ALL): 27,
    }  # fmt: skip
    hidden = suppress(grid, ["a", "b"], [2024, 2025])
    assert hidden[("a", 2025)] == FEWER
    lines = [[(c, y) for y in (2024, 2025, ALL)] for c in ("a", "b", TOTAL)]
    lines += [[(c, y) for c in ("a", "b", TOTAL)] for y in (2024, 2025, ALL)]
    assert all(sum(cell in hidden for cell in line) != 1 for line in lines)


def test_median_days_to_execution_by_kind_from_five_requests(world):
    for days in (10, 20, 30, 40, 50):
        requests(world, 1, kind="mla", days=days)
    statistics = request_statistics()
    assert [m.to_json() for m in statistics.time_to_execution if m.kind == "mla"] == [
        {"kind": "mla", "label": "Mutual legal assistance (art. 18)", "days": 30.0}
    ]
    assert counts(statistics.table("kind")) == {"mla": (5, "")}
