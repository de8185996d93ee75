"""Postings and word-pair rows are keyed by segment << bits | token (or bucket) instead of carrying
indexes on (token, segment) and (bucket, segment): a segment is written at the end of each table and
dropped as one range, so writing the index no longer slows down as it grows (docs/knowledge.md, "The
search engine"). The index is derived data: it is emptied and the existing records are indexed again."""

from django.db import migrations, models

import palermo.knowledge.models.search


def drop_segments(apps, schema_editor):
    table = schema_editor.quote_name(apps.get_model("knowledge", "SearchSegment")._meta.db_table)
    schema_editor.execute(f"DELETE FROM {table}")  # in SQL: the ORM would look for the dropped tables


def index_existing_records(apps, schema_editor):
    records = apps.get_model("knowledge", "Record").objects
    if records.exists():
        from palermo.knowledge.search.index import index_records

        index_records(records.values_list("id", flat=True))


class Migration(migrations.Migration):

    dependencies = [
        ("knowledge", "0005_search_segments"),
    ]

    operations = [
        migrations.DeleteModel(name="SearchPostings"),
        migrations.DeleteModel(name="SearchPairs"),
        migrations.RunPython(drop_segments, drop_segments),
        migrations.CreateModel(
            name="SearchPostings",
            fields=[
                ("key", palermo.knowledge.models.search.RowKey(primary_key=True, serialize=False)),
                ("records", models.BinaryField()),
                ("counts", models.BinaryField()),
            ],
        ),
        migrations.CreateModel(
            name="SearchPairs",
            fields=[
                ("key", palermo.knowledge.models.search.RowKey(primary_key=True, serialize=False)),
                ("keys", models.BinaryField()),
                ("ends", models.BinaryField()),
                ("occurrences", models.BinaryField()),
            ],
        ),
        migrations.RunPython(index_existing_records, migrations.RunPython.noop),
    ]
