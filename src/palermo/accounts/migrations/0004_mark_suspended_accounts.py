"""Accounts suspended before `suspended_at` existed: inactive with a usable password."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import migrations
from django.utils import timezone


def mark_suspended(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(is_active=False, suspended_at=None).exclude(
        password__startswith=UNUSABLE_PASSWORD_PREFIX
    ).update(suspended_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_user_suspended_at")]

    operations = [migrations.RunPython(mark_suspended, migrations.RunPython.noop)]
