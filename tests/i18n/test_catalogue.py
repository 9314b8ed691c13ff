"""Every text marked for translation has a German translation, and the compiled catalogue is used.

The catalogue is extracted afresh from the code (``makemessages``, for Python/templates and for
the scripts) in a copy of the project, so a string marked today but not translated fails here,
whatever the committed ``.po`` files say.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
IGNORE = ["--ignore=.venv", "--ignore=tests", "--ignore=benchmarks", "--ignore=var", "--ignore=staticfiles"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("project")
    for name in ("cases", "coding", "cluster_site", "templates", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(ROOT / "static", copy / "static", ignore=shutil.ignore_patterns("vendor"))
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {**os.environ, "DJANGO_DEBUG": "true", "DJANGO_SETTINGS_MODULE": "cluster_site.settings"}
    for domain in ("django", "djangojs"):
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "de", "-d", domain, "--no-obsolete", *IGNORE],
            cwd=copy,
            env=env,
            check=True,
            capture_output=True,
        )
    return copy / "locale" / "de" / "LC_MESSAGES"


def _entries(po: Path, *flags: str) -> str:
    result = subprocess.run(["msgattrib", *flags, str(po)], check=True, capture_output=True, text=True)
    return result.stdout


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_marked_text_has_a_german_translation(extracted: Path, domain: str) -> None:
    po = extracted / f"{domain}.po"
    assert _entries(po, "--untranslated", "--no-obsolete") == "", f"untranslated in locale/de/{domain}.po"
    assert _entries(po, "--only-fuzzy", "--no-obsolete") == "", f"fuzzy (unchecked) entries in locale/de/{domain}.po"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalogue_compiles_with_matching_placeholders(domain: str) -> None:
    po = ROOT / "locale" / "de" / "LC_MESSAGES" / f"{domain}.po"
    result = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_compiled_german_catalogue_is_loaded() -> None:
    with translation.override("de"):
        assert translation.gettext("Skip to content") == "Zum Inhalt springen"
    with translation.override("en-gb"):
        assert translation.gettext("Skip to content") == "Skip to content"
