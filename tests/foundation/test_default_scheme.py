"""The default coding scheme shipped by migration 0003 (docs/domain.md)."""

from __future__ import annotations

import pytest
from django.apps import apps as django_apps

from coding.codebook.default_scheme import (
    SCHEME_NAME,
    default_scheme_codes,
    install_default_scheme,
    remove_default_scheme,
)
from coding.models import Code, CodingScheme

pytestmark = pytest.mark.django_db

TOP_LEVEL = {
    "Proximity",
    "Coordination",
    "Trust",
    "Brokerage",
    "Collective learning",
    "Emergence",
    "Sociality type (Grabher)",
    "Actor capabilities",
    "Knowledge",
}


def test_installed_by_the_migrations_as_a_tree():
    scheme = CodingScheme.objects.get(name=SCHEME_NAME, version=1)
    codes = list(scheme.codes.select_related("parent"))
    assert {code.name for code in codes if code.parent is None} == TOP_LEVEL
    assert len(codes) == len(default_scheme_codes())
    assert any(code.parent and code.parent.parent for code in codes), "expected a third level"
    for code in codes:
        code.full_clean()  # colours, names, parents in the scheme
        assert code.definition, f"{code.name} has no definition"
    coordination = {code.name for code in codes if code.parent and code.parent.name == "Coordination"}
    assert {"Competition", "Rivalry", "Confrontation / conflict", "Cooperation"} <= coordination


def test_remove_and_install_again():
    remove_default_scheme(django_apps, None)
    assert not CodingScheme.objects.filter(name=SCHEME_NAME).exists()
    install_default_scheme(django_apps, None)
    install_default_scheme(django_apps, None)  # idempotent
    assert Code.objects.filter(scheme__name=SCHEME_NAME).count() == len(default_scheme_codes())
