"""Pages of a region's outcomes (patents, start-ups, employment, ... over a period)."""

from __future__ import annotations

from coding.models import Outcome

from ..choices import Role
from ..forms import OutcomeForm
from .region_parts import region_part_views

outcome_create, outcome_edit, outcome_delete = region_part_views(
    Outcome, OutcomeForm, min_role=Role.CODER, noun="outcome", title=lambda outcome: outcome.name
)
