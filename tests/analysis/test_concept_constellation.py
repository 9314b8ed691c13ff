"""Industrial district among firms and boundary spanners over spheres (docs/classifications/), on
hand-built regions with each answer derived in the comments."""

from __future__ import annotations

from coding.analysis.inputs import Tie
from coding.analysis.message import render
from coding.analysis.thresholds import AnalysisSettings
from tests.analysis.helpers import derive, org, person

COOP = frozenset({"cooperation"})


def _record(actors: list, ties: list[Tie], name: str, settings: AnalysisSettings | None = None) -> dict:
    result = derive(actors, ties, settings=settings)
    (record,) = [r for r in result["classifications"] if r["name"] == name]
    return record


def _coop(tie_id: int, a: int, b: int, **fields: object) -> Tie:
    return Tie(id=tie_id, source=a, target=b, modes=COOP, **fields)  # type: ignore[arg-type]


class TestDistrict:
    def test_smes_trading_with_each_other_are_district_like_whatever_the_other_organisations(self) -> None:
        # Firms 1..4 small or medium, firm 5 large; SMEs 4 of 5 = 80 % >= 60 %.
        # Cooperation pairs among firms: 1-2, 2-3, 3-4 (SME–SME) and 4-5 (SME–large): 3 of 4 = 75 %
        # > 50 %: district-like. Five non-firm organisations (Blau over all types would be high)
        # do not count; a rivalry tie 1-5 is no exchange and does not count either.
        firms = [org(1, "firm_startup", size_band="micro"), org(2, "firm_sme", size_band="small")]
        firms += [org(3, "firm_spinoff", size_band="small"), org(4, "firm_sme", size_band="medium")]
        firms += [org(5, "firm_large", size_band="large")]
        others = [
            org(6, "university"),
            org(7, "politics"),
            org(8, "intermediary"),
            org(9, "training"),
            org(10, "union"),
        ]
        ties = [_coop(1, 1, 2), _coop(2, 2, 3), _coop(3, 3, 4), _coop(4, 4, 5), _coop(5, 1, 6)]
        ties.append(Tie(id=6, source=1, target=5, modes=frozenset({"rivalry"})))
        record = _record(firms + others, ties, "actor_constellation")
        figures = record["figures"]
        assert (figures["sme_share_of_firms"], figures["sme_tie_share"]) == (0.8, 0.75)
        assert figures["non_firm_share"] == 0.5
        assert record["label"] == "industrial_district_like"
        assert record["actor_ids"] == [1, 2, 3, 4, 5]
        assert "SME–SME pairs are 3 of 4 firm–firm exchange pairs (75 %), above 50 %" in render(record["reason"])

    def test_a_person_s_tie_counts_as_their_employer_s_and_a_large_hub_makes_it_heterogeneous(self) -> None:
        # SMEs 1, 2, 3 and large firm 4: SME share 3 of 4 = 75 %. Exchange pairs: employee 10 of
        # firm 1 with firm 4 (-> pair 1-4), 2-4, 3-4, and 1-2: SME–SME 1 of 4 = 25 %, not above 50 %.
        # Employee 10 with own firm 1 is inside one organisation and forms no pair.
        actors = [org(i, "firm_sme", size_band="small") for i in (1, 2, 3)] + [org(4, "firm_large", size_band="large")]
        actors.append(person(10, affiliation_id=1))
        ties = [_coop(1, 10, 4), _coop(2, 2, 4), _coop(3, 3, 4), _coop(4, 1, 2), _coop(5, 10, 1)]
        record = _record(actors, ties, "actor_constellation")
        assert record["figures"]["firm_exchange_pairs"] == 4
        assert record["figures"]["sme_exchange_pairs"] == 1
        assert record["label"] == "heterogeneous_cluster"

    def test_exactly_half_is_not_a_majority(self) -> None:
        # SMEs 1, 2, large 3: SME share 67 %. Pairs 1-2 (SME–SME) and 1-3: 1 of 2 = 50 %, not above.
        actors = [org(1, size_band="micro"), org(2, size_band="small"), org(3, "firm_large", size_band="large")]
        record = _record(actors, [_coop(1, 1, 2), _coop(2, 1, 3)], "actor_constellation")
        assert record["figures"]["sme_tie_share"] == 0.5
        assert record["label"] == "heterogeneous_cluster"
        assert "(50 %), not above 50 %" in render(record["reason"])

    def test_size_band_decides_and_the_type_only_stands_in_when_it_is_missing(self) -> None:
        # Firm 1 typed SME but of size band "large" counts as large; firm 2 "firm_sme" without band
        # counts as SME; start-up 3 without band has no known size. SMEs 1 of 2 known = 50 % < 60 %.
        actors = [org(1, "firm_sme", size_band="large"), org(2, "firm_sme"), org(3, "firm_startup")]
        record = _record(actors, [], "actor_constellation")
        assert (record["figures"]["firms_of_known_size"], record["figures"]["smes"]) == (2, 1)
        assert record["label"] == "heterogeneous_cluster"

    def test_smes_without_any_firm_firm_exchange_are_undetermined(self) -> None:
        # SMEs 100 % but no cooperation joins two firms: the SME–SME share is undefined.
        actors = [org(1, size_band="small"), org(2, size_band="small"), org(3, "university")]
        record = _record(actors, [_coop(1, 1, 3)], "actor_constellation")
        assert record["figures"]["sme_tie_share"] is None
        assert record["label"] == "undetermined"
        assert "no cooperation tie joins two firms" in render(record["reason"])

    def test_a_region_without_firms_is_undetermined(self) -> None:
        record = _record([org(1, "university"), person(2, affiliation_id=1)], [], "actor_constellation")
        assert record["label"] == "undetermined"
        assert "no firms" in render(record["reason"])


class TestBoundarySpanners:
    # Firm 1 (firm sphere), university 2 (science), ministry 3 (public), firm 4 (firm).
    ORGS = [org(1, "firm_sme"), org(2, "university"), org(3, "politics"), org(4, "firm_large")]

    def test_one_tie_to_another_type_no_longer_suffices(self) -> None:
        # Person 10 (firm 1) with one tie to the university: spheres {firm, science} = 2, but with a
        # single contact there is no open two-path, so no Gould–Fernandez role: not a spanner.
        actors = [*self.ORGS, person(10, affiliation_id=1)]
        record = _record(actors, [_coop(1, 10, 2)], "boundary_spanners")
        assert record["label"] == "no_boundary_spanners"
        assert record["figures"]["persons_with_spheres_but_no_crossing_role"] == 1

    def test_two_spheres_and_a_brokerage_role_across_groups_make_a_spanner(self) -> None:
        # Person 10 (firm 1, group firm_sme) with mutual ties to the university 2 and the ministry 3,
        # which are not tied: open paths 2→10→3 and 3→10→2, all three groups differ -> liaison 2.
        # Spheres {firm (own), science, public} = 3 >= 2: a spanner.
        # Person 11 (firm 1) with ties to firms 1 and 4 (not tied to each other): paths 1→11→4 and
        # 4→11→1 are representative and gatekeeper (groups firm_sme, firm_sme, firm_large), but the
        # spheres are {firm} only: a crossing role within fewer spheres, not a spanner.
        actors = [*self.ORGS, person(10, affiliation_id=1), person(11, affiliation_id=1)]
        ties = [_coop(1, 10, 2), _coop(2, 10, 3), _coop(3, 11, 1), _coop(4, 11, 4)]
        record = _record(actors, ties, "boundary_spanners")
        assert record["actor_ids"] == [10]
        assert record["figures"]["spanners"] == {"10": {"spheres": ["firm", "public", "science"], "crossing_roles": 2}}
        assert record["figures"]["persons_with_crossing_role_in_fewer_spheres"] == 1
        assert record["tie_ids"] == [1, 2]
        assert render(record["reason"]).endswith(
            "Qualifying: 1 of 2 persons (50 %); no persons reach two spheres without such a role, one person "
            "holds such a role within fewer spheres."
        )

    def test_brokering_only_inside_one_s_own_group_is_no_spanning_role(self) -> None:
        # Person 10 of university 2 with ties to universities 5 and 6 (not tied): 5→10→6 has all
        # three in group "university": coordinator only. Spheres {science}: not a spanner either way;
        # with a required single sphere (setting 1) the coordinator role still does not count.
        actors = [*self.ORGS, org(5, "university"), org(6, "university"), person(10, affiliation_id=2)]
        settings = AnalysisSettings(boundary_spanner_min_spheres=1)
        record = _record(actors, [_coop(1, 10, 5), _coop(2, 10, 6)], "boundary_spanners", settings)
        assert record["label"] == "no_boundary_spanners"
