from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coding", "0024_pipeline_computed_by"),
    ]

    operations = [
        migrations.AddField(
            model_name="analysissnapshot",
            name="evidence",
            field=models.JSONField(blank=True, help_text="Full evidence of the classifications.", null=True),
        ),
    ]
