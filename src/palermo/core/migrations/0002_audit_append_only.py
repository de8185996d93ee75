"""Make the audit log append-only in the database itself, on SQLite and PostgreSQL."""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    # No DELETE trigger on SQLite: Django's test flush empties tables with DELETE. Deletes are refused
    # by the model and queryset instead; PostgreSQL (flushed with TRUNCATE) refuses both in the database.
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update;",
]
POSTGRES_FORWARD = [
    """CREATE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
    BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql;""",
    "CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only();",
]


def forward(apps, schema_editor):
    statements = POSTGRES_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    for statement in statements:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = POSTGRES_BACKWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
