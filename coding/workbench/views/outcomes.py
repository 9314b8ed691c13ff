"""Pages of a region's outcomes (patents, start-ups, employment, ... over a period)."""

from __future__ import annotations

from cases.choices import Role
from cases.views.region_parts import region_part_views
from coding.models import Outcome
from coding.workbench.forms import OutcomeForm

outcome_create, outcome_edit, outcome_delete = region_part_views(
    Outcome, OutcomeForm, min_role=Role.CODER, noun="outcome", title=lambda outcome: outcome.name
)
