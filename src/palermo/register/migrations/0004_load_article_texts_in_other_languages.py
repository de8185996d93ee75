"""Installations that loaded the articles before other languages were held get the bundled French and
Spanish authentic texts (`data/instruments/*.fr.json`, `*.es.json`); a new installation gets them from
`palermo load-reference-data`, which also refreshes them."""

import json
from pathlib import Path

from django.db import migrations

INSTRUMENTS = Path(__file__).resolve().parent.parent / "data" / "instruments"
FILES = {"UNTOC": "untoc", "TIP": "tip-protocol", "SOM": "som-protocol", "FIREARMS": "firearms-protocol"}
LANGUAGES = ("es", "fr")


def _texts(stem: str) -> dict[str, dict]:
    found = {}
    for language in LANGUAGES:
        path = INSTRUMENTS / f"{stem}.{language}.json"
        if path.exists():
            found[language] = json.loads(path.read_text(encoding="utf-8"))
    return found


def fill_texts(apps, schema_editor):
    Instrument = apps.get_model("register", "Instrument")
    Article = apps.get_model("register", "Article")
    for instrument in Instrument.objects.filter(code__in=FILES):
        others = _texts(FILES[instrument.code])
        instrument.preambles = {k: v["preamble"] for k, v in others.items() if v.get("preamble") is not None}
        instrument.closings = {k: v["closing"] for k, v in others.items() if v.get("closing") is not None}
        instrument.sources = {k: v["source"] for k, v in others.items()}
        instrument.save(update_fields=["preambles", "closings", "sources"])
        by_number = {
            language: {a["number"]: a for a in data["articles"]} for language, data in others.items()
        }
        chapters = {
            (language, chapter["number"]): chapter["title"]
            for language, data in others.items()
            for chapter in data.get("chapters", [])
        }
        for article in Article.objects.filter(instrument=instrument):
            held = {
                lang: found[article.number] for lang, found in by_number.items() if article.number in found
            }
            article.titles = {lang: a["title"] for lang, a in held.items()}
            article.texts = {lang: a["text"] for lang, a in held.items()}
            article.chapter_titles = {
                lang: chapters[(lang, article.chapter)]
                for lang in others
                if (lang, article.chapter) in chapters
            }
            article.save(update_fields=["titles", "texts", "chapter_titles"])


class Migration(migrations.Migration):
    dependencies = [("register", "0003_article_texts_in_other_languages")]

    operations = [migrations.RunPython(fill_texts, migrations.RunPython.noop)]
