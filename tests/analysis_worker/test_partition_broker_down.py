"""Partitions on request while the broker is unreachable: degrade, don't fail."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.partitions import services
from coding.partitions.models import PartitionFigures

pytestmark = pytest.mark.django_db


def test_a_small_region_is_computed_in_the_request_while_the_broker_is_down(client, alice, network, region, sent):
    sent.down()  # the Celery app really fails to connect
    client.force_login(alice)
    html = client.get(reverse("partitions:region", args=[region.pk]), {"attribute": "org_type"}).content.decode()
    assert 'data-status="ok"' in html, "computed during the request, not left waiting"
    row = PartitionFigures.objects.get(region=region, attribute="org_type")
    assert row.status == "ok" and {group["group"] for group in row.result["groups"]} == {
        "firm_sme", "university", "(no value)",
    }  # fmt: skip


def test_a_large_region_waits_for_the_worker_and_is_queued_once_the_broker_is_back(
    client, alice, network, region, sent, monkeypatch
):
    monkeypatch.setattr(services, "SYNC_MAX_ACTORS", 3)  # the five actors of ``network`` are "large" now
    sent.down()
    client.force_login(alice)
    url = reverse("partitions:region", args=[region.pk])
    response = client.get(url, {"attribute": "org_type"})
    assert response.status_code == 200 and 'data-status="waiting"' in response.content.decode()
    assert "waiting for the worker" in response.content.decode()

    sent.up()
    assert 'data-status="queued"' in client.get(url, {"attribute": "org_type"}).content.decode()
    assert [args[0] for args, _headers in _partition_messages(sent)] == [region.pk]


def _partition_messages(sent):
    import base64
    import json

    found = []
    for raw in sent.redis.lrange(sent.queue, 0, -1):
        envelope = json.loads(raw)
        if envelope["headers"].get("task") == "coding.partitions.tasks.compute_partition":
            args, _kwargs, _embed = json.loads(base64.b64decode(envelope["body"]))
            found.append((tuple(args), envelope["headers"]))
    return found
