"""The demo study: "Microsystems and ICT clusters compared", three regions with two waves each.

Regions differ on purpose so the analysis shows contrasts: Cambridgeshire (brokerage, weak ties,
sociality), Dortmund (club-like core, communality, cooperative regime), Göteborg (rivalry and
tension, fragmented, connectivity).
"""

from __future__ import annotations

from cases.demo import cambridgeshire, dortmund, goteborg
from cases.demo.specs import RegionSpec

STUDY_TITLE = "Microsystems and ICT clusters compared"
STUDY_RESEARCH_QUESTION = (
    "How do cooperation, rivalry and trust between firms, research, intermediaries and politics differ between "
    "regional high-tech clusters of different technology fields and institutional settings, and how do they "
    "change over two fieldwork waves?"
)
STUDY_DESCRIPTION = (
    "Demo study: a time-shifted comparison of three regional clusters (Cambridgeshire, Göteborg, Dortmund) "
    "with interviews, codings by two coders, evidenced ties and collective outcomes. All firms and persons "
    "are fictitious."
)

# username -> (role, first name, last name); "demo" is the lead and the login shown by the command.
USERS: dict[str, tuple[str, str, str]] = {
    "demo": ("lead", "Demo", "Lead"),
    "coder": ("coder", "Second", "Coder"),
    "viewer": ("viewer", "Read", "Only"),
}
LEAD_USERNAME = "demo"

# Logical code keys used in the region modules -> paths in the default scheme (coding.codebook.default_scheme).
CODE_PATHS: dict[str, str] = {
    "low_threshold": "Proximity/Low-threshold contacts",
    "competition": "Coordination/Competition",
    "rivalry": "Coordination/Rivalry",
    "conflict": "Coordination/Confrontation / conflict",
    "cooperation": "Coordination/Cooperation",
    "trust_commitment": "Trust/Commitment",
    "trust_competence": "Trust/Competence",
    "trust_integrity": "Trust/Integrity",
    "trust_network": "Trust/Network information (gossip, reputation)",
    "trust_institutional": "Trust/Institutional trust",
    "brokerage_aware": "Brokerage/Making interests known",
    "common_language": "Collective learning/Common language",
    "learning_monitoring": "Collective learning/Learning by monitoring",
    "inertia": "Collective learning/Organisational inertia",
    "club_like": "Emergence/Club-like interactions",
    "collective_good": "Emergence/Collective goods",
    "communality": "Sociality type (Grabher)/Communality",
    "sociality": "Sociality type (Grabher)/Sociality",
    "connectivity": "Sociality type (Grabher)/Connectivity",
    "boundary_spanning": "Actor capabilities/Boundary spanning",
    "double_loyalty": "Actor capabilities/Double loyalty",
    "tacit": "Knowledge/Tacit knowledge",
}

REGIONS: tuple[RegionSpec, ...] = (cambridgeshire.REGION, goteborg.REGION, dortmund.REGION)
