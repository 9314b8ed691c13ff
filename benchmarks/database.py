"""A PostgreSQL database of a benchmark's own, and Django set up on it: shared by the scripts.

The test settings (DEBUG off, static files from the finders) on a database the script creates
afresh, so figures never depend on what an earlier run left behind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432"


def drop_database(name: str) -> None:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)


def recreate_database(name: str) -> None:
    drop_database(name)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)


def setup_django(name: str) -> None:
    """Django on database ``name`` with the test settings; the test client's host is allowed."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"{PG}/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster_site.settings_test")  # DEBUG off, static by finders
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")  # the test client's host name
    import warnings

    import django

    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: static files come from finders
    django.setup()


def fresh_django(name: str) -> None:
    """A new, empty database ``name`` with every migration applied, and Django set up on it."""
    recreate_database(name)
    setup_django(name)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
