"""Importing a .qdc into a new scheme version: the tree arrives whole or not at all."""

from __future__ import annotations

import uuid

import pytest

from coding.exchange.qdc import codebook
from coding.exchange.records import CodeRecord, ImportErrors
from coding.exchange_services import import_codebook
from coding.models import Code, CodingScheme

A, B, C = (str(uuid.uuid4()) for _ in range(3))


@pytest.mark.django_db
def test_new_versions_are_numbered_and_keep_the_tree():
    data = codebook([CodeRecord(A, "Cooperation", None, "#F58518"), CodeRecord(B, "Joint R&D", A)])
    first = import_codebook(data, name="Cluster codes")
    second = import_codebook(data, name="Cluster codes")
    assert (first.version, second.version) == (1, 2)
    assert second.based_on == first
    child = Code.objects.get(scheme=second, name="Joint R&D")
    assert child.parent.name == "Cooperation" and child.parent.scheme == second


@pytest.mark.django_db
def test_invalid_code_rolls_everything_back():
    data = codebook([CodeRecord(A, "Fine"), CodeRecord(C, "x" * 150 + "y" * 40)])
    data = data.replace(b"y" * 40, b"y" * 60)  # 210 characters: too long for a name
    with pytest.raises(ImportErrors):
        import_codebook(data, name="Broken")
    assert not CodingScheme.objects.filter(name="Broken").exists()
    assert not Code.objects.filter(name="Fine").exists()
