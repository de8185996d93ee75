"""Blocking keys: two entities are candidates for a match if they share a key."""

from itertools import pairwise

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from palermo.networks.matching.identifiers import KEY_SPACE, identifiers
from palermo.networks.matching.text import phonetic
from palermo.networks.matching.tokens import Word, kind_of, prepare

MAX_NAMES = 20  # an entity with hundreds of aliases would otherwise flood the candidates


def _word_keys(word: Word) -> set[str]:
    keys = {f"n:{word.form}"}
    if word.alias:
        keys.add(f"n:{word.alias}")
    if word.abjad or len(word.skeleton) >= 3:
        keys.add(f"s:{word.skeleton}")
    sound = "" if word.abjad else phonetic(word.form)
    if len(sound) >= 2:
        keys.add(f"p:{sound}")
    return keys


def name_keys(schema: str, name: str) -> set[str]:
    """Keys of one name: its words, adjacent words joined, their sounds and consonants, its sorted words."""
    words = [w for w in prepare(kind_of(schema), name) if not w.initial and (w.weight >= 0.5 or w.number)]
    keys: set[str] = set()
    for word in words:
        if not word.number and len(word.form) >= 2:
            keys |= _word_keys(word)
    for a, b in pairwise(words):
        if not (a.number or b.number):
            keys.add(f"n:{a.form}{b.form}")
    if len(words) > 1:
        keys.add("t:" + " ".join(sorted(w.form for w in words)))
    return keys


def blocking_keys(proxy: EntityProxy) -> set[str]:
    """Keys such that two records of one person, company or thing share at least one.

    Kinds, by prefix: "n:" a name word transliterated to ASCII in its normal form (kh→h, y→i, …), and
    each pair of adjacent words joined ("n:xiaoming" for "Xiao Ming" and 晓明); "p:" its metaphone;
    "s:" its consonant skeleton (how Arabic and Hebrew write it: "s:mhmd" for محمد and Mohammed);
    "t:" all distinctive words of a name sorted (orders do not matter); "id:" a passport, ID or tax
    number (letters and digits, upper case); "registration:", "lei:", "bic:", "imo:", "mmsi:",
    "account:"; "iban:" without spaces, upper case; "phone:" in E.164 (only if parseable with its
    country code); "email:" lower case; "crypto:" bech32 and 0x-hex addresses lower case, base58 as
    written.

    Name keys are broad on purpose (recall first). The caller must cap them: drop every key shared by
    more than N entities (N about 1,000, or a few hundred for "p:" and "s:" keys, which are coarser)
    before forming pairs; identifier keys need a cap too (placeholders like "000000" are common), so
    drop any key, of any kind, above N and pair entities that still share a key.
    """
    keys: set[str] = set()
    for name in sorted(proxy.get_type_values(registry.name))[:MAX_NAMES]:
        keys |= name_keys(proxy.schema.name, name)
    for kind, normalised, _ in identifiers(proxy):
        keys.add(f"{KEY_SPACE.get(kind, kind)}:{normalised}")
    return keys
