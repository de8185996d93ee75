"""Tokens for the search index, computed in Python so that SQLite and PostgreSQL index the very same ones.

Words are folded (accents removed, case folded) and stemmed with the Snowball stemmer of the passage's
language (Arabic, English, French, Russian, Spanish); Chinese and other CJK text becomes overlapping
character pairs. Both databases then index the resulting space-separated tokens without further
processing (FTS5 `unicode61`, PostgreSQL `simple`), which is what makes their results identical.
"""

import re
import unicodedata
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


def _word_tokens(word: str, language: str) -> tuple[str, ...]:
    result: list[str] = []
    position = 0
    for cjk in CJK.finditer(word):
        if cjk.start() > position:
            result.append(stem(word[position : cjk.start()], language))
        result.extend(_cjk_pairs(cjk.group()))
        position = cjk.end()
    if position < len(word):
        result.append(stem(word[position:], language))
    return tuple(t for t in result if len(t) <= MAX_TOKEN)


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
    cache = _word_cache.setdefault(language, {})
    spans = []
    for match in WORD.finditer(text):
        word, offset = match.group(), match.start()
        if not CJK.search(word):
            found = cache.get(word)
            if found is None:
                found = cache[word] = _word_tokens(word, language)
            spans += [(offset, match.end(), token) for token in found]
            continue
        position = 0
        for cjk in CJK.finditer(word):
            if cjk.start() > position:
                spans.append(
                    (offset + position, offset + cjk.start(), stem(word[position : cjk.start()], language))
                )
            run = cjk.group()
            for i, pair in enumerate(_cjk_pairs(run)):
                spans.append((offset + cjk.start() + i, offset + cjk.start() + i + len(pair), pair))
            position = cjk.end()
        if position < len(word):
            spans.append((offset + position, offset + len(word), stem(word[position:], language)))
    return spans


MIN_FOREIGN_STEM = 4


def variants(word: str, languages: tuple[str, ...] = ("en",)) -> list[str]:
    """What one query word may have become in the index: the word as written, its stem in the query's
    languages, and its stem in the other languages when that stem is long enough to be specific.

    Any language's stem lets "migrants" find French "migrants" (stem "migr") and Russian "мигрантов"; short
    foreign stems are left out so that "sea" does not find the Spanish "se".
    """
    if CJK.search(word):
        return [" ".join(tokens(word))]
    found = {fold(word)}
    for language in STEMMER_NAMES:
        stemmed = stem(word, language)
        if language in languages or len(stemmed) >= MIN_FOREIGN_STEM:
            found.add(stemmed)
    return sorted(found)
