"""The analysis page gives both levels side by side and says which level each sentence is about;
the loader reads in which waves each actor was interviewed (docs/levels.md)."""

from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import Study
from coding.analysis import glossary
from coding.worker import tasks
from coding.worker.loader import load_region_inputs
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState
from tests import factories


def _computed(region) -> None:
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)


def _cell(html: str, attribute: str, key: str) -> str:
    return re.search(rf'{attribute}="{key}">([^<]*)<', html).group(1)


def test_the_page_shows_both_levels_side_by_side(client, network, region, alice):
    # As coded: 3 firms, the university and its researcher (5 vertices). At the organisation level
    # the researcher is folded into the university: 4 vertices, and the researcher's rivalry tie to
    # firm 0 becomes a university – firm 0 tie, so 4 connected pairs at both levels.
    _computed(region)
    client.force_login(alice)
    html = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    assert (_cell(html, "data-metric", "actors"), _cell(html, "data-metric-organisation", "actors")) == ("5", "4")
    assert (_cell(html, "data-metric", "edges"), _cell(html, "data-metric-organisation", "edges")) == ("4", "4")
    levels = html[html.index('id="analysis-levels"') : html.index("<h2>Network</h2>")]
    assert "5 vertices: 4 organisations, 1 person" in levels
    assert "1 person folded into their organisation, 0 without an affiliation kept as own vertex" in levels
    assert glossary.LEVELS["as_coded"].meaning in levels
    structure = html[html.index('id="classification-structure"') :]
    structure = structure[: structure.index('id="classification-club_like_core"')]
    as_coded = structure[
        structure.index('<div data-level="as_coded">') : structure.index('<div data-level="organisation">')
    ]
    assert "<p><strong>As coded:</strong>" in as_coded  # the sentence says which level it is about
    assert '<div data-level="organisation">' in structure and "<strong>Organisation level:</strong>" in structure
    # The organisation level's vertices are listed apart, the university by name, the researcher not.
    table = html[html.index('id="analysis-organisation-actors"') :]
    table = table[: table.index("</details>")]
    assert f'data-organisation-actor="{network["university"].pk}"' in table
    assert f'data-organisation-actor="{network["researcher"].pk}"' not in table


def test_the_api_carries_the_organisation_level(client, network, region, alice):
    _computed(region)
    client.force_login(alice)
    snapshot = AnalysisSnapshot.objects.get(region=region, wave=None, layer="all")
    body = client.get(f"/api/snapshots/{snapshot.pk}/").json()
    organisation = body["result"]["levels"]["organisation"]
    assert organisation["metrics"]["actors"] == 4
    assert organisation["folding"]["folded_person_ids"] == [network["researcher"].pk]
    assert body["result"]["metrics"]["actors"] == 5  # the level as coded keeps its keys


def test_the_loader_reads_the_waves_of_each_interviewee(region):
    wave = factories.WaveFactory(region=region)
    person = factories.PersonFactory(region=region)
    never = factories.PersonFactory(region=region)
    factories.InterviewFactory(region=region, wave=wave).interviewees.add(person)
    factories.InterviewFactory(region=region).interviewees.add(person)  # no wave
    actors = {actor.id: actor for actor in load_region_inputs(region.pk).actors}
    assert actors[person.pk].interview_wave_ids == frozenset({wave.pk, None})
    assert actors[person.pk].interviewed is True
    assert actors[never.pk].interview_wave_ids == frozenset() and actors[never.pk].interviewed is False


def test_the_migration_drops_the_retired_structure_settings_and_keeps_the_others(study):
    Study.objects.filter(pk=study.pk).update(
        analysis_settings={"closure_min_transitivity": 0.3, "broker_max_constraint": 0.2, "strong_tie_cutoff": 0.6}
    )
    migration = importlib.import_module("cases.migrations.0008_retire_analysis_settings")
    migration.drop_retired(apps, None)
    study.refresh_from_db()
    assert study.analysis_settings == {"strong_tie_cutoff": 0.6}


def test_a_retired_structure_setting_is_refused_on_the_study(study):
    study.analysis_settings = {"brokerage_min_broker_share": 0.05}
    with pytest.raises(ValidationError, match=r"'brokerage_min_broker_share' was retired: structure is now Burt's"):
        study.full_clean()
