"""Grabher's types and their mix on hand-built ties (docs/classifications/grabher_mix.md).

Rule per tie (derived in each test): only cooperation (exchange) ties get a type; communality =
strong and the private sphere included; connectivity = a medium (not face to face, not "mixed")
on institutional trust or none; sociality = weak, duration coded and not long-lasting, face to
face. The mix needs ``grabher_min_typed_ties`` typed ties; a type is in it at
``grabher_mix_min_share`` of them.
"""

from __future__ import annotations

from coding.analysis.grabher import grabher_type
from coding.analysis.inputs import Tie, TieRatings
from coding.analysis.message import render
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import derive, org

STRONG = TieRatings(4, 4, 4, 4)  # strength 1.0 >= 0.5
WEAK = TieRatings(1, 1, 1, 1)  # strength 0.25 < 0.5
COOP = frozenset({"cooperation"})


def _tie(tie_id: int, source: int = 1, target: int = 2, modes: frozenset[str] = COOP, **fields: object) -> Tie:
    return Tie(id=tie_id, source=source, target=target, modes=modes, **fields)


def _mix(ties: list[Tie], settings: AnalysisSettings | None = None, n: int = 8) -> dict:
    result = derive([org(i) for i in range(1, n + 1)], ties, settings=settings)
    (record,) = [r for r in result["classifications"] if r["name"] == "grabher_mix"]
    return record


def test_communality_needs_the_private_sphere_not_just_a_strong_long_tie() -> None:
    # strong + private sphere -> communality; strong + long-lasting without it -> no type.
    assert grabher_type(_tie(1, includes_private_sphere=True, channel="face_to_face"), 1.0, 0.5) == "communality"
    assert grabher_type(_tie(2, duration="long_lasting", channel="face_to_face"), 1.0, 0.5) is None


def test_a_pure_rivalry_or_competition_tie_gets_no_type() -> None:
    # The same fields that make tie 1 communality make a rivalry-only tie untyped: no exchange.
    fields = {"includes_private_sphere": True, "channel": "face_to_face"}
    assert grabher_type(_tie(1, modes=frozenset({"rivalry"}), **fields), 1.0, 0.5) is None
    assert (
        grabher_type(_tie(2, modes=frozenset({"competition"}), channel="email", trust_basis="none"), 0.2, 0.5) is None
    )
    # cooperation together with rivalry is still an exchange tie
    assert grabher_type(_tie(3, modes=frozenset({"cooperation", "rivalry"}), **fields), 1.0, 0.5) == "communality"


def test_the_mixed_channel_is_neither_face_to_face_nor_a_medium() -> None:
    # weak, fleeting, "mixed": not face to face, so no sociality; not a medium, so no connectivity.
    assert grabher_type(_tie(1, channel="face_to_face", duration="fleeting"), 0.25, 0.5) == "sociality"
    assert grabher_type(_tie(2, channel="mixed", duration="fleeting"), 0.25, 0.5) is None
    assert grabher_type(_tie(3, channel="mixed", trust_basis="none"), 0.25, 0.5) is None
    assert grabher_type(_tie(4, channel="video", trust_basis="institutional"), 0.25, 0.5) == "connectivity"


def test_sociality_needs_a_coded_temporary_duration() -> None:
    # duration blank: not evidenced as temporary; long-lasting: not fleeting.
    assert grabher_type(_tie(1, channel="face_to_face", duration=""), 0.25, 0.5) is None
    assert grabher_type(_tie(2, channel="face_to_face", duration="long_lasting"), 0.25, 0.5) is None
    assert grabher_type(_tie(3, channel="face_to_face", duration="medium"), 0.25, 0.5) == "sociality"


def test_the_mix_shows_each_type_s_share_and_which_reach_the_minimum() -> None:
    # Ten exchange ties on a path 1-2-...: 6 sociality, 3 connectivity, 1 communality -> typed 10.
    # Shares 60 %, 30 %, 10 %: sociality and connectivity reach 20 %, communality does not -> mixture.
    social = {"ratings": WEAK, "channel": "face_to_face", "duration": "fleeting"}
    media = {"ratings": WEAK, "channel": "email", "trust_basis": "none"}
    ties = [_tie(k, k % 7 + 1, k % 7 + 2, **social) for k in range(1, 7)]
    ties += [_tie(k, 1, 3, **media) for k in range(7, 10)]
    ties.append(_tie(10, 2, 4, ratings=STRONG, includes_private_sphere=True, channel="face_to_face"))
    record = _mix(ties)
    assert record["figures"]["shares"] == {"communality": 0.1, "sociality": 0.6, "connectivity": 0.3}
    assert record["figures"]["types_in_mix"] == ["sociality", "connectivity"]
    assert record["label"] == "mixture"
    assert "communality: not in the mix — 1 of 10 typed ties (10 %), below 20 %" in render(record["reason"])
    assert "(1 of 1 strong exchange tie (100 %) include the private sphere)" in render(record["reason"])
    assert "sociality: in the mix — 6 of 10 typed ties (60 %), at or above 20 %" in render(record["reason"])


def test_one_typed_tie_is_no_mix() -> None:
    # One communality tie and no other typed tie: 1 < 5 typed ties -> undetermined, share still shown.
    record = _mix([_tie(1, ratings=STRONG, includes_private_sphere=True, channel="face_to_face")])
    assert record["figures"]["shares"]["communality"] == 1.0
    assert record["label"] == "undetermined"
    assert "Rule: a mix needs at least five typed ties; only one is typed, below five, so no mix is named." in (
        render(record["reason"])
    )


def test_an_undetermined_mix_says_which_data_is_missing_on_how_many_ties() -> None:
    # Three exchange ties that are untyped for want of data:
    #   tie 1: no ratings, no channel, no duration, no trust basis (all four missing);
    #   tie 2: weak, face to face, no duration (duration missing; trust basis missing too);
    #   tie 3: email with no trust basis, weak (trust basis missing; duration missing).
    # And a rivalry tie (4), which is no exchange tie and is not counted as untyped.
    ties = [
        _tie(1),
        _tie(2, ratings=WEAK, channel="face_to_face"),
        _tie(3, ratings=WEAK, channel="email"),
        _tie(4, modes=frozenset({"rivalry"})),
    ]
    record = _mix(ties)
    figures = record["figures"]
    assert (figures["exchange_ties"], figures["classified_ties"], figures["untyped_exchange_ties"]) == (3, 0, 3)
    assert figures["missing_on_untyped_ties"] == {
        "strength ratings": 1,
        "channel": 1,
        "duration": 3,
        "trust basis": 3,
    }
    assert record["label"] == "undetermined"
    # Tie 4 is rivalry only; ties 1-3 cooperate. Tie 1 has no ratings and no channel; none of the
    # three has a duration or a trust basis.
    assert render(record["reason"]) == (
        "Of four ties, three exchange ties (cooperation) can take a type and none has one. "
        "Not cooperation: only rivalry, competition or conflict on one tie. "
        "Not coded on the three untyped exchange ties: strength ratings on one, channel on one, duration on three, "
        "trust basis on three. Rule: a mix needs at least five typed ties; none is typed, below five, "
        "so no mix is named."
    )


def test_fully_coded_ties_that_fit_no_type_are_named() -> None:
    # Dortmund's pattern: strong, long-lasting, face to face, trusted — but no private sphere.
    ties = [
        _tie(k, k, k + 1, ratings=STRONG, channel="face_to_face", duration="long_lasting", trust_basis="commitment")
        for k in range(1, 4)
    ]
    record = _mix(ties)
    assert record["figures"]["untyped_fully_coded"] == {"strong, private sphere not included": 3}
    assert "Fully coded but fitting no ideal type: three strong, private sphere not included." in render(
        record["reason"]
    )


def test_community_mixes_also_need_the_minimum() -> None:
    # Two triangles (1,2,3) social and (4,5,6) media, joined by an untyped tie 3-4. Region: 3 + 3
    # typed = 6 >= 5, each 50 % -> mixture. Each community has 3 typed ties < 5 -> undetermined,
    # where the old rule named "sociality" and "connectivity" from three ties each.
    social = {"ratings": WEAK, "channel": "face_to_face", "duration": "fleeting"}
    media = {"ratings": WEAK, "channel": "email", "trust_basis": "none"}
    ties = [_tie(1, 1, 2, **social), _tie(2, 2, 3, **social), _tie(3, 1, 3, **social)]
    ties += [_tie(4, 4, 5, **media), _tie(5, 5, 6, **media), _tie(6, 4, 6, **media), _tie(7, 3, 4)]
    result = derive([org(i) for i in range(1, 7)], ties)
    labels = {r["name"]: r["label"] for r in result["classifications"] if r["name"].startswith("grabher")}
    assert labels.pop("grabher_mix") == "mixture"
    assert set(labels.values()) == {"undetermined"} and len(labels) == 2
