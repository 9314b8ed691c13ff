"""The layout's rules hold: import contracts (pyproject.toml, checked by import-linter) and module size.

The contracts are run on the real tree, and once on a small tree made here that breaks each of
them, so a contract that no longer catches anything (a typo in a module name, a wildcard that
matches nothing) fails this file too.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("cases", "coding", "cluster_site")
MAX_MODULE_LINES = 400
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_tree_keeps_every_import_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    assert result.stdout.count(" KEPT") == len(contracts) >= 4


# A tree that breaks each contract once; each module is named after the contract it breaks.
BROKEN_TREE = {
    "cases/__init__.py": "",
    "cases/views.py": "def page():\n    from coding import api  # a function-level import still counts\n",
    "cases/forms.py": "",
    "cases/sneaky.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from coding import models\n",
    "coding/__init__.py": "",
    "coding/models.py": "import django\n",
    "coding/api/__init__.py": "",
    "coding/api/views.py": "from coding.workbench import forms\n",
    "coding/api/exports.py": "from coding.exchange import views\n",
    "coding/workbench/__init__.py": "",
    "coding/workbench/forms.py": "",
    "coding/workbench/agreement.py": "from coding.workbench import helpers\n",
    "coding/workbench/helpers.py": "from django.db import models\n",
    "coding/exchange/__init__.py": "",
    "coding/exchange/views.py": "",
    "coding/exchange/refi/__init__.py": "",
    "coding/exchange/refi/qdpx.py": "import cases.forms\n",
    "coding/analysis/__init__.py": "",
    "coding/analysis/metrics.py": "from django.conf import settings\n",
    "cluster_site/__init__.py": "",
}


def named_modules(config: dict) -> set[str]:
    """The modules of our packages that the contracts name (import-linter wants each to exist)."""
    names = set()
    for contract in config["tool"]["importlinter"]["contracts"]:
        for name in contract.get("source_modules", []) + contract.get("forbidden_modules", []):
            if name.split(".")[0] in PACKAGES and "*" not in name:
                names.add(name)
    return names


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        for parent in path.relative_to(root).parents:
            if parent != Path(".") and not (root / parent / "__init__.py").exists():
                (root / parent / "__init__.py").write_text("")


def test_each_contract_catches_what_it_forbids(tmp_path: Path):
    config = (ROOT / "pyproject.toml").read_text()
    named = named_modules(tomllib.loads(config))
    folders = {str(Path(file).parent) for file in BROKEN_TREE}
    stubs = {name.replace(".", "/") + ".py": "" for name in named if name.replace(".", "/") not in folders}
    write_tree(tmp_path, {**stubs, **BROKEN_TREE})
    (tmp_path / "pyproject.toml").write_text(config[config.index("[tool.importlinter]") :])
    result = lint_imports(tmp_path)
    report = result.stdout
    assert result.returncode == 1, report + result.stderr
    expected = [
        "cases is not allowed to import coding",  # cases.views (in a function), cases.sneaky (TYPE_CHECKING)
        "coding.analysis is not allowed to import django",
        "coding.workbench.agreement is not allowed to import django",  # through a helper
        "coding.exchange.refi.qdpx is not allowed to import cases",
        "coding.api is not allowed to import coding.workbench.forms",
        "coding.api is not allowed to import coding.exchange.views",
        "cases.views is not allowed to import coding.api",
    ]
    missing = [line for line in expected if line not in report]
    assert not missing, report
    assert "cases.sneaky -> coding.models" in report


def production_modules() -> list[Path]:
    return [
        path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
    ]


@pytest.mark.parametrize("path", production_modules(), ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_is_longer_than_the_limit(path: Path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_MODULE_LINES, f"{lines} lines: split it by meaning"
