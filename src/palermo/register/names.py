"""Resolve a State's name as written in a source to its code: exact, after normalising; never fuzzy.

Fuzzy matching is how "Republic of Korea" ends up as the DPRK. Here a name resolves only if its normalised
form equals the normalised form of a known name or alias of exactly one party; anything else is unknown
and reported, so that a curator adds the alias (parties.csv) rather than the software guessing.
"""

import re
import unicodedata
from functools import lru_cache

FOOTNOTE = re.compile(r"(?:\s*\d+\s*(?:,\s*\d+\s*)*)$")
NON_WORD = re.compile(r"[^\w]+")


def strip_footnotes(name: str) -> str:
    """'Argentina 1' or 'Denmark 2, 3' as copied from the UN page -> 'Argentina', 'Denmark'."""
    return FOOTNOTE.sub("", name.strip()).strip()


@lru_cache(maxsize=8192)
def normalise(name: str) -> str:
    """A name as compared: no footnote, accent, case, punctuation (’ and ' alike) or leading "the"."""
    text = unicodedata.normalize("NFKD", strip_footnotes(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    words = NON_WORD.sub(" ", text).split()
    words = ["saint" if w == "st" else w for w in words]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def matching_codes(text: str, parties) -> list[str]:
    """Codes of the parties that `text` names in part, in any language, as an alias or by code, whatever its
    accents, case and apostrophes ("cote d'ivoire" finds Côte d’Ivoire); all of them for an empty text."""
    needle = normalise(text)
    return [
        party.code
        for party in parties
        if not needle
        or needle in party.code.casefold()
        or any(needle in normalise(name) for name in (party.name, *party.names.values(), *party.aliases))
    ]


class AmbiguousName(Exception):
    pass


class NameResolver:
    def __init__(self, parties):
        self.codes: dict[str, str] = {}
        for party in parties:
            for name in {party.name, party.code, *party.aliases, *party.names.values()}:
                key = normalise(name)
                if not key:
                    continue
                if self.codes.get(key, party.code) != party.code:
                    raise AmbiguousName(f"{name!r} would name both {self.codes[key]} and {party.code}")
                self.codes[key] = party.code

    def resolve(self, name: str) -> str | None:
        return self.codes.get(normalise(name))
