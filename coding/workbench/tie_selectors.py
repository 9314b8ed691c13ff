"""Reads of the agreement on recorded ties (rules: ``coding.workbench.tie_agreement``).

A fixed number of queries however many ties: the evidence links with their interviews and coders,
the ties, then (for the page) the names, coders and passages of what is listed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from cases.models import Actor, Interview, Study
from coding.models import Coding, Interaction
from coding.workbench.tie_agreement import RecordedTie

MODE_FIELDS = ("competition", "rivalry", "conflict", "cooperation")


def recorded_ties(*, study: Study | None = None, interview: Interview | None = None) -> list[RecordedTie]:
    """Every tie as recorded by each of its coders from each interview of its evidence (two queries)."""
    if interview is not None:
        evidence_filter, tie_filter = Q(coding__interview=interview), Q(evidence__interview=interview)
    elif study is not None:
        evidence_filter = Q(coding__interview__region__study=study)
        tie_filter = Q(region__study=study)
    else:
        raise ValueError("Give a study or an interview.")
    links: dict[int, dict[int, dict[int, list[int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for tie_id, coding_id, interview_id, coder_id in Interaction.evidence.through.objects.filter(
        evidence_filter
    ).values_list("interaction_id", "coding_id", "coding__interview_id", "coding__coder_id"):
        links[tie_id][interview_id][coder_id].append(coding_id)
    fields = ("id", "source_id", "target_id", "coder_id", *(f"mode_{mode}" for mode in MODE_FIELDS))
    recorded: list[RecordedTie] = []
    for row in Interaction.objects.filter(tie_filter).distinct().order_by("id").values(*fields):
        for interview_id, by_coder in links.get(row["id"], {}).items():
            # The recorder is the tie's coder; a tie without one counts for each coder of its evidence here.
            coders = [row["coder_id"]] if row["coder_id"] is not None else sorted(by_coder)
            coding_ids = tuple(sorted(c for codings in by_coder.values() for c in codings))
            modes = frozenset(mode for mode in MODE_FIELDS if row[f"mode_{mode}"])
            recorded.extend(
                RecordedTie(interview_id, coder, row["id"], row["source_id"], row["target_id"], modes, coding_ids)
                for coder in coders
            )
    return recorded


def labels(actor_ids: set[int], coder_ids: set[Any], coding_ids: set[int], interview_ids: set[Any]) -> dict[str, Any]:
    """Names of the actors, coders and interviews, and the passages of the codings listed (four queries)."""
    return {
        "actors": dict(Actor.objects.filter(pk__in=actor_ids).values_list("pk", "name")),
        "coders": dict(get_user_model().objects.filter(pk__in=coder_ids).values_list("pk", "username")),
        "passages": {
            pk: (interview_id, quote)
            for pk, interview_id, quote in Coding.objects.filter(pk__in=coding_ids).values_list(
                "pk", "interview_id", "quote"
            )
        },
        "interviews": dict(Interview.objects.filter(pk__in=interview_ids).values_list("pk", "title")),
    }
