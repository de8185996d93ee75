"""Tokens as numbers, for the indexer: the same tokens as palermo.knowledge.search.text.tokens(), but each
known word goes straight to a number, so that a batch of a million words costs one lookup per word
instead of building, hashing and looking up its token text again.

Numbers are local to one `TokenNumbers` (one indexing process); the segment writer maps them to the
database's token numbers through their texts.
"""

from itertools import chain

import numpy as np

from palermo.knowledge.search.text import _word_tokens, _words

WORD_CACHE_LIMIT = 500_000  # distinct words remembered per language before the cache starts afresh


class TokenNumbers:
    """Numbers the tokens of texts. A word that is one token (nearly every word of alphabetic languages)
    is remembered as that token's number; any other word (CJK runs, words too long to index) as a negative
    code for its tuple of token numbers, expanded by `expand()`."""

    def __init__(self) -> None:
        self.texts: list[str] = []  # token number -> token text
        self._numbers: dict[str, int] = {}
        self._words: dict[str, dict[str, int]] = {}
        self._groups: list[tuple[int, ...]] = []  # code -1 - i -> the token numbers of such a word

    def _number(self, token: str) -> int:
        number = self._numbers.get(token)
        if number is None:
            number = self._numbers[token] = len(self.texts)
            self.texts.append(token)
        return number

    def _code(self, word: str, language: str) -> int:
        numbers = tuple(map(self._number, _word_tokens(word, language)))
        if len(numbers) == 1:
            return numbers[0]
        self._groups.append(numbers)
        return -len(self._groups)

    def add_codes(self, found: list[int], text: str, language: str) -> int:
        """Append one code per word of the text to `found`, in order; returns how many."""
        words = _words(text)
        cache = self._words.setdefault(language, {})
        start = len(found)
        try:
            found.extend(map(cache.__getitem__, words))  # (a quarter faster than a list comprehension)
        except KeyError:  # a word not met before: what was appended goes, every word is coded
            del found[start:]
            if len(cache) > WORD_CACHE_LIMIT:
                cache.clear()
            for word in set(words).difference(cache):
                cache[word] = self._code(word, language)
            found.extend(map(cache.__getitem__, words))
        return len(words)

    def expand(self, codes: list[int], lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """(token numbers, tokens per paragraph) from the codes of paragraphs of `lengths` codes each (a
        paragraph of one word too long to index has no tokens)."""
        numbers = np.array(codes, dtype=np.int64)
        paragraph_lengths = np.array(lengths, dtype=np.int64)
        if not len(numbers) or numbers.min() >= 0:
            return numbers, paragraph_lengths
        groups = self._groups
        sizes = np.array([1 if code >= 0 else len(groups[-1 - code]) for code in codes], dtype=np.int64)
        starts = np.cumsum(paragraph_lengths) - paragraph_lengths
        paragraph_lengths = np.add.reduceat(sizes, starts) if len(starts) else paragraph_lengths
        flat = chain.from_iterable((code,) if code >= 0 else groups[-1 - code] for code in codes)
        return np.fromiter(flat, dtype=np.int64, count=int(sizes.sum())), paragraph_lengths
