"""What the dump services share: the vocabulary of choices and the fields copied as they are."""

from __future__ import annotations

from cases import choices as case_choices
from coding import choices as coding_choices
from coding.exchange.dump.schema import RATINGS
from coding.variables import values as variable_values

CHUNK_ROWS = 2000
MODES = coding_choices.CoordinationMode.values
VOCABULARY: dict[str, list[str]] = {
    "technology_field": case_choices.TechnologyField.values,
    "lifecycle_phase": case_choices.LifecyclePhase.values,
    "actor_kind": case_choices.ActorKind.values,
    "location": case_choices.Location.values,
    "org_type": case_choices.OrgType.values,
    "size_band": case_choices.SizeBand.values,
    "hierarchy_level": case_choices.HierarchyLevel.values,
    "interview_mode": case_choices.InterviewMode.values,
    "consent_status": case_choices.ConsentStatus.values,
    "coordination_mode": MODES,
    "channel": coding_choices.Channel.values,
    "setting": coding_choices.Setting.values,
    "formality": coding_choices.Formality.values,
    "trust_basis": coding_choices.TrustBasis.values,
    "duration": coding_choices.Duration.values,
    "confidence": coding_choices.Confidence.values,
    "outcome_kind": coding_choices.OutcomeKind.values,
    "variable_target": list(variable_values.TARGETS),
    "variable_type": list(variable_values.TYPES),
}
STUDY_FIELDS = ("title", "research_question", "description", "allow_self_ties", "keep_ties_after_withdrawal")
REGION_FIELDS: tuple[str, ...] = ("name", "country", "technology_field", "lifecycle_phase", "description")
REGION_FIELDS += ("centroid_latitude", "centroid_longitude")
ACTOR_FIELDS: tuple[str, ...] = (
    "kind",
    "name",
    "pseudonym",
    "location",
    "description",
    "org_type",
    "size_band",
    "founded",
)
ACTOR_FIELDS += ("occupational_group", "hierarchy_level")
INTERVIEW_FIELDS: tuple[str, ...] = ("title", "mode", "language", "consent_status", "pseudonymised", "transcript")
INTERVIEW_FIELDS += ("source_filename", "memo")
INTERACTION_FIELDS: tuple[str, ...] = (
    "directed",
    "content",
    *RATINGS,
    "channel",
    "setting",
    "formality",
    "trust_basis",
)
INTERACTION_FIELDS += ("duration", "includes_private_sphere", "confidence", "memo")
CODE_FIELDS = ("name", "definition", "example", "colour", "concept", "order")
# Dumped and loaded with a new scheme, but not part of a scheme's identity: a scheme that already
# exists here (same name and version, same codes) keeps its own values.
CODE_EXTRA_FIELDS = ("suggests_mode",)
