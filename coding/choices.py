"""Vocabularies of coded ties (docs/domain.md, Interaction) shared by models, forms and analysis."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CoordinationMode(models.TextChoices):
    """Coordination modes of a tie; one tie may carry several (co-opetition)."""

    COMPETITION = "competition", _("Competition")
    RIVALRY = "rivalry", _("Rivalry")
    CONFLICT = "conflict", _("Confrontation / conflict")
    COOPERATION = "cooperation", _("Cooperation")


# The mode values as pages list a tie's modes: ``{% translate mode context "coordination mode" %}``.
MODE_WORDS = (
    pgettext_lazy("coordination mode", "competition"),
    pgettext_lazy("coordination mode", "rivalry"),
    pgettext_lazy("coordination mode", "conflict"),
    pgettext_lazy("coordination mode", "cooperation"),
)


class Channel(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face to face (co-presence)")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    EMAIL = "email", _("E-mail")
    ONLINE = "online", _("Online platform")
    DOCUMENTS = "documents", _("Documents / publications")
    MIXED = "mixed", _("Mixed")


class Setting(models.TextChoices):
    WORKPLACE = "workplace", _("Workplace")
    CAFE = "cafe", _("Café / informal meeting place")
    LECTURE_SERIES = "lecture_series", _("Public lecture series")
    EVENT = "event", _("Event / fair / conference")
    FOUNDRY_INCUBATOR = "foundry_incubator", _("Foundry / incubator / technology centre")
    TRAINING_NETWORK = "training_network", _("Training network")
    FORMAL_MEETING = "formal_meeting", _("Formal meeting / committee")
    PRIVATE = "private", _("Private sphere")
    ONLINE = "online", _("Online")
    OTHER = "other", _("Other")


# Opportunity structures for low-threshold contacts (docs/domain.md, Proximity).
LOW_THRESHOLD_SETTINGS = frozenset(
    {Setting.CAFE, Setting.LECTURE_SERIES, Setting.EVENT, Setting.FOUNDRY_INCUBATOR, Setting.TRAINING_NETWORK}
)


class Formality(models.TextChoices):
    FORMAL = "formal", _("Formal")
    INFORMAL = "informal", _("Informal")


class TrustBasis(models.TextChoices):
    """Beckert's four self-presentation strategies, plus network information and institutions."""

    COMMITMENT = "commitment", _("Commitment")
    EXPECTATION_CONGRUENCE = "expectation_congruence", _("Expectation congruence")
    COMPETENCE = "competence", _("Competence")
    INTEGRITY = "integrity", _("Integrity")
    NETWORK_INFORMATION = "network_information", _("Network information (gossip, reputation)")
    INSTITUTIONAL = "institutional", _("Institutional trust")
    NONE = "none", _("No personal trust (professional norms only)")


class Duration(models.TextChoices):
    FLEETING = "fleeting", _("Fleeting")
    MEDIUM = "medium", _("Some months to a few years")
    LONG_LASTING = "long_lasting", _("Long-lasting")


class Confidence(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class OutcomeKind(models.TextChoices):
    TRAINING_NETWORK = "training_network", _("Shared training network")
    FOUNDRY = "foundry", _("Shared foundry / lab")
    STANDARD = "standard", _("Standard")
    JOINT_PROJECT = "joint_project", _("Joint project")
    ASSOCIATION = "association", _("Association / platform")
    OTHER = "other", _("Other")


# Ordinal scale of the four Granovetter components (0 = none ... 4 = very high).
RATING_MIN = 0
RATING_MAX = 4
