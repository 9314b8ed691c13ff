"""Vocabularies of coded ties (docs/domain.md, Interaction) shared by models, forms and analysis."""

from __future__ import annotations

from django.db import models


class CoordinationMode(models.TextChoices):
    """Coordination modes of a tie; one tie may carry several (co-opetition)."""

    COMPETITION = "competition", "Competition"
    RIVALRY = "rivalry", "Rivalry"
    CONFLICT = "conflict", "Confrontation / conflict"
    COOPERATION = "cooperation", "Cooperation"


class Channel(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face (co-presence)"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"
    EMAIL = "email", "E-mail"
    ONLINE = "online", "Online platform"
    DOCUMENTS = "documents", "Documents / publications"
    MIXED = "mixed", "Mixed"


class Setting(models.TextChoices):
    WORKPLACE = "workplace", "Workplace"
    CAFE = "cafe", "Café / informal meeting place"
    LECTURE_SERIES = "lecture_series", "Public lecture series"
    EVENT = "event", "Event / fair / conference"
    FOUNDRY_INCUBATOR = "foundry_incubator", "Foundry / incubator / technology centre"
    TRAINING_NETWORK = "training_network", "Training network"
    FORMAL_MEETING = "formal_meeting", "Formal meeting / committee"
    PRIVATE = "private", "Private sphere"
    ONLINE = "online", "Online"
    OTHER = "other", "Other"


# Opportunity structures for low-threshold contacts (docs/domain.md, Proximity).
LOW_THRESHOLD_SETTINGS = frozenset(
    {Setting.CAFE, Setting.LECTURE_SERIES, Setting.EVENT, Setting.FOUNDRY_INCUBATOR, Setting.TRAINING_NETWORK}
)


class Formality(models.TextChoices):
    FORMAL = "formal", "Formal"
    INFORMAL = "informal", "Informal"


class TrustBasis(models.TextChoices):
    """Beckert's four self-presentation strategies, plus network information and institutions."""

    COMMITMENT = "commitment", "Commitment"
    EXPECTATION_CONGRUENCE = "expectation_congruence", "Expectation congruence"
    COMPETENCE = "competence", "Competence"
    INTEGRITY = "integrity", "Integrity"
    NETWORK_INFORMATION = "network_information", "Network information (gossip, reputation)"
    INSTITUTIONAL = "institutional", "Institutional trust"
    NONE = "none", "No personal trust (professional norms only)"


class Duration(models.TextChoices):
    FLEETING = "fleeting", "Fleeting"
    MEDIUM = "medium", "Some months to a few years"
    LONG_LASTING = "long_lasting", "Long-lasting"


class Confidence(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class OutcomeKind(models.TextChoices):
    TRAINING_NETWORK = "training_network", "Shared training network"
    FOUNDRY = "foundry", "Shared foundry / lab"
    STANDARD = "standard", "Standard"
    JOINT_PROJECT = "joint_project", "Joint project"
    ASSOCIATION = "association", "Association / platform"
    OTHER = "other", "Other"


# Ordinal scale of the four Granovetter components (0 = none ... 4 = very high).
RATING_MIN = 0
RATING_MAX = 4
