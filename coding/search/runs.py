"""Reads of past auto-coding runs, from the codings' history (see ``services``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from coding.models import Coding

if TYPE_CHECKING:
    from cases.models import Study

# The history's change reason of a run's codings starts so, then the run's token and a colon.
REASON_PREFIX = "Auto-coded "


@dataclass(frozen=True)
class Run:
    token: str
    coder_id: int | None
    reason: str
    created_ids: list[int]
    existing: list[Coding]

    @property
    def existing_ids(self) -> list[int]:
        return [coding.pk for coding in self.existing]


def run_of(study: Study, token: str) -> Run | None:
    """The run ``token`` of the study: the codings it created, and those of them still there (two queries)."""
    if not token.isalnum():
        return None
    created = list(
        Coding.history.filter(
            history_type="+",
            history_change_reason__startswith=f"{REASON_PREFIX}{token}:",
            interview__region__study=study,
        ).values_list("id", "history_user_id", "history_change_reason")
    )
    if not created:
        return None
    ids = [row[0] for row in created]
    existing = list(
        Coding.objects.filter(pk__in=ids).select_related("interview__region", "code").defer("interview__transcript")
    )
    return Run(token, created[0][1], created[0][2], ids, existing)
