"""Tie strength (docs/domain.md), study settings with defaults and validation, actor-type groups."""

from __future__ import annotations

import pytest

from coding.analysis.inputs import TieRatings, actor_types
from coding.analysis.strength import strength_class, tie_strength
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import org, person


class TestTieStrength:
    def test_equal_weights_give_the_scaled_mean(self) -> None:
        assert tie_strength(TieRatings(4, 2, 0, 2)) == pytest.approx((1 + 0.5 + 0 + 0.5) / 4)

    def test_weights_and_unrated_components(self) -> None:
        assert tie_strength(TieRatings(4, 0, None, None), (3.0, 1.0, 1.0, 1.0)) == pytest.approx(0.75)
        assert tie_strength(TieRatings(time=2)) == pytest.approx(0.5)
        assert tie_strength(TieRatings()) is None
        assert tie_strength(TieRatings(4, None, None, None), (0.0, 1.0, 1.0, 1.0)) is None

    def test_a_rating_off_the_scale_is_an_error(self) -> None:
        with pytest.raises(ValueError, match=r"outside 0\.\.4"):
            tie_strength(TieRatings(time=5))

    def test_the_cut_off_belongs_to_strong(self) -> None:
        assert strength_class(0.5, 0.5) == "strong"
        assert strength_class(0.49, 0.5) == "weak"
        assert strength_class(None, 0.5) is None


class TestSettings:
    def test_defaults_are_documented_values(self) -> None:
        settings = AnalysisSettings()
        assert settings.tie_strength_weights == (1.0, 1.0, 1.0, 1.0)
        assert settings.strong_tie_cutoff == 0.5
        assert settings.as_dict()["club_trust_bases"] == list(settings.club_trust_bases)

    def test_overrides_round_trip_through_json_values(self) -> None:
        settings = AnalysisSettings.from_overrides({"weight_time": 2, "club_trust_bases": ["integrity"]})
        assert settings.weight_time == 2.0
        assert AnalysisSettings.from_overrides(settings.as_dict()) == settings

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"unknown": 1}, "Unknown analysis setting 'unknown'"),
            ({"strong_tie_cutoff": 1.5}, "'strong_tie_cutoff' must lie between 0 and 1"),
            ({"strong_tie_cutoff": "high"}, "must be a finite number"),
            ({"club_min_members": 0}, "'club_min_members' must be at least 1"),
            ({"club_min_members": 2.5}, "must be an integer"),
            ({"weight_time": -1}, "'weight_time' must not be negative"),
            ({"club_trust_bases": ["gossip"]}, "unknown trust bases"),
            ({"regime_conflict_counts_as_rivalry": 1}, "must be true or false"),
        ],
    )
    def test_bad_overrides_name_the_setting(self, overrides: dict, message: str) -> None:
        with pytest.raises(ValueError, match=message):
            AnalysisSettings.from_overrides(overrides)


def test_persons_are_grouped_with_their_employer_s_type() -> None:
    actors = [org(1, "university"), org(2, ""), person(3, affiliation_id=1), person(4, affiliation_id=2), person(5)]
    assert actor_types(actors) == {1: "university", 2: "organisation", 3: "university", 4: "person", 5: "person"}


def test_strongest_first_puts_unrated_last_and_keeps_equal_strengths_in_their_order():
    from coding.analysis.strength import strongest_first

    rows = [("a", 0.25), ("b", None), ("c", 0.9), ("d", 1), ("e", 0.9), ("f", "x"), ("g", True)]
    # 1 > 0.9 (c before e: given order) > 0.25; then the unrated in their order: None, "x", True.
    assert [name for name, _ in strongest_first(rows, lambda row: row[1])] == ["d", "c", "e", "a", "b", "f", "g"]
