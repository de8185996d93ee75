import pytest
from django.db import DatabaseError, connection, transaction

from palermo.core.audit import log_action
from palermo.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_entries_cannot_be_changed_through_the_orm():
    entry = log_action("test.event")
    entry.action = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(action="changed")


def test_entries_cannot_be_changed_in_the_database():
    entry = log_action("test.event")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'changed' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.event"


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_entries_cannot_be_deleted_in_postgresql():
    entry = log_action("test.event")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])


@pytest.mark.parametrize(
    ("remote", "recorded"), [("198.51.100.4", "198.51.100.4"), ("", None), ("unix:/run/x", None)]
)
def test_only_ip_addresses_are_recorded(rf, remote, recorded):
    from palermo.core.audit import client_address

    assert client_address(rf.get("/", REMOTE_ADDR=remote)) == recorded
