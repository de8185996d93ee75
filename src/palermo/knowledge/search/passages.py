"""The searchable paragraphs of a record, each with the anchor that links a search hit to it."""

from dataclasses import dataclass

from palermo.knowledge.models import Record


@dataclass(frozen=True)
class Passage:
    """A searchable paragraph of a record; `anchor` links a hit to it on the record page."""

    anchor: str
    language: str
    text: str


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs, as the index numbers them (anchors `<field>-<n>` count these)."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def passages_of(record: Record) -> list[Passage]:
    """Every searchable paragraph of a record, each with a stable anchor for links to it."""
    return [Passage(anchor, language, text) for anchor, language, text in paragraph_items(record)]


def paragraph_items(record) -> list[tuple[str, str, str]]:
    """(anchor, language, text) of every searchable paragraph of a record, in the index's order (the
    indexer reads these tuples: a million records do not need a Passage each)."""
    default = record.text_language or "en"
    items: list[tuple[str, str, str]] = [("title", default, record.title)]
    for field in ("summary", "commentary"):
        for language, text in sorted((getattr(record, field) or {}).items()):
            items += [
                (f"{field}-{language}-{i}", language, p) for i, p in enumerate(paragraphs(text), start=1)
            ]
    items += [(f"text-{i}", default, p) for i, p in enumerate(paragraphs(record.text), start=1)]
    detail = getattr(record, record.kind, None)
    if record.kind == "case" and detail is not None:
        items += [("court", default, detail.court)]
        items += [
            (f"history-{i}", default, p) for i, p in enumerate(paragraphs(detail.procedural_history), 1)
        ]
        items += [(f"ruling-{i}", default, p) for i, p in enumerate(paragraphs(detail.latest_ruling), 1)]
    elif record.kind == "legislation" and detail is not None:
        items += [("law", default, f"{detail.law_title} {detail.provision}")]
    elif record.kind == "bibliography" and detail is not None:
        items += [("publication", default, " ".join([*detail.authors, detail.publisher, *detail.keywords]))]
    elif record.kind == "strategy" and detail is not None:
        items += [("strategy", default, detail.issuing_body)]
    return [(anchor, language, text) for anchor, language, text in items if text and text.strip()]
