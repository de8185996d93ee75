"""The search index's segments gain a column of each record's countries concerned, so that a State's name
finds the records concerning it as well as those of its jurisdiction (palermo.knowledge.search.tags). The
index is derived data: the existing records are indexed again (segments written before lack the column;
the search reads them without it meanwhile)."""

from django.db import migrations


def index_existing_records(apps, schema_editor):
    records = apps.get_model("knowledge", "Record").objects
    if records.exists():
        from palermo.knowledge.search.index import rebuild

        rebuild(workers=1)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0007_saved_search"),
    ]

    operations = [
        migrations.RunPython(index_existing_records, migrations.RunPython.noop),
    ]
