"""Issue 19's concept rules where they meet the database and the pages: the loader reads size
bands, the analysis page links each classification to its documentation, that page serves the
docs/classifications files, and migration cases/0008 drops the retired settings."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import Study
from coding.analysis import glossary
from coding.worker import tasks
from coding.worker.loader import load_region_inputs
from coding.worker.models import RegionAnalysisState
from tests import factories

pytestmark = pytest.mark.django_db
DOCS = Path(settings.BASE_DIR) / "docs" / "classifications"


def test_the_loader_reads_each_organisation_s_size_band(region):
    small = factories.OrganisationFactory(region=region, name="Small firm", org_type="firm_sme", size_band="small")
    unknown = factories.OrganisationFactory(region=region, name="Start-up", org_type="firm_startup", size_band="")
    actors = {actor.id: actor for actor in load_region_inputs(region.pk).actors}
    assert actors[small.pk].size_band == "small"
    assert actors[unknown.pk].size_band == ""


def test_every_classification_links_to_its_documentation(client, network, region, alice):
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)
    client.force_login(alice)
    html = client.get(reverse("analysis:region", args=[region.pk])).content.decode()
    docs = reverse("analysis:classification-docs")
    for name in glossary.CLASSIFICATION_DOCS:
        card = html[html.index(f'id="classification-{name}"') :]
        card = card[: card.index("</div>")]
        assert f'href="{docs}#{name}"' in card, name
    # community mixes link to the Grabher mix's section
    community = html[html.index('id="classification-grabher_mix_community_') :]
    assert f'href="{docs}#grabher_mix"' in community[: community.index("</div>")]


def test_the_documentation_page_shows_each_file_with_the_article_s_sentence(client, alice):
    client.force_login(alice)
    response = client.get(reverse("analysis:classification-docs"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in glossary.CLASSIFICATION_DOCS:
        assert f'<section class="card classification-doc" id="{name}">' in html
        text = (DOCS / f"{name}.md").read_text(encoding="utf-8")
        for heading in ("## Concept", "## Rule", "## Known limits"):
            assert heading in text, (name, heading)
    # the German sentence with its gloss, escaped as text (the quotes are not HTML)
    assert "Privatsphäre der Mitglieder epistemischer Gemeinschaften" in html
    assert "‚Communality‘ zeichnet sich" in html


def test_the_migration_drops_retired_settings_and_keeps_the_others(study):
    Study.objects.filter(pk=study.pk).update(
        analysis_settings={"district_max_blau": 0.4, "boundary_spanner_min_crossing_ties": 2, "strong_tie_cutoff": 0.6}
    )
    migration = importlib.import_module("cases.migrations.0008_retire_analysis_settings")
    migration.drop_retired(apps, None)
    study.refresh_from_db()
    assert study.analysis_settings == {"strong_tie_cutoff": 0.6}


def test_a_retired_setting_is_refused_with_what_replaced_it(study):
    study.analysis_settings = {"club_min_density": 0.5}
    with pytest.raises(ValidationError, match=r"'club_min_density' was retired: .*club_min_core_fit"):
        study.full_clean()
