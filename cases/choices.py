"""Vocabularies of the case records (docs/domain.md)."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    LEAD = "lead", "Lead"
    CODER = "coder", "Coder"
    VIEWER = "viewer", "Viewer"


# Higher rank = more rights; a role includes every right of the roles below it.
ROLE_RANK = {Role.VIEWER: 1, Role.CODER: 2, Role.LEAD: 3}


class TechnologyField(models.TextChoices):
    ICT = "ict", "ICT"
    BIOTECH = "biotech", "Biotechnology"
    MICROSYSTEMS = "microsystems", "Microsystems"
    NANOTECH = "nanotech", "Nanotechnology"
    OPTICS = "optics", "Optics / photonics"
    ENERGY = "energy", "Energy technology"
    OTHER = "other", "Other"


class LifecyclePhase(models.TextChoices):
    INITIATION = "initiation", "Initiation"
    GROWTH = "growth", "Growth"
    MATURE = "mature", "Mature"
    RENEWAL = "renewal", "Renewal"


class ActorKind(models.TextChoices):
    ORGANISATION = "organisation", "Organisation"
    PERSON = "person", "Person"


class OrgType(models.TextChoices):
    FIRM_STARTUP = "firm_startup", "Firm: start-up"
    FIRM_SPINOFF = "firm_spinoff", "Firm: spin-off"
    FIRM_SME = "firm_sme", "Firm: SME"
    FIRM_LARGE = "firm_large", "Firm: large"
    UNIVERSITY = "university", "University"
    RESEARCH_INSTITUTE = "research_institute", "Research institute"
    INTERMEDIARY = "intermediary", "Intermediary (cluster agency, chamber, association)"
    POLITICS = "politics", "Politics / public administration"
    TRAINING = "training", "Training institution"
    UNION = "union", "Union"
    EMPLOYER_ASSOCIATION = "employer_association", "Employer association"
    FINANCE = "finance", "Finance"
    FOUNDRY_INCUBATOR = "foundry_incubator", "Foundry / incubator / technology centre"
    TRANSREGIONAL_COMMUNITY = "transregional_community", "Transregional community"


FIRM_TYPES = frozenset({OrgType.FIRM_STARTUP, OrgType.FIRM_SPINOFF, OrgType.FIRM_SME, OrgType.FIRM_LARGE})


class SizeBand(models.TextChoices):
    MICRO = "micro", "Micro (< 10)"
    SMALL = "small", "Small (10–49)"
    MEDIUM = "medium", "Medium (50–249)"
    LARGE = "large", "Large (250+)"


class HierarchyLevel(models.TextChoices):
    EXECUTIVE = "executive", "Executive"
    MANAGER = "manager", "Manager"
    SPECIALIST = "specialist", "Specialist"
    EMPLOYEE = "employee", "Employee"
    APPRENTICE = "apprentice", "Apprentice"
    WORKS_COUNCIL = "works_council", "Works council"
    SELF_EMPLOYED = "self_employed", "Self-employed"


class Location(models.TextChoices):
    INSIDE = "inside", "Inside the region"
    EXTERNAL = "external", "External"
    QUASI_EXTERNAL = "quasi_external", "Quasi-external (ministries, EU, transnational communities)"


class InterviewMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video"


class ConsentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    GIVEN = "given", "Given"
    WITHDRAWN = "withdrawn", "Withdrawn"
