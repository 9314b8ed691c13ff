"""One coder codes one passage with one code once (branch ``codes``); duplicates were merged in 0006."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coding", "0006_merge_duplicate_codings"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="coding",
            constraint=models.UniqueConstraint(
                fields=("interview", "start", "end", "code", "coder"), name="coding_unique_passage_code_coder"
            ),
        ),
    ]
