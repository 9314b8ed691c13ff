"""The exports page and the imports are reachable from the study and region pages; the study
settings carry whether coders may add codes."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def links(client, url: str) -> str:
    return client.get(url).content.decode()


def test_the_study_page_links_exports_and_imports(client, alice, bob, carol, study, region):
    exports = reverse("exports:study-list", args=[study.pk])
    qdpx = reverse("exports:study-qdpx-import", args=[study.pk])
    dump = reverse("exports:study-import")
    csv = reverse("exports:csv-import", args=[region.pk])
    page = reverse("cases:study-detail", args=[study.pk])
    client.force_login(alice)
    lead = links(client, page)
    assert all(f'href="{url}"' in lead for url in (exports, qdpx, dump, csv))
    client.force_login(bob)  # coders import CSV, not projects
    coder = links(client, page)
    assert f'href="{exports}"' in coder and f'href="{csv}"' in coder and f'href="{qdpx}"' not in coder
    client.force_login(carol)  # viewers export only
    viewer = links(client, page)
    assert f'href="{exports}"' in viewer and f'href="{csv}"' not in viewer and f'href="{qdpx}"' not in viewer


def test_the_region_page_links_exports_and_imports(client, alice, carol, study, region):
    page = reverse("cases:region-detail", args=[region.pk])
    client.force_login(alice)
    lead = links(client, page)
    assert f'href="{reverse("exports:study-list", args=[study.pk])}#region-{region.pk}"' in lead
    assert f'href="{reverse("exports:study-qdpx-import", args=[study.pk])}"' in lead
    assert f'href="{reverse("exports:csv-import", args=[region.pk])}"' in lead
    client.force_login(carol)
    assert f'href="{reverse("exports:csv-import", args=[region.pk])}"' not in links(client, page)
    assert f'id="region-{region.pk}"' in links(client, reverse("exports:study-list", args=[study.pk]))


def test_a_lead_lets_coders_add_codes_in_the_study_settings(client, alice, study):
    client.force_login(alice)
    url = reverse("cases:study-settings", args=[study.pk])
    form = client.get(url).context["form"]
    assert "coders_add_codes" in form.fields
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"coders_add_codes": "on", "analysis_settings": "{}", "coding_scheme": study.coding_scheme_id})
    data["loaded_version"] = form.fields["loaded_version"].initial
    data.pop("allow_self_ties", None)
    data.pop("keep_ties_after_withdrawal", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    study.refresh_from_db()
    assert study.coders_add_codes is True
