"""The names of the parties in the six UN languages, as the UN writes them (see data/PROVENANCE.md).

`un-names-6-languages.csv` holds the UN's M49 short names ("Fédération de Russie", "Российская Федерация")
copied unchanged, typographic apostrophes included; `party-names.csv` adds what M49 lacks (the European
Union) and corrects what it misprints. No name comes from CLDR: its names are colloquial ("Russie").
"""

import csv
from pathlib import Path

from django.conf import settings

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Columns of un-names-6-languages.csv -> Palermo's language codes
M49_COLUMNS = {"ar": "ar", "zh": "zh-hans", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


class MissingNames(Exception):
    """A party has no UN name in some language: the message names the party and the languages."""


def un_names() -> dict[str, dict[str, str]]:
    """ISO alpha-3 code -> {language: name} for every party, from the two name files."""
    names: dict[str, dict[str, str]] = {}
    with open(DATA_DIR / "un-names-6-languages.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[row["iso3"]] = {language: row[column] for column, language in M49_COLUMNS.items()}
    with open(DATA_DIR / "party-names.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names.setdefault(row["code"], {})[row["language"]] = row["name"]
    return names


def names_of(code: str, names: dict[str, dict[str, str]]) -> dict[str, str]:
    """A party's name in each of the six languages; an error if one is missing."""
    found = {
        language: names.get(code, {}).get(language, "").strip() for language, _label in settings.LANGUAGES
    }
    missing = [language for language, name in found.items() if not name]
    if missing:
        raise MissingNames(f"{code}: no UN name in {', '.join(missing)} (add it to party-names.csv)")
    return found
