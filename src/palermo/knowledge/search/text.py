"""Tokens for the search index, computed in Python so that SQLite and PostgreSQL index the very same ones.

Words are folded (accents removed, case folded) and stemmed with the Snowball stemmer of the passage's
language (Arabic, English, French, Russian, Spanish); Chinese and other CJK text becomes overlapping
character pairs. A stem carries its text's language (`evid:en`), so that a text's words are only ever
compared under the stemming of that text's language. Words of a language without a stemmer (and CJK pairs)
are indexed as written, folded, with no language.

A query word matches a text in language L when it has the same stem as one of the text's words under L's
stemming, or when its stem in the query's language (the reader's) is the stem of one of the text's words
under L's: an English search for "Rosaki" does not find the English "Rosakize" (stems `rosaki` and `rosak`)
nor the French one (`rosakiz`), while "migrants" finds the Spanish "migrantes" (the English stem of the
one is the Spanish stem of the other).
"""

import re
import unicodedata
from collections.abc import Iterator
from functools import cache
from itertools import chain

import snowballstemmer

WORD = re.compile(r"[^\W_]+")
WORDS = re.compile(r"\w+")
ASCII_WORD_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
STEMMER_NAMES = {"ar": "arabic", "en": "english", "fr": "french", "ru": "russian", "es": "spanish"}
LANGUAGES = ("ar", "zh-hans", "en", "fr", "ru", "es")


@cache
def _stemmer(language: str):
    name = STEMMER_NAMES.get(language)
    return snowballstemmer.stemmer(name) if name else None


def fold(word: str) -> str:
    if word.isascii():  # nothing to decompose, no accent to remove
        return word.casefold()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _cjk_pairs(run: str) -> list[str]:
    return [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]


def stem(word: str, language: str) -> str:
    stemmer = _stemmer(language)
    folded = fold(word)
    return stemmer.stemWord(folded) if stemmer else folded


MAX_TOKEN = 60  # longer "words" (hashes, garbage) are not indexed
_CACHE_LIMIT = 500_000
_word_cache: dict[str, dict[str, tuple[str, ...]]] = {}
# The analyses of texts: each language with a stemmer, and "" for the others (words as written).
ANALYSES = (*STEMMER_NAMES, "")


def _part(part: str, language: str, tag: str | None = None) -> str:
    """The token of a word (or the part of a word outside CJK runs): its stem in `language`, tagged as a
    stem of a text in `tag` (by default the same language) where that language has a stemmer, else the word
    folded; empty when too long to index."""
    token = stem(part, language)
    if len(token) > MAX_TOKEN:
        return ""
    tag = language if tag is None else tag
    return f"{token}:{tag}" if tag in STEMMER_NAMES else token


def _word_tokens(word: str, language: str, tag: str | None = None) -> tuple[str, ...]:
    if word.isascii():  # no CJK run in it
        token = _part(word, language, tag)
        return (token,) if token else ()
    result: list[str] = []
    position = 0
    for cjk in CJK.finditer(word):
        if cjk.start() > position:
            result.append(_part(word[position : cjk.start()], language, tag))
        result.extend(_cjk_pairs(cjk.group()))
        position = cjk.end()
    if position < len(word):
        result.append(_part(word[position:], language, tag))
    return tuple(t for t in result if t)


def _words(text: str) -> list[str]:
    r"""WORD.findall(text), by the fastest equivalent means: on ASCII text [^\W_] is [A-Za-z0-9], so every
    other character becomes a space and the text is split; elsewhere \w+ matches the same once underscores
    are spaces."""
    if text.isascii():
        return text.encode("ascii").translate(ASCII_WORD_BYTES).decode("ascii").split()
    return WORDS.findall(text.replace("_", " ") if "_" in text else text)


def tokens(text: str, language: str = "en") -> list[str]:
    """The index tokens of a text, in order (positions matter for phrases).

    Each distinct word is folded and stemmed once per process (a bounded cache): indexing a million records
    meets the same few hundred thousand words again and again.
    """
    words = _words(text)
    cache = _word_cache.setdefault(language, {})
    missing = set(words).difference(cache)
    if missing:
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
            missing = set(words)
        for word in missing:
            cache[word] = _word_tokens(word, language)
    return list(chain.from_iterable(map(cache.__getitem__, words)))


def word_spans(text: str, language: str = "en") -> list[tuple[int, int, str]]:
    """(start, end, token) of each word of a text, for highlighting (CJK pairs map to their characters)."""
    return list(iter_word_spans(text, language))


def iter_word_spans(text: str, language: str = "en") -> Iterator[tuple[int, int, str]]:
    """The spans of `word_spans`, one at a time (a snippet reads a long text only up to its first match)."""
    cache = _word_cache.setdefault(language, {})
    for match in WORD.finditer(text):
        word, offset = match.group(), match.start()
        if not CJK.search(word):
            found = cache.get(word)
            if found is None:
                found = cache[word] = _word_tokens(word, language)
            for token in found:
                yield offset, match.end(), token
            continue
        position = 0
        for cjk in CJK.finditer(word):
            if cjk.start() > position:
                yield offset + position, offset + cjk.start(), _part(word[position : cjk.start()], language)
            run = cjk.group()
            for i, pair in enumerate(_cjk_pairs(run)):
                yield offset + cjk.start() + i, offset + cjk.start() + i + len(pair), pair
            position = cjk.end()
        if position < len(word):
            yield offset + position, offset + len(word), _part(word[position:], language)


def _as_query(text: str, language: str) -> set[tuple[str, ...]]:
    """The token sequences a query's text may be in the index: for each analysis, the text stemmed in that
    language and in the query's `language`, tagged as that analysis's stems."""
    found = set()
    for analysis in ANALYSES:
        for stemming in (analysis, language):
            words = [_word_tokens(word, stemming, analysis) for word in _words(text)]
            found.add(tuple(chain.from_iterable(words)))
    return found - {()}


def variants(word: str, language: str = "en") -> list[str]:
    """What one query word, in a search in `language`, may be in the index: each a space-separated token
    sequence (a CJK word is its character pairs, in order)."""
    return sorted(" ".join(sequence) for sequence in _as_query(word, language))


def sequences(words: tuple[str, ...] | list[str], language: str = "en") -> list[list[str]]:
    """The token sequences a phrase of a search in `language` may be in the index (see `variants`)."""
    return [list(sequence) for sequence in sorted(_as_query(" ".join(words), language))]
