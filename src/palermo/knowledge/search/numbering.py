"""Tokens as numbers, for the indexer: the same tokens as palermo.knowledge.search.text.tokens(), but each
known word goes straight to a number, so that a batch of a million words costs one lookup per word
instead of building, hashing and looking up its token text again.

Numbers are local to one `TokenNumbers` (one indexing process); the segment writer maps them to the
database's token numbers through their texts.
"""

from itertools import chain

import numpy as np

from palermo.knowledge.search.text import _word_tokens

try:
    from palermo.knowledge.search._words import WordCodes
except ImportError as error:  # pragma: no cover (a checkout used without `make install`)
    raise ImportError(
        "the search indexer's C module is not built: run `make install` (or `pip install -e .`)"
    ) from error

WORD_CACHE_LIMIT = 500_000  # distinct words remembered per language before the table starts afresh


class TokenNumbers:
    """Numbers the tokens of texts. A word that is one token (nearly every word of alphabetic languages)
    is remembered as that token's number; any other word (CJK runs, words too long to index) as a negative
    code for its tuple of token numbers, expanded by `expand()`. The words are read and looked up in C
    (`_words.c`); only the words a language's table has not met come back here to be stemmed."""

    def __init__(self) -> None:
        self.texts: list[str] = []  # token number -> token text
        self._numbers: dict[str, int] = {}
        self._tables: dict[str, WordCodes] = {}
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

    def add_codes(self, found: bytearray, text: str, language: str) -> int:
        """Append one code per word of the text to `found` (native int32), in order; returns how many."""
        table = self._tables.get(language)
        if table is None:
            table = self._tables[language] = WordCodes()
        elif len(table) > WORD_CACHE_LIMIT:  # (only before a text is read: it is then read at most twice)
            table.clear()
        result = table.codes(text, found)
        if isinstance(result, int):
            return result
        for word in set(result):  # words not met before: coded, then the text is read again
            table.add(word, self._code(word, language))
        return table.codes(text, found)

    def expand(self, found: bytearray, lengths: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """(token numbers, tokens per paragraph) from the codes of paragraphs of `lengths` codes each (a
        paragraph of one word too long to index has no tokens)."""
        codes = np.frombuffer(found, dtype=np.int32)
        paragraph_lengths = np.array(lengths, dtype=np.int64)
        if not len(codes) or codes.min() >= 0:
            return codes, paragraph_lengths
        group_sizes = np.array([len(group) for group in self._groups], dtype=np.int64)
        group_starts = np.cumsum(group_sizes) - group_sizes
        members = np.fromiter(  # the groups' numbers one after the other, then a 0 (read for the others)
            chain(chain.from_iterable(self._groups), (0,)), dtype=np.int32
        )
        grouped = codes < 0
        group = np.where(grouped, -1 - codes, 0)
        sizes = np.where(grouped, group_sizes[group], 1)
        paragraph_starts = np.cumsum(paragraph_lengths) - paragraph_lengths
        paragraph_lengths = np.add.reduceat(sizes, paragraph_starts)
        owner = np.repeat(np.arange(len(codes)), sizes)  # the code each token comes from
        within = np.arange(len(owner)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        from_group = members[np.where(grouped[owner], group_starts[group[owner]] + within, -1)]
        return np.where(grouped[owner], from_group, codes[owner]).astype(np.int32), paragraph_lengths
