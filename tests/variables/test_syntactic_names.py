"""How an import converts a variable name written by people into a syntactic one (pure, no
database): the expected names are written out by hand from the rules in
``coding.variables.interchange`` (NFKD without accents, a few letters spelt out, one underscore
between words, ``v_`` before a leading digit, at most 63 characters, ``_2``, ``_3`` when taken)."""

from __future__ import annotations

import pytest

from coding.variables.interchange import syntactic_name
from coding.variables.values import NAME_PATTERN


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Age group", "Age_group"),
        ("Alter (Jahre)", "Alter_Jahre"),
        ("2nd wave", "v_2nd_wave"),
        ("Größe des Unternehmens", "Grosse_des_Unternehmens"),
        ("Région d'étude", "Region_d_etude"),
        ("Økonomi/Æra", "Okonomi_AEra"),
        ("  __Sector__  ", "Sector"),
        ("東京", "variable"),
        ("x" * 70, "x" * 63),
    ],
)
def test_a_written_name_becomes_a_syntactic_one(written, expected):
    assert syntactic_name(written) == expected
    assert NAME_PATTERN.match(expected)


def test_a_taken_name_gets_the_next_free_number_and_stays_at_most_63_characters():
    assert syntactic_name("Age group", {"Age_group", "Age_group_2"}) == "Age_group_3"
    assert syntactic_name("y" * 70, {"y" * 63}) == "y" * 61 + "_2"
