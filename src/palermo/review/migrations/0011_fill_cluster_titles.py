"""Clusters copied into cycles before their names were held in six languages get them
(data/cluster-titles.json, keyed by the English name)."""

import json
from pathlib import Path

from django.db import migrations

TITLES = Path(__file__).resolve().parent.parent / "data" / "cluster-titles.json"


def fill_titles(apps, schema_editor):
    titles = json.loads(TITLES.read_text(encoding="utf-8"))["titles"]
    for cluster in apps.get_model("review", "Cluster").objects.filter(titles={}, title__in=titles):
        cluster.titles = titles[cluster.title]
        cluster.save(update_fields=["titles"])


class Migration(migrations.Migration):
    dependencies = [("review", "0010_cluster_titles_in_six_languages")]

    operations = [migrations.RunPython(fill_titles, migrations.RunPython.noop)]
