"""Vocabularies of the case records (docs/domain.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    LEAD = "lead", _("Lead")
    CODER = "coder", _("Coder")
    VIEWER = "viewer", _("Viewer")


# Higher rank = more rights; a role includes every right of the roles below it.
ROLE_RANK = {Role.VIEWER: 1, Role.CODER: 2, Role.LEAD: 3}

# A role inside a sentence ("your role: lead", "needs the role coder"), lower case in English.
ROLE_IN_SENTENCE = {
    Role.LEAD: pgettext_lazy("role in a sentence", "lead"),
    Role.CODER: pgettext_lazy("role in a sentence", "coder"),
    Role.VIEWER: pgettext_lazy("role in a sentence", "viewer"),
}


class TechnologyField(models.TextChoices):
    ICT = "ict", _("ICT")
    BIOTECH = "biotech", _("Biotechnology")
    MICROSYSTEMS = "microsystems", _("Microsystems")
    NANOTECH = "nanotech", _("Nanotechnology")
    OPTICS = "optics", _("Optics / photonics")
    ENERGY = "energy", _("Energy technology")
    OTHER = "other", _("Other")


class LifecyclePhase(models.TextChoices):
    INITIATION = "initiation", _("Initiation")
    GROWTH = "growth", _("Growth")
    MATURE = "mature", _("Mature")
    RENEWAL = "renewal", _("Renewal")


class ActorKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    PERSON = "person", _("Person")


class OrgType(models.TextChoices):
    FIRM_STARTUP = "firm_startup", _("Firm: start-up")
    FIRM_SPINOFF = "firm_spinoff", _("Firm: spin-off")
    FIRM_SME = "firm_sme", _("Firm: SME")
    FIRM_LARGE = "firm_large", _("Firm: large")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    INTERMEDIARY = "intermediary", _("Intermediary (cluster agency, chamber, association)")
    POLITICS = "politics", _("Politics / public administration")
    TRAINING = "training", _("Training institution")
    UNION = "union", _("Union")
    EMPLOYER_ASSOCIATION = "employer_association", _("Employer association")
    FINANCE = "finance", _("Finance")
    FOUNDRY_INCUBATOR = "foundry_incubator", _("Foundry / incubator / technology centre")
    TRANSREGIONAL_COMMUNITY = "transregional_community", _("Transregional community")


FIRM_TYPES = frozenset({OrgType.FIRM_STARTUP, OrgType.FIRM_SPINOFF, OrgType.FIRM_SME, OrgType.FIRM_LARGE})


class SizeBand(models.TextChoices):
    MICRO = "micro", _("Micro (< 10)")
    SMALL = "small", _("Small (10–49)")
    MEDIUM = "medium", _("Medium (50–249)")
    LARGE = "large", _("Large (250+)")


class HierarchyLevel(models.TextChoices):
    EXECUTIVE = "executive", _("Executive")
    MANAGER = "manager", _("Manager")
    SPECIALIST = "specialist", _("Specialist")
    EMPLOYEE = "employee", _("Employee")
    APPRENTICE = "apprentice", _("Apprentice")
    WORKS_COUNCIL = "works_council", _("Works council")
    SELF_EMPLOYED = "self_employed", _("Self-employed")


class Location(models.TextChoices):
    INSIDE = "inside", _("Inside the region")
    EXTERNAL = "external", _("External")
    QUASI_EXTERNAL = "quasi_external", _("Quasi-external (ministries, EU, transnational communities)")


class InterviewMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face to face")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video")


class ConsentStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    GIVEN = "given", _("Given")
    WITHDRAWN = "withdrawn", _("Withdrawn")
