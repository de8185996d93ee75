# ruff: noqa: RUF001 (names in Cyrillic, Arabic, Chinese and Greek on purpose)
"""A name as a tuple of comparable words: honorifics, legal forms and vessel prefixes removed, every
script transliterated, each word with its weight in the comparison."""

import re
from dataclasses import dataclass
from functools import lru_cache

from followthemoney import model
from followthemoney.names import schema_type_tag
from rigour.names import (
    NameTypeTag,
    analyze_names,
    remove_obj_prefixes,
    remove_org_types,
    remove_person_prefixes,
    tokenize_name,
)

from palermo.networks.matching.text import normal_form, script_of, skeleton, to_ascii

PERSON, ORGANIZATION, OBJECT, OTHER = "person", "organization", "object", "other"

# Honorifics rigour does not strip (it strips Mr., Dr., Herr, Mme …).
HONORIFICS = {"sheikh", "shaikh", "sheik", "hajji", "haji", "hadji", "sayyid", "sayed", "sr", "sra", "srta"}
HONORIFICS |= {"г-н", "г-жа", "господин", "госпожа", "mr", "mrs", "ms", "dr", "prof", "mme", "sir"}
# Legal forms in scripts rigour's list does not cover, longest first.
LEGAL_FORMS = ["股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "集团", "集團", "株式会社", "公司"]
LEGAL_FORMS_ARABIC = {"ذمم", "شذمم", "شمم", "شمع", "شركة", "ش.م.م", "ذ.م.م", "ش.ذ.م.م"}
# Chinese business words are translated, not transliterated, in the English names of companies.
HAN_WORDS = {
    "贸易": "trading",
    "物流": "logistics",
    "航运": "shipping",
    "控股": "holdings",
    "投资": "investments",
    "建设": "construction",
    "建筑": "construction",
    "能源": "energy",
    "咨询": "consulting",
    "科技": "technology",
    "技术": "technology",
    "实业": "industrial",
    "国际": "international",
}
# Words that carry little identity: particles of names, and generic words of organization names.
PARTICLES = {"al", "el", "ul", "bin", "ibn", "bint", "de", "da", "di", "do", "dos", "du", "van", "von", "der"}
PARTICLES |= {"den", "la", "le", "the", "of", "and", "for", "y", "e", "et", "und"}
GENERIC_ORG_WORDS = {"company", "co", "group", "general", "international", "enterprise", "enterprises"}
GENERIC_ORG_WORDS |= {"corporation", "firm", "industries"}
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "intl": "international", "&": "and", "mt": "mount"}
VESSEL_PREFIXES = {"mv", "mt", "ms", "ss", "fv", "my", "sy", "rv", "mts", "mfv", "hms"}
ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9"}
_HAN_SPLIT = re.compile("(" + "|".join(HAN_WORDS) + ")")
_QUOTES = re.compile(r"[«»\"“”„‘’`()\[\]]")


@dataclass(frozen=True, slots=True)
class Word:
    """One comparable word of a name."""

    text: str  # transliterated ASCII
    form: str  # normal form of the transliteration (text.normal_form)
    abjad: bool  # written in a script without vowels: compare consonant skeletons
    weight: float
    initial: bool = False
    number: bool = False
    symbols: frozenset[str] = frozenset()
    alias: str = ""  # the transliteration of a word translated from Chinese ("maoyi" for "trading")

    @property
    def skeleton(self) -> str:
        return skeleton(self.form)


@lru_cache(maxsize=1024)
def kind_of(schema: str) -> str:
    """PERSON, ORGANIZATION, OBJECT or OTHER for an FtM schema name (OTHER if unknown)."""
    found = model.get(schema)
    if found is None:
        return OTHER
    tag = schema_type_tag(found)
    return {NameTypeTag.PER: PERSON, NameTypeTag.ORG: ORGANIZATION, NameTypeTag.OBJ: OBJECT}.get(
        tag, ORGANIZATION if tag == NameTypeTag.ENT else OTHER
    )


@lru_cache(maxsize=100_000)
def name_symbols(word: str) -> frozenset[str]:
    """Identifiers of the given and family names a word can be (rigour's cross-script name list)."""
    names = analyze_names(NameTypeTag.PER, [word], consolidate=False, phonetics=False)
    return frozenset(
        span.symbol.id for name in names for span in name.spans if span.symbol.category.value == "NAME"
    )


def _strip_legal_forms(text: str) -> str:
    stripped = remove_org_types(text.lower(), replacement=" ")
    for form in LEGAL_FORMS:
        stripped = stripped.replace(form, " ")
    words = [
        w
        for w in stripped.split()
        if w.replace(".", "") not in LEGAL_FORMS_ARABIC and w not in LEGAL_FORMS_ARABIC
    ]
    return " ".join(words)


def _clean(kind: str, name: str) -> str:
    text = _QUOTES.sub(" ", name).strip()
    if kind == PERSON:
        text = remove_person_prefixes(text)
        words = text.split()
        while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
            words = words[1:]
        return " ".join(words)
    if kind == OBJECT:
        text = remove_obj_prefixes(text.replace("/", "")).strip()
        words = text.split()
        while len(words) > 1 and words[0].lower().replace(".", "") in VESSEL_PREFIXES:
            words = words[1:]
        return " ".join(words)
    if kind == ORGANIZATION:
        return _strip_legal_forms(text) or text
    return text


def _han_words(kind: str, token: str, first: bool) -> list[Word]:
    """Words of a run of Han characters: business words translated, the rest one word per syllable."""
    words: list[Word] = []
    for piece in _HAN_SPLIT.split(token):
        if piece in HAN_WORDS:
            english, pinyin = HAN_WORDS[piece], to_ascii(piece).replace(" ", "")
            words.append(Word(text=english, form=normal_form(english), abjad=False, weight=1.0, alias=pinyin))
        elif piece:
            for part in to_ascii(piece).split():
                words.append(_word(kind, part, False, first and not words, 0.5))
    return words


def _words_of(kind: str, token: str, first: bool) -> list[Word]:
    script = script_of(token)
    if script == "han":
        return _han_words(kind, token, first)
    abjad = script == "abjad"
    if abjad:
        token = token.replace("ع", "a")  # ayn: Latin writes a vowel (Abd, Ali, Aisha) where ICU writes "?"
    text = to_ascii(token)
    words: list[Word] = []
    for part in text.split():
        if abjad and part.startswith("al") and len(part) > 4:
            part = part[2:]  # the article written joined in Arabic: الراشد "alrashd"
        words.append(_word(kind, part, abjad, first and not words))
    return words


def _word(kind: str, text: str, abjad: bool, first: bool, weight: float = 1.0) -> Word:
    text = ABBREVIATIONS.get(text, text)
    if kind != PERSON and not first and text in ROMAN:
        text = ROMAN[text]
    if text.isdigit():
        return Word(text=text, form=text, abjad=False, weight=1.5, number=True)
    form = normal_form(text)
    if kind == PERSON and len(text) == 1:
        return Word(text=text, form=form, abjad=abjad, weight=0.5, initial=True)
    if text in PARTICLES:
        return Word(text=text, form=form, abjad=abjad, weight=0.2)
    if kind == ORGANIZATION and text in GENERIC_ORG_WORDS:
        return Word(text=text, form=form, abjad=abjad, weight=0.5)
    symbols = name_symbols(text) if kind == PERSON and not abjad else frozenset()
    return Word(text=text, form=form, abjad=abjad, weight=weight, symbols=symbols)


@lru_cache(maxsize=100_000)
def prepare(kind: str, name: str) -> tuple[Word, ...]:
    """The comparable words of a name, in their written order."""
    cleaned = _clean(kind, name)
    words: list[Word] = []
    for token in tokenize_name(cleaned):
        words.extend(_words_of(kind, token, first=not words))
    if not words and kind != OTHER:
        return prepare(OTHER, name)  # a name that is only a legal form or a title
    return tuple(words)
