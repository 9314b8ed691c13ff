"""Django rows of one region → the plain inputs of ``coding.analysis`` (one query per table)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from cases.models import Actor, Interview, Region, Wave
from coding.analysis.derive import RegionBasis, derive_region, region_basis
from coding.analysis.inputs import EXTERNAL, QUASI_EXTERNAL, ActorNode, OutcomeInput, Tie, TieRatings
from coding.analysis.layers import LAYERS
from coding.analysis.reciprocity import BOTH, EvidencedTie, classify_tie, voices
from coding.analysis.thresholds import AnalysisSettings
from coding.models import Interaction, Outcome


@dataclass(frozen=True)
class RegionInputs:
    region_id: int
    actors: list[ActorNode]
    ties: list[Tie]
    outcomes: list[OutcomeInput]
    settings: AnalysisSettings
    wave_ids: list[int]

    @cached_property
    def basis(self) -> RegionBasis:
        """What every layer and wave reads alike (``region_basis``), computed once for these inputs
        (``dataclasses.replace``, as the stability checks' resampled ties use it, starts afresh)."""
        return region_basis(self.actors, self.ties, self.outcomes, self.settings)


def load_region_inputs(region_id: int) -> RegionInputs:
    """Everything the analysis of ``region_id`` needs; raises ``Region.DoesNotExist``."""
    region = Region.objects.select_related("study").only("id", "study__analysis_settings").get(pk=region_id)
    settings = AnalysisSettings.from_overrides(region.study.analysis_settings or {})
    interview_waves: dict[int, set[int | None]] = defaultdict(set)
    interviewees: dict[int, list[int]] = defaultdict(list)
    for interview_id, actor_id, wave_id in Interview.interviewees.through.objects.filter(
        interview__region_id=region_id
    ).values_list("interview_id", "actor_id", "interview__wave_id"):
        interview_waves[actor_id].add(wave_id)
        interviewees[interview_id].append(actor_id)
    actor_rows = (
        Actor.objects.filter(region_id=region_id)
        .order_by("id")
        .values(
            "id",
            "name",
            "kind",
            "org_type",
            "hierarchy_level",
            "location",
            "affiliation_id",
            "spun_off_from_id",
            "size_band",
        )
    )
    actors = [
        ActorNode(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            org_type=row["org_type"] or "",
            hierarchy_level=row["hierarchy_level"] or "",
            location=row["location"],
            affiliation_id=row["affiliation_id"],
            interviewed=row["id"] in interview_waves,
            interview_wave_ids=frozenset(interview_waves.get(row["id"], ())),
            spun_off_from=row["spun_off_from_id"],
            size_band=row["size_band"] or "",
        )
        for row in actor_rows
    ]
    external = {actor.id for actor in actors if actor.location in (EXTERNAL, QUASI_EXTERNAL)}

    evidence: dict[int, list[int]] = defaultdict(list)
    evidence_interviews: dict[int, set[int]] = defaultdict(set)
    for interaction_id, coding_id, interview_id in Interaction.evidence.through.objects.filter(
        interaction__region_id=region_id
    ).values_list("interaction_id", "coding_id", "coding__interview_id"):
        evidence[interaction_id].append(coding_id)
        evidence_interviews[interaction_id].add(interview_id)
    spoken = voices(interviewees, {actor.id: actor.affiliation_id for actor in actors})
    ties = [
        _tie(row, evidence, _confirmed(row, evidence_interviews, spoken))
        # In chunks: the rows of a 50,000-tie region held at once would double the inputs' memory.
        for row in Interaction.objects.filter(region_id=region_id).order_by("id").values().iterator(chunk_size=2000)
    ]

    contributors: dict[int, list[int]] = defaultdict(list)
    for outcome_id, actor_id in Outcome.actors.through.objects.filter(outcome__region_id=region_id).values_list(
        "outcome_id", "actor_id"
    ):
        contributors[outcome_id].append(actor_id)
    outcomes = [
        OutcomeInput(
            id=outcome_id,
            actor_ids=tuple(sorted(contributors[outcome_id])),
            with_external=any(actor_id in external for actor_id in contributors[outcome_id]),
        )
        for outcome_id in Outcome.objects.filter(region_id=region_id).order_by("id").values_list("id", flat=True)
    ]
    wave_ids = list(Wave.objects.filter(region_id=region_id).order_by("start", "id").values_list("id", flat=True))
    return RegionInputs(region_id, actors, ties, outcomes, settings, wave_ids)


def _confirmed(row: Mapping[str, Any], interviews: dict[int, set[int]], spoken: dict[int, set[int]]) -> bool:
    evidenced = EvidencedTie(row["id"], row["source_id"], row["target_id"], frozenset(interviews.get(row["id"], ())))
    return classify_tie(evidenced, spoken).category == BOTH


def _tie(row: Mapping[str, Any], evidence: dict[int, list[int]], confirmed: bool = False) -> Tie:
    return Tie(
        id=row["id"],
        source=row["source_id"],
        target=row["target_id"],
        directed=row["directed"],
        modes=frozenset(mode for mode in ("competition", "rivalry", "conflict", "cooperation") if row[f"mode_{mode}"]),
        ratings=TieRatings(
            time=row["rating_time"],
            emotional_intensity=row["rating_emotional_intensity"],
            intimacy=row["rating_intimacy"],
            reciprocal_services=row["rating_reciprocal_services"],
        ),
        channel=row["channel"],
        setting=row["setting"],
        formality=row["formality"],
        trust_basis=row["trust_basis"],
        duration=row["duration"],
        includes_private_sphere=row["includes_private_sphere"],
        wave_id=row["wave_id"],
        coding_ids=tuple(sorted(evidence.get(row["id"], ()))),
        confidence=row["confidence"],
        confirmed=confirmed,
    )


def derive_from_inputs(inputs: RegionInputs, wave_id: int | None, layer: str, *, null_models: bool = True) -> dict:
    return derive_region(
        inputs.actors,
        inputs.ties,
        inputs.outcomes,
        inputs.settings,
        layer=layer,
        wave_id=wave_id,
        wave_order=inputs.wave_ids,
        null_models=null_models,
        basis=inputs.basis,
    )


def compute_snapshot(region_id: int, wave_id: int | None, layer: str) -> dict:
    """The analysis result of one region, wave (None = all) and layer, computed now."""
    if layer not in LAYERS:
        raise ValueError(f"Unknown tie layer {layer!r}; choose one of {', '.join(LAYERS)}.")
    return derive_from_inputs(load_region_inputs(region_id), wave_id, layer)


def snapshot_keys(inputs: RegionInputs) -> list[tuple[int | None, str]]:
    """Every (wave, layer) combination stored for a region: all waves plus each wave, every layer."""
    return [(wave_id, layer) for wave_id in (None, *inputs.wave_ids) for layer in LAYERS]
