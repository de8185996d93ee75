"""A table that stacks at phone width (table.stack-on-phone) shows each cell under its column's name, which
the cell carries in data-label: a cell with content and no (or an empty) data-label would be a bare value on a
phone. Cells of controls (buttons,
forms) and cells across the row (a message) need none."""

from html.parser import HTMLParser


class StackedTables(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables: list[bool] = []  # per open table: does it stack?
        self.in_body = False
        self.cell: dict | None = None
        self.unlabelled: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "table":
            self.tables.append("stack-on-phone" in (values.get("class") or "").split())
        elif tag == "tbody":
            self.in_body = True
        elif tag == "td" and self.tables and self.tables[-1] and self.in_body:
            # A cell across the row (colspan) is a message such as "nothing yet", not a value of a column.
            # An empty data-label is no label: the value would stand bare on a phone.
            self.cell = {
                "labelled": bool((values.get("data-label") or "").strip()) or "colspan" in values,
                "text": [],
            }
        elif tag in ("button", "form", "select") and self.cell is not None:
            self.cell["labelled"] = True  # a cell of controls: each says what it does

    def handle_endtag(self, tag):
        if tag == "table" and self.tables:
            self.tables.pop()
        elif tag == "tbody":
            self.in_body = False
        elif tag == "td" and self.cell is not None:
            text = " ".join("".join(self.cell["text"]).split())
            if text and not self.cell["labelled"]:
                self.unlabelled.append(text[:60])
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"].append(data)


def unlabelled_cells(html: str) -> list[str]:
    """The text of the cells of stacking tables that carry no column name."""
    parser = StackedTables()
    parser.feed(html)
    parser.close()
    return parser.unlabelled
