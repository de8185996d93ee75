from django.db import migrations, models


class Migration(migrations.Migration):
    """Schema: each follow-up says whether it is the latest of its State on its paragraph (0003 marks the
    entries recorded before; 0004 then makes it the default and unique)."""

    dependencies = [
        ("conference", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="is_latest",
            field=models.BooleanField(db_index=True, default=False),
        ),
    ]
