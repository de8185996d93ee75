"""Load the register's reference data (parties, instruments, articles) shipped in palermo/register/data."""

import csv
import json
from datetime import date
from pathlib import Path

from django.db import transaction

from palermo.core.audit import log_action
from palermo.register.domain.party_names import names_of, un_names
from palermo.register.models import Article, Instrument, Party

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


# Authentic texts in languages other than English, where Palermo holds them: `untoc.fr.json` beside
# `untoc.json` (see data/PROVENANCE.md). Arabic, Chinese and Russian texts were not found in a usable form.
TEXT_LANGUAGES = ("es", "fr")


class ReferenceDataError(Exception):
    """A bundled data file does not match the others; the message names the file and the difference."""


def authentic_texts(file_name: str, english: dict) -> dict[str, dict]:
    """The other-language files of an instrument, by language, checked against the English file."""
    found = {}
    for language in TEXT_LANGUAGES:
        path = DATA_DIR / "instruments" / file_name.replace(".json", f".{language}.json")
        if not path.exists():
            continue
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        numbers = [a["number"] for a in data["articles"]]
        expected = [a["number"] for a in english["articles"]]
        if data["instrument"] != english["instrument"] or numbers != expected:
            raise ReferenceDataError(
                f"{path.name}: its instrument or article numbers differ from {file_name}"
            )
        found[language] = data
    return found


def _present(values: dict) -> dict:
    """{language: value} without the languages whose value the file marks as not available (null)."""
    return {language: value for language, value in values.items() if value is not None}


@transaction.atomic
def load_parties() -> int:
    """Create or update every party from parties.csv, named as the UN names it in the six languages
    (party_names.py). Re-running it renames what the data files renamed, and the audit log lists the
    changed names (`register.parties.renamed`). Returns how many rows were read."""
    names = un_names()
    with open(DATA_DIR / "parties.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    before = {party.code: party for party in Party.objects.all()}
    renamed = {}
    for row in rows:
        party_names = names_of(row["code"], names)
        aliases = [a for a in row["aliases"].split("|") if a]
        former = before.get(row["code"])
        if former is not None and former.names != party_names:
            renamed[row["code"]] = {
                language: [former.names.get(language, ""), name]
                for language, name in party_names.items()
                if former.names.get(language) != name
            }
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
                "name": party_names["en"],
                "names": party_names,
                "aliases": aliases,
            },
        )
    if renamed:
        log_action("register.parties.renamed", data={"parties": renamed})
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
        others = authentic_texts(file_name, data)
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
                "preambles": _present({lang: other.get("preamble") for lang, other in others.items()}),
                "closings": _present({lang: other.get("closing") for lang, other in others.items()}),
                "sources": {lang: other["source"] for lang, other in others.items()},
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
        chapter_titles = {
            (language, chapter_data["number"]): chapter_data["title"]
            for language, other in others.items()
            for chapter_data in other.get("chapters", [])
        }
        for article_position, article in enumerate(data["articles"]):
            chapter_number, chapter_title = chapter_of.get(article["number"], ("", ""))
            translated_articles = {
                lang: other["articles"][article_position] for lang, other in others.items()
            }
            Article.objects.update_or_create(
                instrument=instrument,
                number=article["number"],
                defaults={
                    "position": article_position,
                    "title": article["title"],
                    "text": article["text"],
                    "chapter": chapter_number,
                    "chapter_title": chapter_title,
                    "titles": {lang: a["title"] for lang, a in translated_articles.items()},
                    "texts": {lang: a["text"] for lang, a in translated_articles.items()},
                    "chapter_titles": {
                        lang: chapter_titles[(lang, chapter_number)]
                        for lang in others
                        if (lang, chapter_number) in chapter_titles
                    },
                },
            )
            count += 1
    return count


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Load the parties, instruments and articles, all or nothing (ReferenceDataError names the file)."""
    parties = load_parties()
    articles = load_instruments()
    log_action("register.reference_data.loaded", data={"parties": parties, "articles": articles})
    return {"parties": parties, "articles": articles}


def bundled_status_files() -> list[Path]:
    return sorted((DATA_DIR / "treaty-status").glob("*.csv"))


BUNDLED_STATUS_AS_OF = date(2015, 3, 14)
