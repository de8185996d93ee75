"""Load the register's reference data (parties, instruments, articles) shipped in palermo/register/data."""

import csv
import json
from datetime import date
from pathlib import Path

from babel import Locale
from django.db import transaction

from palermo.core.audit import log_action
from palermo.register.models import Article, Instrument, Party
from palermo.register.models.parties import BABEL_LOCALES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Facts that are not in the instrument files: UN Treaty Collection chapter, general entry into force,
# final clause. The entry-into-force dates are re-derived from the status tables in the tests.
INSTRUMENTS = [
    ("UNTOC", "untoc.json", "Organized Crime Convention", None, "XVIII-12", date(2003, 9, 29), "38"),
    (
        "TIP",
        "tip-protocol.json",
        "Trafficking in Persons Protocol",
        "UNTOC",
        "XVIII-12-a",
        date(2003, 12, 25),
        "17",
    ),
    (
        "SOM",
        "som-protocol.json",
        "Smuggling of Migrants Protocol",
        "UNTOC",
        "XVIII-12-b",
        date(2004, 1, 28),
        "22",
    ),
    (
        "FIREARMS",
        "firearms-protocol.json",
        "Firearms Protocol",
        "UNTOC",
        "XVIII-12-c",
        date(2005, 7, 3),
        "18",
    ),
]


def party_names(code: str, alpha2: str, english: str, overrides: dict) -> dict[str, str]:
    names = {}
    for language, babel_code in BABEL_LOCALES.items():
        cldr = Locale.parse(babel_code).territories.get(alpha2) if alpha2 else None
        names[language] = overrides.get((code, language)) or cldr or english
    names["en"] = english
    return names


@transaction.atomic
def load_parties() -> int:
    """Create or update every party from parties.csv. Returns how many rows were read."""
    with open(DATA_DIR / "party-names.csv", encoding="utf-8") as handle:
        overrides = {(row["code"], row["language"]): row["name"] for row in csv.DictReader(handle)}
    with open(DATA_DIR / "parties.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        Party.objects.update_or_create(
            code=row["code"],
            defaults={
                "alpha2": row["alpha2"],
                "numeric": row["numeric"],
                "kind": row["kind"],
                "un_member": row["un_member"] == "true",
                "regional_group": row["regional_group"],
                "also_attends": row["also_attends"],
                "subregion": row["subregion"],
                "name": row["name_en"],
                "names": party_names(row["code"], row["alpha2"], row["name_en"], overrides),
                "aliases": [a for a in row["aliases"].split("|") if a],
            },
        )
    return len(rows)


@transaction.atomic
def load_instruments() -> int:
    """Create or update the four instruments and all their articles. Returns the number of articles."""
    count = 0
    with open(DATA_DIR / "instrument-titles.json", encoding="utf-8") as handle:
        titles = json.load(handle)
    for position, (code, file_name, short_title, parent, chapter, in_force, final_clause) in enumerate(
        INSTRUMENTS
    ):
        with open(DATA_DIR / "instruments" / file_name, encoding="utf-8") as handle:
            data = json.load(handle)
        instrument, _ = Instrument.objects.update_or_create(
            code=code,
            defaults={
                "title": data["title"],
                "short_title": short_title,
                "parent_id": parent,
                "adopted": date.fromisoformat(data["adopted"]),
                "entry_into_force": in_force,
                "final_clause_article": final_clause,
                "untc_chapter": chapter,
                "position": position,
                "preamble": data.get("preamble", ""),
                "closing": data.get("closing", ""),
                "source": data.get("source", ""),
            },
        )
        translated = titles.get(code, {})
        instrument.titles = {"en": data["title"], **translated.get("title", {})}
        instrument.short_titles = {"en": short_title, **translated.get("short_title", {})}
        instrument.save(update_fields=["titles", "short_titles"])
        chapter_of = {
            number: (chapter_data["number"], chapter_data["title"])
            for chapter_data in data.get("chapters", [])
            for number in chapter_data["articles"]
        }
        for article_position, article in enumerate(data["articles"]):
            chapter_number, chapter_title = chapter_of.get(article["number"], ("", ""))
            Article.objects.update_or_create(
                instrument=instrument,
                number=article["number"],
                defaults={
                    "position": article_position,
                    "title": article["title"],
                    "text": article["text"],
                    "chapter": chapter_number,
                    "chapter_title": chapter_title,
                },
            )
            count += 1
    return count


def load_reference_data() -> dict[str, int]:
    parties = load_parties()
    articles = load_instruments()
    log_action("register.reference_data.loaded", data={"parties": parties, "articles": articles})
    return {"parties": parties, "articles": articles}


def bundled_status_files() -> list[Path]:
    return sorted((DATA_DIR / "treaty-status").glob("*.csv"))


BUNDLED_STATUS_AS_OF = date(2015, 3, 14)
