"""Reading the analysis page's network endpoint in tests: its compact rows as dicts."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def network(client: Any, region: Any, **query: Any) -> dict[str, Any]:
    """The endpoint's JSON with ``actors`` and ``ties`` as dicts keyed by ``actor_fields`` / ``tie_fields``."""
    response = client.get(reverse("analysis:region-network", args=[region.pk]), query)
    assert response.status_code == 200, response.content
    payload = response.json()
    return {
        **payload,
        "actors": [dict(zip(payload["actor_fields"], row, strict=True)) for row in payload["actors"]],
        "ties": [dict(zip(payload["tie_fields"], row, strict=True)) for row in payload["ties"]],
    }
