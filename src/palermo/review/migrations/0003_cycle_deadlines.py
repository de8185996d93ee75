"""Cycles launched before deadlines were stored get the bundled ones (clusters.json)."""

import json
from pathlib import Path

from django.db import migrations

CLUSTERS = Path(__file__).resolve().parent.parent / "data" / "clusters.json"


def fill_deadlines(apps, schema_editor):
    deadlines = json.loads(CLUSTERS.read_text(encoding="utf-8"))["deadlines"]
    deadlines = {step: value for step, value in deadlines.items() if step != "source"}
    apps.get_model("review", "ReviewCycle").objects.filter(deadlines={}).update(deadlines=deadlines)


class Migration(migrations.Migration):
    dependencies = [("review", "0002_participants")]

    operations = [migrations.RunPython(fill_deadlines, migrations.RunPython.noop)]
