"""Speed is measured in benchmarks (benchmarks/, docs/benchmarks.md), never asserted in a test: a test that
checks wall-clock time fails on a busy machine (CI runs SQLite and PostgreSQL side by side) and proves
nothing about the code. Waiting with a deadline (polling for a job) is allowed; asserting a duration is not."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
TIMED = re.compile(r"assert[^\n]*\b(?:monotonic|perf_counter|time)\(\)\s*-\s*\w+\s*<")


def test_no_test_asserts_how_long_something_took():
    found = [
        f"{path.relative_to(TESTS)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != Path(__file__).name
        for text in [path.read_text()]
        for match in TIMED.finditer(text)
    ]
    assert not found, f"durations asserted in tests (measure them in benchmarks/): {found}"
