"""The search index's postings and word-pair occurrences are now bit-packed lists (palermo.knowledge.search.
packing): a token's records and counts are one list, so the postings lose their `counts` column. The index
is derived data: it is emptied, then the existing records are indexed again."""

from django.db import migrations


def empty_index(apps, schema_editor):
    for name in ("SearchPostings", "SearchPairs", "SearchSegment"):
        apps.get_model("knowledge", name).objects.all().delete()


def index_existing_records(apps, schema_editor):
    if apps.get_model("knowledge", "Record").objects.exists():
        from palermo.knowledge.search.index import rebuild

        rebuild(workers=1)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0009_search_tokens_by_language"),
    ]

    operations = [
        migrations.RunPython(empty_index, migrations.RunPython.noop),
        migrations.RemoveField(model_name="searchpostings", name="counts"),
        migrations.RunPython(index_existing_records, migrations.RunPython.noop),
    ]
