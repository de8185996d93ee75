# ruff: noqa: RUF001, RUF002 (names in Cyrillic, Arabic, Chinese and Greek on purpose)
"""Labelled adversarial name pairs for the name-matching benchmark (seeded, nothing downloaded).

    .venv/bin/python benchmarks/name_pairs_corpus.py            # writes both files below
    .venv/bin/python benchmarks/name_pairs_corpus.py --seed 7 --output /tmp/pairs.csv

True matches are two renderings of one invented person, company, organization or vessel: another script
(Cyrillic, Arabic, Chinese, Greek), another transliteration, another order ("Zakharov, A."), initials,
patronymics, honorifics, typos, another spelling of the legal form ("ООО" / "LLC" / "Limited Liability
Company"). Non-matches are hard on purpose: the same family name with another given name, family names a
letter or two apart, a company with the same sector and legal form but another distinctive word, vessels
whose names differ by a word or a number. Every name is rendered by the same random styles whatever its
label, so a style (initials, a script) says nothing about the label.

The generator was written before the matcher was tuned. `name_pairs.csv` (seed 1) is the development set
the matcher was tuned on; `name_pairs_holdout.csv` (seed 2) was generated once and only scored at the end.
"""

import argparse
import csv
import random
from pathlib import Path

import name_pairs_vocab as vocab

DATA = Path(__file__).parent / "data"
COUNTS = {"Person": 1500, "Company": 900, "Organization": 400, "LegalEntity": 300, "Vessel": 300}
SYLLABLES = {
    "Jianguo": ("Jian", "guo"),
    "Xiaoming": ("Xiao", "ming"),
    "Zhiqiang": ("Zhi", "qiang"),
    "Jianhua": ("Jian", "hua"),
    "Xiuying": ("Xiu", "ying"),
    "Haiyan": ("Hai", "yan"),
    "Guoping": ("Guo", "ping"),
}
NEIGHBOURS = dict(zip("aeiouszcknmrltdbpgvfwy", "eaouiczskmnlrdtpbkfvvi", strict=True))


def typo(rng: random.Random, text: str) -> str:
    """One keyboard slip in a word of five letters or more (never the first letter)."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not candidates:
        return text
    index = rng.choice(candidates)
    word = words[index]
    at = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["swap", "drop", "double", "replace"])
    if kind == "swap":
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    elif kind == "drop":
        word = word[:at] + word[at + 1 :]
    elif kind == "double":
        word = word[:at] + word[at] + word[at:]
    else:
        letter = word[at].lower()
        word = word[:at] + NEIGHBOURS.get(letter, "e") + word[at + 1 :]
    words[index] = word
    return " ".join(words)


def initial(word: str) -> str:
    return word[0].upper() + "."


# People ---------------------------------------------------------------------------------------------


def person(culture: str, rng: random.Random, **fixed) -> dict:
    """A person as the parts each rendering may use; `fixed` pins some parts (for non-matches)."""
    female = fixed.get("female", rng.random() < 0.35)
    if culture == "ru":
        given = fixed.get("given") or rng.choice(vocab.RU_GIVEN_FEMALE if female else vocab.RU_GIVEN_MALE)
        family = fixed.get("family") or rng.choice(vocab.RU_FAMILY)
        if len(family) == 4:
            family = (family[2], family[3]) if female else (family[0], family[1])
        patronymic = rng.choice(vocab.RU_PATRONYMIC)[1 if female else 0]
        return {"culture": culture, "female": female, "given": given, "family": family, "middle": patronymic}
    if culture == "ar":
        given = fixed.get("given") or rng.choice(vocab.AR_GIVEN_FEMALE if female else vocab.AR_GIVEN_MALE)
        family = fixed.get("family") or rng.choice(vocab.AR_FAMILY)
        middle = rng.choice(vocab.AR_GIVEN_MALE)  # the father's name, often written between
        return {"culture": culture, "female": female, "given": given, "family": family, "middle": middle}
    if culture == "zh":
        family = fixed.get("family") or rng.choice(vocab.ZH_FAMILY)
        given = fixed.get("given") or rng.choice(vocab.ZH_GIVEN)
        return {"culture": culture, "female": female, "given": given, "family": family, "middle": None}
    given = fixed.get("given") or rng.choice(vocab.EU_GIVEN_FEMALE if female else vocab.EU_GIVEN_MALE)
    family = fixed.get("family") or rng.choice(vocab.EU_FAMILY)
    return {"culture": culture, "female": female, "given": given, "family": family, "middle": None}


def render_chinese(p: dict, rng: random.Random, allow_initials: bool) -> str:
    family_hanzi, family_pinyin, family_other = p["family"]
    given_hanzi, given_pinyin = p["given"]
    style = rng.choice(["hanzi", "hanzi", "pinyin", "reversed", "upper", "other", "spaced", "initial"])
    family = rng.choice(family_other) if family_other and rng.random() < 0.5 else family_pinyin
    if style == "hanzi":
        return family_hanzi + given_hanzi
    if style == "pinyin":
        return f"{family_pinyin} {given_pinyin}"
    if style == "reversed":
        return f"{given_pinyin} {family}"
    if style == "upper":
        return f"{family_pinyin.upper()} {given_pinyin}"
    if style == "other":
        return f"{family} {given_pinyin}"
    if style == "spaced" and given_pinyin in SYLLABLES:
        # Two-syllable given names are also written hyphenated or split: "Xiao-ming", "Xiao Ming".
        first, second = SYLLABLES[given_pinyin]
        return f"{family_pinyin} {first}" + rng.choice(["-", " "]) + rng.choice([second, second.title()])
    if style == "initial" and allow_initials:
        return f"{initial(given_pinyin)} {family_pinyin}"
    return f"{family_pinyin} {given_pinyin}"


def render_person(p: dict, rng: random.Random, allow_initials: bool = True) -> str:
    """One way of writing the person: script, spelling, order, initials, extras, typos."""
    if p["culture"] == "zh":
        text = render_chinese(p, rng, allow_initials)
        return typo(rng, text) if rng.random() < 0.12 and text.isascii() else text
    given_latin, given_native = p["given"]
    family_latin, family_native = p["family"]
    native = given_native is not None and family_native is not None and rng.random() < 0.35
    if native:
        given, family = given_native, family_native
        middle = p["middle"][1] if p["culture"] == "ar" and rng.random() < 0.3 else None
        if p["culture"] == "ru":
            style = rng.choice(["given family", "FAMILY given", "family given"])
        else:
            style = "given family"
    else:
        given = rng.choice(given_latin) if rng.random() < 0.6 else given_latin[0]
        family = rng.choice(family_latin) if rng.random() < 0.6 else family_latin[0]
        middle = None
        if p["middle"] and rng.random() < 0.25:
            middle = p["middle"] if p["culture"] == "ru" else rng.choice(p["middle"][0])
        styles = ["given family"] * 4 + ["family given", "FAMILY given", "family, given", "FAMILY, given"]
        if allow_initials:
            styles += ["initial family", "family, initial", "initials family"]
        style = rng.choice(styles)
    if style == "initials family" and middle is None and p["middle"]:
        middle = p["middle"] if p["culture"] == "ru" else p["middle"][0][0]
    if middle and style.startswith("given"):
        text = f"{given} {middle} {family}"
    elif style == "given family":
        text = f"{given} {family}"
    elif style == "family given":
        text = f"{family} {given}" + (f" {middle}" if middle else "")
    elif style == "FAMILY given":
        text = f"{family.upper()} {given}" + (f" {middle}" if middle else "")
    elif style == "family, given":
        text = f"{family}, {given}" + (f" {middle}" if middle else "")
    elif style == "FAMILY, given":
        text = f"{family.upper()}, {given}"
    elif style == "initial family":
        text = f"{initial(given)} {family}"
    elif style == "family, initial":
        text = f"{family}, {initial(given)}"
    else:  # initials family
        text = f"{initial(given)} {initial(middle)} {family}" if middle else f"{initial(given)} {family}"
    if not native and rng.random() < 0.15:
        text = typo(rng, text)
    if rng.random() < 0.1:
        honorifics = vocab.AR_HONORIFICS if p["culture"] == "ar" else vocab.HONORIFICS
        text = f"{rng.choice(honorifics)} {text}" if text.isascii() or not native else text
    return text


def person_pairs(rng: random.Random, count: int) -> list[tuple[str, str, int]]:
    pairs = []
    while len(pairs) < count:
        culture = rng.choice(["ru", "ru", "ar", "ar", "zh", "eu"])
        if rng.random() < 0.5:
            p = person(culture, rng)
            a, b = render_person(p, rng), render_person(p, rng)
            if a != b:
                pairs.append((a, b, 1))
            continue
        left = person(culture, rng)
        kind = rng.choice(["other given", "other given", "other family", "confusable family"])
        if kind == "other given":
            right = person(culture, rng, family=left["family"], female=left["female"])
            # initials of the same letter cannot be told apart: only full given names then
            allow = left["given"] != right["given"] and _first(left["given"]) != _first(right["given"])
        elif kind == "other family":
            right = person(culture, rng, given=left["given"], female=left["female"])
            allow = True
        else:
            right = _confusable_person(left, rng)
            allow = True
        if right is None or (right["given"] == left["given"] and right["family"] == left["family"]):
            continue
        a, b = render_person(left, rng, allow), render_person(right, rng, allow)
        if a != b:  # two people whose renderings coincide cannot be told apart by name
            pairs.append((a, b, 0))
    return pairs


def _first(given) -> str:
    """The initial of a given name entry (chinese entries are (hanzi, pinyin))."""
    return given[1][0] if isinstance(given[0], str) else given[0][0][0]


def _confusable_person(left: dict, rng: random.Random) -> dict | None:
    culture = left["culture"]
    family_latin = left["family"][0] if culture != "zh" else None
    table = {"ru": vocab.RU_CONFUSABLE, "ar": vocab.AR_CONFUSABLE}.get(culture)
    if culture == "eu":
        for a, b in vocab.EU_CONFUSABLE:
            if family_latin and a in family_latin:
                return dict(left, family=([b], None))
        return None
    if table is None or family_latin is None:
        return None
    for a, b, native in table:
        if a in family_latin:
            latin, cyr = b, native
            if left["female"] and culture == "ru":
                latin = b[:-1] + "aya" if b.endswith("y") else b + "a" if b.endswith(("v", "n")) else b
                cyr = (
                    native[:-2] + "ая"
                    if native.endswith("ий")
                    else native + "а"
                    if native.endswith(("в", "н"))
                    else native
                )
            return dict(left, family=([latin], cyr))
    return None


# Companies and organizations ------------------------------------------------------------------------


def company(rng: random.Random, **fixed) -> dict:
    culture = fixed.get("culture") or rng.choice(["ru", "ar", "zh", "latin", "latin"])
    sector = fixed.get("sector", rng.choice(vocab.CO_SECTORS) if rng.random() < 0.7 else None)
    number = fixed.get("number")
    if culture == "ru":
        distinctive = fixed.get("distinctive") or rng.choice(vocab.CO_DISTINCTIVE_RU)
        form = fixed.get("form") or rng.choice(["ooo", "ooo", "ao"])
    elif culture == "ar":
        distinctive = fixed.get("distinctive") or rng.choice(vocab.CO_DISTINCTIVE_AR)
        form = "llc"
    elif culture == "zh":
        distinctive = fixed.get("distinctive") or rng.choice(vocab.CO_DISTINCTIVE_ZH)
        form = "coltd"
        sector = sector or vocab.CO_SECTORS[0]
    else:
        distinctive = fixed.get("distinctive") or rng.choice(vocab.CO_DISTINCTIVE_LATIN)
        form = fixed.get("form") or rng.choice(sorted(set(vocab.LEGAL_FORMS) - {"ooo", "ao", "coltd"}))
    city = rng.choice(vocab.ZH_CITIES)
    return {"culture": culture, "distinctive": distinctive, "sector": sector, "form": form, "city": city} | {
        "number": number
    }


def render_company(c: dict, rng: random.Random) -> str:
    culture, sector, form = c["culture"], c["sector"], c["form"]
    number = f" {c['number']}" if c["number"] else ""
    if culture == "zh":
        hanzi, pinyin = c["distinctive"]
        city_hanzi, city_pinyin = c["city"]
        if rng.random() < 0.4:
            legal = rng.choice(vocab.ZH_LEGAL_FORMS["coltd"])
            return f"{city_hanzi if rng.random() < 0.7 else ''}{hanzi}{sector[4]}{number.strip()}{legal}"
        words = [city_pinyin] if rng.random() < 0.7 else []
        words += [
            pinyin + number,
            sector[0] if rng.random() < 0.7 else "Maoyi" if sector[4] == "贸易" else "",
        ]
        words.append(rng.choice(vocab.LEGAL_FORMS["coltd"] + ["Co Ltd", "Company Ltd"]))
        return _case(rng, " ".join(w for w in words if w))
    if culture == "ru" and rng.random() < 0.4:
        legal = rng.choice(vocab.RU_LEGAL_FORMS[form])
        name = c["distinctive"][1] + (f" {sector[2]}" if sector else "") + number
        return rng.choice([f"{legal} «{name}»", f'{legal} "{name}"', f"{name} {legal}"])
    if culture == "ar" and rng.random() < 0.4:
        name = c["distinctive"][1] + (f" {sector[3]}" if sector else "") + number
        return f"شركة {name} " + rng.choice(vocab.AR_LEGAL_FORMS["llc"]) if rng.random() < 0.7 else name
    if culture == "latin":
        distinctive = c["distinctive"]
    else:
        spellings = c["distinctive"][0]
        distinctive = rng.choice(spellings) if rng.random() < 0.6 else spellings[0]
    if sector and culture == "ru" and rng.random() < 0.5:
        sector_word = sector[1]
    else:
        sector_word = sector[0] if sector else ""
    legal = rng.choice(vocab.LEGAL_FORMS[form])
    core = " ".join(w for w in [distinctive + number, sector_word] if w)
    if rng.random() < 0.15:
        core = typo(rng, core)
    styles = [f"{core} {legal}", f"{core} {legal}", f"{core}, {legal}", f'{legal} "{core}"', core]
    if culture == "latin" and rng.random() < 0.1:
        styles = [f"The {core} {legal}"]
    return _case(rng, rng.choice(styles))


def _case(rng: random.Random, text: str) -> str:
    roll = rng.random()
    return text.upper() if roll < 0.15 else text.lower() if roll < 0.2 else text


def company_pairs(rng: random.Random, count: int) -> list[tuple[str, str, int]]:
    pairs = []
    while len(pairs) < count:
        left = company(rng)
        if rng.random() < 0.5:
            a, b = render_company(left, rng), render_company(left, rng)
            if a != b:
                pairs.append((a, b, 1))
            continue
        kind = rng.choice(["other distinctive", "other distinctive", "confusable", "other sector", "number"])
        if kind == "other distinctive":
            right = company(rng, culture=left["culture"], sector=left["sector"], form=left["form"])
        elif kind == "confusable":
            other = (
                dict(vocab.CO_CONFUSABLE_LATIN).get(left["distinctive"])
                if left["culture"] == "latin"
                else None
            )
            if other is None:
                continue
            right = dict(left, distinctive=other)
        elif kind == "other sector":
            sectors = [s for s in vocab.CO_SECTORS if s != left["sector"]]
            right = dict(left, sector=rng.choice(sectors))
        else:
            left = dict(left, number=rng.choice(["1", "2", "II"]))
            right = dict(left, number=rng.choice(["3", "4", "IV"]))
        if kind == "other distinctive" and right["distinctive"] == left["distinctive"]:
            continue
        pairs.append((render_company(left, rng), render_company(right, rng), 0))
    return pairs


def organization(rng: random.Random, **fixed) -> dict:
    return {
        "type": fixed.get("type") or rng.choice(vocab.ORG_TYPES),
        "distinctive": fixed.get("distinctive") or rng.choice(vocab.ORG_DISTINCTIVE),
    }


def render_organization(o: dict, rng: random.Random) -> str:
    english, ru_latin, cyrillic, arabic = o["type"]
    spellings, distinctive_cyr, distinctive_ar = o["distinctive"]
    if distinctive_cyr and rng.random() < 0.35:
        return rng.choice([f"{cyrillic} «{distinctive_cyr}»", f"{cyrillic} {distinctive_cyr}"])
    if distinctive_ar and rng.random() < 0.35:
        return f"{arabic} {distinctive_ar}"
    name = rng.choice(spellings)
    if rng.random() < 0.12:
        name = typo(rng, name)
    type_word = ru_latin if distinctive_cyr and rng.random() < 0.4 else english
    styles = [
        f"{name} {type_word}",
        f"{type_word} {name}",
        f'{type_word} "{name}"',
        f"The {name} {type_word}",
    ]
    if type_word == english:
        styles.append(f"{type_word} of {name}" if len(name.split()) == 1 else f"{name} {type_word}")
    return _case(rng, rng.choice(styles))


def organization_pairs(rng: random.Random, count: int) -> list[tuple[str, str, int]]:
    pairs = []
    while len(pairs) < count:
        left = organization(rng)
        if rng.random() < 0.5:
            a, b = render_organization(left, rng), render_organization(left, rng)
            if a != b:
                pairs.append((a, b, 1))
            continue
        if rng.random() < 0.6:
            right = organization(rng, type=left["type"])
        else:
            right = organization(rng, distinctive=left["distinctive"])
        if right != left:
            pairs.append((render_organization(left, rng), render_organization(right, rng), 0))
    return pairs


def legal_entity_pairs(rng: random.Random, count: int) -> list[tuple[str, str, int]]:
    half = count // 2
    return company_pairs(rng, half) + organization_pairs(rng, count - half)


# Vessels --------------------------------------------------------------------------------------------


def render_vessel(name: list[str], number: str, rng: random.Random) -> str:
    canonical = name[0]
    if canonical in vocab.VESSEL_CYRILLIC and rng.random() < 0.25:
        return vocab.VESSEL_CYRILLIC[canonical] + (f" {number}" if number else "")
    text = rng.choice(name) if rng.random() < 0.5 else canonical
    if number:
        text += f" {number}"
    if rng.random() < 0.15:
        text = typo(rng, text)
    prefix = rng.choice(vocab.VESSEL_PREFIXES)
    text = f"{prefix} {text}".strip()
    return text.upper() if rng.random() < 0.5 else text


def vessel_pairs(rng: random.Random, count: int) -> list[tuple[str, str, int]]:
    pairs = []
    while len(pairs) < count:
        name = rng.choice(vocab.VESSEL_NAMES)
        number = rng.choice(["", "", "", "II", "2"])
        if rng.random() < 0.5:
            a, b = render_vessel(name, number, rng), render_vessel(name, number, rng)
            if a != b:
                pairs.append((a, b, 1))
            continue
        kind = rng.choice(["confusable", "other", "number"])
        if kind == "confusable":
            other = dict(vocab.VESSEL_CONFUSABLE).get(name[0])
            if other is None:
                continue
            right, right_number = [other], number
        elif kind == "other":
            right, right_number = rng.choice([v for v in vocab.VESSEL_NAMES if v != name]), number
        else:
            right, right_number = name, rng.choice([n for n in ["", "II", "III", "3"] if n != number])
        pairs.append((render_vessel(name, number, rng), render_vessel(right, right_number, rng), 0))
    return pairs


GENERATORS = {
    "Person": person_pairs,
    "Company": company_pairs,
    "Organization": organization_pairs,
    "LegalEntity": legal_entity_pairs,
    "Vessel": vessel_pairs,
}


def generate(seed: int) -> list[tuple[str, str, str, int]]:
    """All pairs for a seed, shuffled: (schema, name1, name2, label)."""
    rng = random.Random(seed)
    rows = []
    for schema, count in COUNTS.items():
        for name1, name2, label in GENERATORS[schema](rng, count):
            if rng.random() < 0.5:
                name1, name2 = name2, name1
            rows.append((schema, name1, name2, label))
    rng.shuffle(rows)
    return rows


def write(path: Path, seed: int) -> int:
    rows = generate(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["schema", "name1", "name2", "label"])
        writer.writerows(rows)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, help="one file for this seed (with --output)")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    if args.seed is not None:
        print(write(args.output or DATA / f"name_pairs_{args.seed}.csv", args.seed), "pairs")
        return
    for name, seed in (("name_pairs.csv", 1), ("name_pairs_holdout.csv", 2)):
        print(name, write(DATA / name, seed), "pairs")


if __name__ == "__main__":
    main()
