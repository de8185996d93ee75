"""The search index's stems now carry the language of the text they come from (`evid:en`), so that a word is
compared under the stemming of its own text's language only (palermo.knowledge.search.text). The index is
derived data: the existing records are indexed again."""

from django.db import migrations


def index_existing_records(apps, schema_editor):
    records = apps.get_model("knowledge", "Record").objects
    if records.exists():
        from palermo.knowledge.search.index import rebuild

        rebuild(workers=1)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0008_search_countries_concerned"),
    ]

    operations = [
        migrations.RunPython(index_existing_records, migrations.RunPython.noop),
    ]
