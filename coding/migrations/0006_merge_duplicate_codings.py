"""Before one coder may code one passage with one code only once (branch ``codes``, 0007).

Exact duplicates written before this constraint are merged first: the oldest row stays, takes the
others' memos (joined by a blank line) and their links as evidence of ties and outcomes, and the
others are deleted. Nothing a duplicate said is lost.
"""

from django.db import migrations
from django.db.models import Count


def merge_duplicates(apps, schema_editor):
    Coding = apps.get_model("coding", "Coding")
    keys = ("interview_id", "start", "end", "code_id", "coder_id")
    groups = Coding.objects.values(*keys).annotate(n=Count("id")).filter(n__gt=1).order_by()
    for group in groups:
        rows = list(Coding.objects.filter(**{key: group[key] for key in keys}).order_by("id"))
        kept, extra = rows[0], rows[1:]
        memos = [row.memo for row in rows if row.memo]
        kept.memo = "\n\n".join(dict.fromkeys(memos))
        kept.save(update_fields=["memo"])
        for row in extra:
            for interaction in row.interactions.all():
                interaction.evidence.add(kept)
            for outcome in row.outcomes.all():
                outcome.evidence.add(kept)
            row.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("coding", "0005_analysis_snapshots"),
    ]

    operations = [
        # Its own migration: on PostgreSQL the rows' deferred triggers must fire before the
        # constraint's ALTER TABLE, i.e. in an earlier transaction.
        migrations.RunPython(merge_duplicates, migrations.RunPython.noop),
    ]
