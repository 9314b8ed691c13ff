"""Reads of the comparison: the stored results of the picked regions and waves."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Q
from django.db.models.fields.json import KeyTransform

from cases.models import Region, Wave
from coding.analysis.strength import strongest_first
from coding.comparison.networks import StoredNetwork
from coding.comparison.rows import Column
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState, effective_status

# The parts of a stored result that the comparison's table reads (the networks, the bulk of a result,
# are fetched by the page's script on its own, through ``comparison_networks``).
TABLE_PARTS = ("metrics", "coverage", "classifications", "concepts", "stability")


def comparison_columns(
    picks: Sequence[tuple[Region, Wave | None]], layer: str, parts: Sequence[str] = TABLE_PARTS
) -> list[Column]:
    """The stored results of the picked regions (all waves) and waves on ``layer``: two queries.

    Only the named ``parts`` of each result are read (in the database, as JSON key lookups). Each
    column carries the status the reader must see (``effective_status``): a result computed from
    an older input version is "stale" (or "queued"), never current.
    """
    all_waves = [region.pk for region, wave in picks if wave is None]
    wave_ids = [wave.pk for _region, wave in picks if wave is not None]
    snapshots = (
        AnalysisSnapshot.objects.filter(
            Q(region_id__in=all_waves, wave__isnull=True) | Q(wave_id__in=wave_ids), layer=layer
        )
        .only("region_id", "wave_id", "status", "input_version", "started_at")
        .annotate(**{f"part_{part}": KeyTransform(part, "result") for part in parts})
    )
    by_key = {(snapshot.region_id, snapshot.wave_id): snapshot for snapshot in snapshots}
    states = {
        state.region_id: state
        for state in RegionAnalysisState.objects.filter(region_id__in={region.pk for region, _wave in picks})
    }
    columns = []
    for region, wave in picks:
        snapshot = by_key.get((region.pk, wave.pk if wave else None))
        result = {part: getattr(snapshot, f"part_{part}") for part in parts} if snapshot else {}
        columns.append(
            Column(
                region_id=region.pk,
                region_name=region.name,
                study_id=region.study_id,
                status=effective_status(snapshot, states.get(region.pk)),
                result=result if any(value is not None for value in result.values()) else None,
                wave_id=wave.pk if wave else None,
                wave_label=wave.label if wave else "",
                layer=layer,
            )
        )
    return columns


# The networks' parts, cut down in the database: parsing a 50,000-tie result's every field in Python
# to keep four of them and the strongest 2,000 ties was most of the endpoint's time (issue 17). The
# result is opened once per row (jsonb_to_record): each ``result -> key`` would decompress all of it
# again, 50 ms for a 12 MB result. A part that is not an array reads as empty.
_NETWORKS_SQL = """
SELECT s.region_id, s.wave_id,
  CASE WHEN jsonb_typeof(part.actors) = 'array' THEN (
    SELECT coalesce(jsonb_agg(jsonb_build_array(a -> 'id', a -> 'name', a -> 'actor_type', a -> 'location')
                              ORDER BY n), '[]'::jsonb)
    FROM jsonb_array_elements(part.actors) WITH ORDINALITY AS e(a, n)
  ) ELSE '[]'::jsonb END::text,
  CASE WHEN jsonb_typeof(part.ties) = 'array' THEN (
    SELECT coalesce(jsonb_agg(jsonb_build_array(t -> 'source', t -> 'target', t -> 'strength', t -> 'modes')
                              ORDER BY strength DESC NULLS LAST, n), '[]'::jsonb)
    FROM (
      SELECT t, n, CASE WHEN jsonb_typeof(t -> 'strength') = 'number' THEN (t ->> 'strength')::float8 END AS strength
      FROM jsonb_array_elements(part.ties) WITH ORDINALITY AS e(t, n)
      ORDER BY strength DESC NULLS LAST, n
      LIMIT %(cap)s
    ) AS strongest
  ) ELSE '[]'::jsonb END::text,
  CASE WHEN jsonb_typeof(part.ties) = 'array' THEN jsonb_array_length(part.ties) ELSE 0 END
FROM coding_analysissnapshot AS s
LEFT JOIN LATERAL jsonb_to_record(s.result) AS part(actors jsonb, ties jsonb) ON true
WHERE s.layer = %(layer)s AND ((s.wave_id IS NULL AND s.region_id = ANY(%(regions)s)) OR s.wave_id = ANY(%(waves)s))
"""


def comparison_networks(picks: Sequence[tuple[Region, Wave | None]], layer: str, cap: int) -> list[StoredNetwork]:
    """The networks of the picked columns on ``layer``, one query: every actor as [id, name, actor
    type, location], the ``cap`` strongest ties as [source, target, strength, modes] (strongest
    first, ties in stored order) and the number of all ties. A column without a result is empty."""
    parameters: dict[str, Any] = {
        "cap": cap,
        "layer": layer,
        "regions": [region.pk for region, wave in picks if wave is None],
        "waves": [wave.pk for _region, wave in picks if wave is not None],
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(_NETWORKS_SQL, parameters)
            found = {
                (region_id, wave_id): (json.loads(actors), json.loads(ties), total)
                for region_id, wave_id, actors, ties, total in cursor.fetchall()
            }
    else:  # the embedded SQLite of a single-user install: small regions, cut in Python
        found = _networks_in_python(parameters)
    networks = []
    for region, wave in picks:
        actors, ties, total = found.get((region.pk, wave.pk if wave else None), ([], [], 0))
        key = f"r{region.pk}" + (f"-w{wave.pk}" if wave else "")  # as Column.key
        networks.append(StoredNetwork(key, region.pk, actors, ties, total))
    return networks


def _networks_in_python(parameters: dict[str, Any]) -> dict[tuple[int, int | None], tuple[list, list, int]]:
    """What ``_NETWORKS_SQL`` gives, from the whole ``actors`` and ``ties`` parts read into Python."""
    snapshots = AnalysisSnapshot.objects.filter(
        Q(region_id__in=parameters["regions"], wave__isnull=True) | Q(wave_id__in=parameters["waves"]),
        layer=parameters["layer"],
    ).values_list("region_id", "wave_id", KeyTransform("actors", "result"), KeyTransform("ties", "result"))
    found = {}
    for region_id, wave_id, actors, ties in snapshots:
        actors = actors if isinstance(actors, list) else []
        ties = ties if isinstance(ties, list) else []
        rows = [[tie.get("source"), tie.get("target"), tie.get("strength"), tie.get("modes")] for tie in ties]
        found[region_id, wave_id] = (
            [[actor.get("id"), actor.get("name"), actor.get("actor_type"), actor.get("location")] for actor in actors],
            strongest_first(rows, lambda row: row[2])[: parameters["cap"]],
            len(ties),
        )
    return found
