"""The full-text index over passages: FTS5 on SQLite, a tsvector column with a GIN index on PostgreSQL.

Both index the same pre-computed tokens (`knowledge_passage.tokens`) without further processing.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE knowledge_passage_fts USING fts5("
    "tokens, content='knowledge_passage', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER knowledge_passage_ai AFTER INSERT ON knowledge_passage BEGIN "
    "INSERT INTO knowledge_passage_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
    "CREATE TRIGGER knowledge_passage_ad AFTER DELETE ON knowledge_passage BEGIN "
    "INSERT INTO knowledge_passage_fts(knowledge_passage_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); END",
    "CREATE TRIGGER knowledge_passage_au AFTER UPDATE ON knowledge_passage BEGIN "
    "INSERT INTO knowledge_passage_fts(knowledge_passage_fts, rowid, tokens) VALUES ('delete', old.id, old.tokens); "
    "INSERT INTO knowledge_passage_fts(rowid, tokens) VALUES (new.id, new.tokens); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS knowledge_passage_au",
    "DROP TRIGGER IF EXISTS knowledge_passage_ad",
    "DROP TRIGGER IF EXISTS knowledge_passage_ai",
    "DROP TABLE IF EXISTS knowledge_passage_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE knowledge_passage ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED",
    "CREATE INDEX knowledge_passage_search_idx ON knowledge_passage USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS knowledge_passage_search_idx",
    "ALTER TABLE knowledge_passage DROP COLUMN IF EXISTS search_vector",
]


def forward(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in POSTGRES_FORWARD if postgres else SQLITE_FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for statement in POSTGRES_BACKWARD if postgres else SQLITE_BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_passage")]
    operations = [migrations.RunPython(forward, backward)]
