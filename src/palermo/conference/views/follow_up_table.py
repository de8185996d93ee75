"""The rows of the follow-up page written in Python (format_html escapes every value): a session of 50
resolutions has 300 rows, and Django's template engine took ~40 ms to write them, half the page's budget
(issue 16: p95 < 100 ms; benchmarks/conference_follow_up.py)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator

ROW = (
    '<tr><th scope="row"><a href="{}">{}</a>{}<br><small dir="auto">{}</small></th>'
    '<td data-label="{}">{}</td><td data-label="{}">{}</td>{}</tr>'
)


def row_html(row: dict, labels: dict[str, str]) -> SafeString:
    """One paragraph's row; `labels`: asks, due, demo, own (when a State is chosen), nothing."""
    demo = format_html(' <span class="demo-label">{}</span>', labels["demo"]) if row["demo"] else ""
    due = (
        format_html('<time datetime="{}">{}</time>', row["due"].isoformat(), row["due_text"])
        if row["due"]
        else "—"
    )
    if "own" in labels:
        last = format_html('<td data-label="{}">{}</td>', labels["own"], row["own"] or labels["nothing"])
    else:
        last = format_html_join(
            "",
            '<td class="number" data-label="{}">{}</td>',
            ((label, count) for label, count in row["counts"]),
        )
    text = Truncator(row["text"]).words(24)
    return format_html(
        ROW, row["url"], row["name"], demo, text, labels["asks"], row["asks"], labels["due"], due, last
    )


def rows_html(rows: list[dict], labels: dict[str, str]) -> SafeString:
    return SafeString("\n".join(row_html(row, labels) for row in rows))
