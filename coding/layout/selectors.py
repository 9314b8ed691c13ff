"""Reads of the stored layouts: positions by actor, for the pictures. One query however many regions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from coding.analysis.layout import Point
from coding.layout.models import RegionLayout


def region_positions(region_id: int) -> dict[int, Point]:
    """``{actor id: (x, y)}`` of a region; empty when no layout is stored yet (worker not run)."""
    return positions_by_region([region_id]).get(region_id, {})


def positions_by_region(region_ids: Iterable[int]) -> dict[int, dict[int, Point]]:
    """``{region id: {actor id: (x, y)}}`` of the regions with a stored layout. One query."""
    rows = RegionLayout.objects.filter(region_id__in=set(region_ids)).values_list("region_id", "positions")
    return {region_id: _parse(positions) for region_id, positions in rows}


def _parse(positions: object) -> dict[int, Point]:
    if not isinstance(positions, dict):
        return {}
    return {int(actor): (float(point[0]), float(point[1])) for actor, point in positions.items()}


def with_position(node: dict[str, Any], positions: Mapping[int, Point], actor_id: int) -> dict[str, Any]:
    """``node`` with ``x``, ``y`` added when the actor has a stored position (left as it is otherwise)."""
    point = positions.get(actor_id)
    return {**node, "x": point[0], "y": point[1]} if point else node
