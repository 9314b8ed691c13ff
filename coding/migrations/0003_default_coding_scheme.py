"""Data migration: the default coding scheme (docs/domain.md), editable in the admin."""

from __future__ import annotations

from django.db import migrations

from coding.codebook.default_scheme import install_default_scheme, remove_default_scheme


class Migration(migrations.Migration):
    dependencies = [("coding", "0002_postgres_cross_row_constraints")]
    operations = [migrations.RunPython(install_default_scheme, remove_default_scheme)]
