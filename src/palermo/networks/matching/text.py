# ruff: noqa: RUF003 (names in Cyrillic, Arabic, Chinese and Greek on purpose)
"""Spelling-independent forms of name words: ASCII transliteration, a transliteration-normal form and a
consonant skeleton for words from scripts that do not write vowels (Arabic, Hebrew)."""

import re
import unicodedata
from functools import lru_cache

from rigour.text import ascii_text, metaphone

# Spellings that transliteration systems disagree on, folded to one: "Zakharov"/"Zaharov",
# "Yuriy"/"Iurii", "Ibraheem"/"Ibrahim", "Mansoor"/"Mansur", "Aleksandr"/"Alexandr".
_FOLDS = [
    ("shch", "sh"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("gh", "g"),
    ("ck", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("y", "i"),
    ("ee", "i"),
    ("oo", "u"),
    ("ou", "u"),
    ("ij", "i"),
]
_ABJAD_VOWELS = re.compile(r"[aeiouvj']")  # Arabic alif, waw and ya write long vowels: ا و ي
_REPEATS = re.compile(r"(.)\1+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def script_of(text: str) -> str:
    """'abjad' (Arabic, Hebrew, Syriac), 'han' (Chinese, Japanese kanji), or 'alphabet'."""
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith(("ARABIC", "HEBREW", "SYRIAC")):
            return "abjad"
        if name.startswith("CJK"):
            return "han"
    return "alphabet"


@lru_cache(maxsize=200_000)
def to_ascii(text: str) -> str:
    """Lower-case ASCII letters and digits of any script, word breaks kept as spaces."""
    return " ".join(_NOT_ALNUM.sub("", word) for word in ascii_text(text).lower().split())


@lru_cache(maxsize=200_000)
def normal_form(word: str) -> str:
    """One spelling for the usual transliteration variants of an ASCII word."""
    if word.startswith(("ju", "ja", "je", "jo")):
        word = "i" + word[1:]  # German and Slavic "J" for the "Y" sound: Jurij, Jelena
    for old, new in _FOLDS:
        word = word.replace(old, new)
    return _REPEATS.sub(r"\1", word)


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """The consonants of a normal form, what an abjad writes: "muhamad" and Arabic "mhmd" give "mhmd"."""
    return _REPEATS.sub(r"\1", _ABJAD_VOWELS.sub("", word.replace("i", "")))


@lru_cache(maxsize=200_000)
def phonetic(word: str) -> str:
    """A metaphone key of an ASCII word ('' when it has none)."""
    if not word.isalpha():
        return ""
    return metaphone(word) or ""
