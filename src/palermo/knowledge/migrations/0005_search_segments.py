"""The search index moves from FTS5 / tsvector over stored passages to segments of postings read by NumPy
(see docs/knowledge.md, "The search engine"). Existing records are indexed again in 0006."""

import django.db.models.deletion
import uuid
from importlib import import_module
from django.db import migrations, models


def drop_full_text_tables(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS knowledge_passage_fts")


def restore_full_text_tables(apps, schema_editor):
    forward = import_module("palermo.knowledge.migrations.0003_search_index").forward
    forward(apps, schema_editor)


def index_existing_records(apps, schema_editor):
    """Existing records are indexed at the end of 0006, which changes the index tables again (the indexer is
    today's code, which writes today's tables)."""


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0004_attachment'),
    ]

    operations = [
        migrations.RunPython(drop_full_text_tables, restore_full_text_tables),
        migrations.CreateModel(
            name='SearchSegment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('uid', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('records', models.PositiveIntegerField(default=0)),
                ('columns', models.BinaryField()),
                ('created', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='SearchToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.CharField(max_length=200, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name='SearchPairs',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('bucket', models.PositiveIntegerField()),
                ('keys', models.BinaryField()),
                ('ends', models.BinaryField()),
                ('occurrences', models.BinaryField()),
                ('segment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='knowledge.searchsegment')),
            ],
        ),
        migrations.CreateModel(
            name='SearchPostings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('records', models.BinaryField()),
                ('counts', models.BinaryField()),
                ('segment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='knowledge.searchsegment')),
                ('token', models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='knowledge.searchtoken')),
            ],
        ),
        migrations.DeleteModel(
            name='Passage',
        ),
        migrations.AddIndex(
            model_name='searchpairs',
            index=models.Index(fields=['bucket', 'segment'], name='search_pairs_bucket_idx'),
        ),
        migrations.AddIndex(
            model_name='searchpostings',
            index=models.Index(fields=['token', 'segment'], name='search_postings_token_idx'),
        ),
        migrations.RunPython(index_existing_records, migrations.RunPython.noop),
    ]
