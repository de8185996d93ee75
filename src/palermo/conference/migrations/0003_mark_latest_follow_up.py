from django.db import migrations


def mark_latest(apps, schema_editor):
    """The latest entry of each (paragraph, State or secretariat), by time then id, is marked."""
    FollowUp = apps.get_model("conference", "FollowUp")
    seen = set()
    latest = []
    for pk, paragraph, party in FollowUp.objects.order_by("-recorded_at", "-id").values_list(
        "pk", "paragraph_id", "party_id"
    ):
        if (paragraph, party) not in seen:
            seen.add((paragraph, party))
            latest.append(pk)
    FollowUp.objects.filter(pk__in=latest).update(is_latest=True)


class Migration(migrations.Migration):
    """Data: marks the latest follow-up of each State on each paragraph."""

    dependencies = [
        ("conference", "0002_follow_up_latest"),
    ]

    operations = [
        migrations.RunPython(mark_latest, migrations.RunPython.noop),
    ]
