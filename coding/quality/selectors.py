"""Informant reciprocity of the ties of one or more regions (rules: ``coding.analysis.reciprocity``).

Three queries however many regions, ties or interviews: the ties, their evidence interviews, and
the interviewees with their affiliations.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cases.models import Interview
from coding.analysis.reciprocity import EvidencedTie, TieReciprocity, reciprocity, summary, voices
from coding.models import Interaction


@dataclass
class RegionReciprocity:
    """Every tie's category in one region, with what the page needs to name and link it."""

    region_id: int
    ties: list[TieReciprocity] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)
    interview_titles: dict[int, str] = field(default_factory=dict)

    @property
    def summary(self) -> dict[str, Any]:
        return summary(self.ties)


def regions_reciprocity(region_ids: Iterable[int], *, wave_id: int | None = None) -> dict[int, RegionReciprocity]:
    """Region id → its ties' reciprocity (of one wave when ``wave_id`` is given)."""
    region_ids = list(region_ids)
    ties = Interaction.objects.filter(region_id__in=region_ids)
    if wave_id is not None:
        ties = ties.filter(wave_id=wave_id)
    rows = list(
        ties.order_by("id").values_list("id", "region_id", "source_id", "target_id", "source__name", "target__name")
    )
    evidence: dict[int, set[int]] = defaultdict(set)
    titles: dict[int, str] = {}
    for tie_id, interview_id, title in Interaction.evidence.through.objects.filter(
        interaction__region_id__in=region_ids
    ).values_list("interaction_id", "coding__interview_id", "coding__interview__title"):
        evidence[tie_id].add(interview_id)
        titles[interview_id] = title
    interviewees: dict[int, list[int]] = defaultdict(list)
    affiliation: dict[int, int | None] = {}
    for interview_id, actor_id, employer in Interview.interviewees.through.objects.filter(
        interview__region_id__in=region_ids
    ).values_list("interview_id", "actor_id", "actor__affiliation_id"):
        interviewees[interview_id].append(actor_id)
        affiliation[actor_id] = employer
    spoken = voices(interviewees, affiliation)
    found = {region_id: RegionReciprocity(region_id) for region_id in region_ids}
    for tie_id, region_id, source, target, source_name, target_name in rows:
        tie = EvidencedTie(tie_id, source, target, frozenset(evidence.get(tie_id, ())))
        entry = found[region_id]
        entry.ties.extend(reciprocity([tie], spoken))
        entry.labels[tie_id] = f"{source_name} – {target_name}"
        entry.interview_titles.update({i: titles[i] for i in tie.interview_ids})
    return found
