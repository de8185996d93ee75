"""Property tests of the status-table parser: any text gives rows or problems, never an exception."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from palermo.register.interfaces.treaty_status import parse_date, parse_table

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@settings(max_examples=300)
@given(st.text())
def test_any_text_gives_rows_or_problems(text):
    table = parse_table(text, "fuzz.txt")
    assert table.rows or table.problems
    for problem in table.problems:
        assert problem.file == "fuzz.txt" and problem.message


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(["", "A", "AA", "a", "d"]),
)
def test_dates_in_the_un_format_read_back(day, suffix):
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}" + (f" {suffix}" if suffix else "")
    assert parse_date(text) == (day, suffix, None)
    assert parse_date("  " + text + " 3") == (day, suffix, None)  # leading spaces, footnote after


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Albania", "Republic of Korea", "Côte d'Ivoire", "Niue"]),
            st.dates(min_value=date(2000, 1, 1), max_value=date(2015, 1, 1)),
        ),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from([",", "\t"]),
)
def test_csv_and_tab_tables_read_the_same(rows, separator):
    header = separator.join(["Participant", "Signature", "Ratification"])
    body = "\n".join(
        separator.join([name, "", f"{d.day} {MONTHS[d.month - 1]} {d.year} a"]) for name, d in rows
    )
    text = (
        header
        + "\n"
        + body.replace("Côte d'Ivoire", '"Côte d\'Ivoire"' if separator == "," else "Côte d'Ivoire")
    )
    table = parse_table(text, "t")
    assert table.problems == []
    assert [(r.name, r.consent, r.consent_kind) for r in table.rows] == [(n, d, "accession") for n, d in rows]
