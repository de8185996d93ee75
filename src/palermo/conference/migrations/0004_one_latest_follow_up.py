from django.db import migrations, models


class Migration(migrations.Migration):
    """Schema: a new follow-up is the latest; one latest per paragraph and State."""

    dependencies = [
        ("conference", "0003_mark_latest_follow_up"),
    ]

    operations = [
        migrations.AlterField(
            model_name="followup",
            name="is_latest",
            field=models.BooleanField(db_index=True, default=True),
        ),
        migrations.AddConstraint(
            model_name="followup",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_latest", True)), fields=("paragraph", "party"), name="one_latest_follow_up"
            ),
        ),
    ]
