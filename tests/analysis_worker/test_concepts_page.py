"""The analysis page's "Concepts of the article" section, computed by the task from database rows."""

from __future__ import annotations

import re

from django.urls import reverse

from coding.worker import tasks
from coding.worker.models import RegionAnalysisState
from tests import factories


def _computed(region) -> None:
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_concepts_section_names_spin_offs_humus_and_gatekeepers(client, network, region, alice):
    # The fixture's University gets a spin-off that cooperates with it in the later wave, after
    # meeting it (as competitors) at a café in the earlier wave; an external partner ties to Firm 0.
    university, firms = network["university"], network["firms"]
    spin_off = factories.OrganisationFactory(
        region=region, name="Spin-off", org_type="firm_spinoff", spun_off_from=university
    )
    partner = factories.OrganisationFactory(region=region, name="Partner abroad", location="external")
    early = factories.WaveFactory(region=region, label="Wave 2019", start="2019-01-01")
    late = factories.WaveFactory(region=region, label="Wave 2023", start="2023-01-01")
    factories.InteractionFactory(
        region=region,
        source=spin_off,
        target=university,
        setting="cafe",
        mode_cooperation=False,
        mode_competition=True,
        wave=early,
    )
    factories.InteractionFactory(region=region, source=spin_off, target=university, wave=late)
    factories.InteractionFactory(region=region, source=partner, target=firms[0])
    _computed(region)

    client.force_login(alice)
    page = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    section = _text(page[page.index('id="analysis-concepts"') :])
    # Firm 0 stands between the external partner and its three inside contacts, none tied to the
    # partner: partner → Firm 0 → Firm 1, → Firm 2 and → Researcher are three gatekeeper paths.
    assert "Regional gatekeepers (an inside actor between an outside actor and an inside one): Firm 0 (3)" in section
    assert (
        "1 spin-off with a recorded parent in the region; "
        "1 with a coded tie to the parent in this layer, 1 cooperating." in section
    )
    # One low-threshold pair (spin-off – university) in 2019, cooperating in 2023.
    assert re.search(r"Wave 2019 → Wave 2023 1 1 \(University – Spin-off\)", section)


def test_long_lists_of_the_concepts_name_fifty_and_count_the_rest():
    from coding.worker.concepts_page import LISTED, concepts_context

    ids = list(range(1, 121))  # 120 actors
    ranked = [{"id": i, "count": 200 - i} for i in ids]
    concepts = {
        "weak_and_strong": {"combining_share": 0.5, "combining_actor_ids": ids},
        "location_brokerage": {
            "regional_gatekeepers": ranked,
            "regional_representatives": ranked[:3],
            "external_itinerants": [],
        },
        "spin_offs": {"pairs": [{"spin_off": i, "parent": i + 1, "tie_ids": [i], "modes": []} for i in ids]},
        "trust_by_position": {"rows": {}, "contacts": 0},
        "hierarchy_levels": {},
        "low_threshold_to_cooperation": [],
    }
    shown = concepts_context(concepts, {i: f"A{i}" for i in ids}, {}, str)
    assert LISTED == 50
    combining = shown["weak_and_strong"]["combining_names"]
    assert combining == ", ".join(f"A{i}" for i in range(1, 51)) + " … and 70 more"  # 120 − 50
    assert shown["gatekeepers"] == [(f"A{i}", 200 - i) for i in range(1, 51)] and shown["gatekeepers_more"] == 70
    assert shown["representatives"] == [("A1", 199), ("A2", 198), ("A3", 197)] and shown["representatives_more"] == 0
    assert len(shown["spin_offs"]["rows"]) == 50 and shown["spin_offs"]["rows_more"] == 70
