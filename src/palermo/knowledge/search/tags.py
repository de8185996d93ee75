"""Records found by the names of what they are tagged with.

A query word is also looked for in the names of a record's crime types, facet values and cross-cutting
issues (the taxonomy's labels) and of its State and the countries concerned (the register's names, the
English name and its aliases), in all six languages, as if each name were one more paragraph of the record:
"trata de personas", "traite" or "Kuwait" find the records so tagged whatever the language of their text.
A word found in such a name counts as TAG_WEIGHT occurrences in the record's relevance, so tagged records
rank high.

The names are read at search time (the taxonomy and the register may rename at any time; nothing needs
re-indexing) and kept per process until they change: a few thousand names, a dictionary of their tokens.
Which records carry a tag comes from the snapshot's bitsets, so a word costs a few lookups and a bitwise OR.
"""

import threading
from bisect import bisect_left
from dataclasses import dataclass, field

import numpy as np

from palermo.knowledge.models import Vocabulary
from palermo.knowledge.search import labels
from palermo.knowledge.search.snapshot import Snapshot
from palermo.knowledge.search.text import tokens

TAG_WEIGHT = 3  # a query word in a tag's name counts as this many occurrences of it in the record
TERM_FACETS = {
    Vocabulary.CRIME_TYPE: "crime_type",
    Vocabulary.FACET_VALUE: "facet_value",
    Vocabulary.CROSS_CUTTING: "cross_cutting",
}
STATE = "state"  # a State's tag: the record's jurisdiction (facet "party") or a country concerned ("country")
FACETS_OF = {STATE: ("party", "country")}

Tag = tuple[str, object]  # (snapshot facet, value), such as ("crime_type", term id), or (STATE, "KWT")


@dataclass
class TagNames:
    """Every name of every tag as index tokens, with a token -> names dictionary for lookups."""

    names: list[tuple[tuple[str, ...], Tag]] = field(default_factory=list)
    by_token: dict[str, list[int]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)  # sorted, for prefixes

    def add(self, text: str, language: str, tag: Tag) -> None:
        found = tuple(tokens(text, language))
        if not found:
            return
        self.names.append((found, tag))
        for token in set(found):
            self.by_token.setdefault(token, []).append(len(self.names) - 1)

    def settle(self) -> None:
        self.vocabulary = sorted(self.by_token)

    def with_sequence(self, sequence: list[str] | tuple[str, ...]) -> set[Tag]:
        """The tags with a name holding these tokens one after the other."""
        if not sequence:
            return set()
        size, found = len(sequence), set()
        for index in self.by_token.get(sequence[0], ()):
            name, tag = self.names[index]
            if size == 1 or any(
                name[at : at + size] == tuple(sequence) for at in range(len(name) - size + 1)
            ):
                found.add(tag)
        return found

    def with_prefix(self, prefix: str) -> set[Tag]:
        """The tags with a name holding a token that starts with `prefix`."""
        found: set[Tag] = set()
        at = bisect_left(self.vocabulary, prefix)
        while at < len(self.vocabulary) and self.vocabulary[at].startswith(prefix):
            found.update(self.names[index][1] for index in self.by_token[self.vocabulary[at]])
            at += 1
        return found


def _names_of() -> dict[Tag, list[tuple[str, str]]]:
    """(text, language) of each tag's names: taxonomy labels; State names, English name and aliases."""
    found: dict[Tag, list[tuple[str, str]]] = {}
    for pk, (vocabulary, _slug, _parent, names) in labels.all_terms().items():
        if vocabulary in TERM_FACETS:
            found[TERM_FACETS[vocabulary], pk] = [
                (text, language) for language, text in names.items() if text
            ]
    for code, party in labels.parties().items():
        texts = [(text, language) for language, text in party.names.items() if text]
        texts += [(text, "en") for text in [party.name, *party.aliases] if text]
        found[STATE, code] = list(dict.fromkeys(texts))
    return found


_lock = threading.Lock()
_cached: tuple[int, TagNames] = (0, TagNames())


def tag_names() -> TagNames:
    """The names of every tag, as of now (made again only when the taxonomy's or the register's labels were
    read again: see labels.generation)."""
    global _cached
    key = labels.generation()
    with _lock:
        if _cached[0] != key:
            table = TagNames()
            for tag, texts in _names_of().items():
                for text, language in texts:
                    table.add(text, language, tag)
            table.settle()
            _cached = (key, table)
        return _cached[1]


def tagged(snapshot: Snapshot, tags: set[Tag]) -> np.ndarray | None:
    """A boolean array by record id: the records carrying any of these tags (None when none can)."""
    union = None
    by_facet: dict[str, list[object]] = {}
    for kind, value in tags:
        for facet in FACETS_OF.get(kind, (kind,)):
            by_facet.setdefault(facet, []).append(value)
    for name, values in by_facet.items():
        facet = snapshot.facets.get(name)
        rows = facet.rows(values) if facet is not None else []
        if rows:
            found = facet.any_of(rows, snapshot.size)
            union = found if union is None else np.logical_or(union, found, out=union)
    return union
