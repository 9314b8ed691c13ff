"""Plain inputs of the analysis core: actors, coded ties and outcomes (docs/domain.md).

The Django side converts ``cases.Actor``, ``coding.Interaction`` and ``coding.Outcome`` rows into
these frozen dataclasses, so everything in ``coding.analysis`` runs without Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

ORGANISATION = "organisation"
PERSON = "person"
INSIDE = "inside"
EXTERNAL = "external"
QUASI_EXTERNAL = "quasi_external"

COORDINATION_MODES = frozenset({"competition", "rivalry", "conflict", "cooperation"})
# Opportunity structures for low-threshold contacts (docs/domain.md, Proximity).
LOW_THRESHOLD_SETTINGS = frozenset({"cafe", "lecture_series", "event", "foundry_incubator", "training_network"})
MEDIA_CHANNELS = frozenset({"phone", "video", "email", "online", "documents"})
FACE_TO_FACE = "face_to_face"
HIERARCHY_LEVELS = (
    "executive",
    "manager",
    "specialist",
    "employee",
    "apprentice",
    "works_council",
    "self_employed",
)
# Levels the article (§3.4) warns are easily left out of the interviews.
COMMONLY_MISSED_LEVELS = ("apprentice", "works_council", "self_employed")
# Organisation types that are firms (cases.choices.FIRM_TYPES, repeated here to stay Django-free).
FIRM_TYPES = frozenset({"firm_startup", "firm_spinoff", "firm_sme", "firm_large"})
# Trust bases that are personal trust or reputation; Grabher's connectivity rests on neither.
PERSONAL_TRUST_BASES = frozenset(
    {"commitment", "expectation_congruence", "competence", "integrity", "network_information"}
)
LONG_LASTING = "long_lasting"
# Group of a person whose affiliation is unknown (see ``actor_type``).
UNAFFILIATED_PERSON = "person"
UNTYPED_ORGANISATION = "organisation"


@dataclass(frozen=True)
class ActorNode:
    """An organisation or a person of one region."""

    id: int
    name: str
    kind: str  # "organisation" | "person"
    org_type: str = ""  # e.g. "firm_sme", "university"; "" for persons
    hierarchy_level: str = ""  # persons only, one of HIERARCHY_LEVELS or ""
    location: str = INSIDE  # "inside" | "external" | "quasi_external"
    affiliation_id: int | None = None
    interviewed: bool = False
    spun_off_from: int | None = None  # organisations: the parent organisation's actor id
    size_band: str = ""  # organisations only: "micro" | "small" | "medium" | "large" | ""
    # Waves of the interviews this actor was interviewed in (None: an interview without a wave);
    # decides whether the actor was seen in a wave (``levels.seen_actor_ids``).
    interview_wave_ids: frozenset[int | None] = frozenset()

    @property
    def is_external(self) -> bool:
        """Quasi-external actors (ministries, EU, transnational communities) count as external."""
        return self.location in (EXTERNAL, QUASI_EXTERNAL)


@dataclass(frozen=True)
class TieRatings:
    """Granovetter's four components on the ordinal scale 0..4; ``None`` = not rated."""

    time: int | None = None
    emotional_intensity: int | None = None
    intimacy: int | None = None
    reciprocal_services: int | None = None

    def as_tuple(self) -> tuple[int | None, int | None, int | None, int | None]:
        return (self.time, self.emotional_intensity, self.intimacy, self.reciprocal_services)


@dataclass(frozen=True)
class Tie:
    """One coded interaction between two actors; ``directed=False`` means mutual."""

    id: int
    source: int
    target: int
    directed: bool = False
    modes: frozenset[str] = frozenset()
    ratings: TieRatings = field(default_factory=TieRatings)
    channel: str = ""
    setting: str = ""
    formality: str = ""
    trust_basis: str = ""
    duration: str = ""
    includes_private_sphere: bool = False
    wave_id: int | None = None
    coding_ids: tuple[int, ...] = ()
    confidence: str = ""
    # Evidenced from both actors' interviews (coding.analysis.reciprocity): the "confirmed" layer.
    confirmed: bool = False

    @property
    def pair(self) -> tuple[int, int]:
        """The unordered actor pair, smaller id first."""
        return (self.source, self.target) if self.source <= self.target else (self.target, self.source)


@dataclass(frozen=True)
class OutcomeInput:
    """A collective good (club good) and the actors who produced it."""

    id: int
    actor_ids: tuple[int, ...]
    with_external: bool = False


def actor_types(actors: Iterable[ActorNode]) -> dict[int, str]:
    """The "actor type" group of every actor, the partition used for E-I, Blau and brokerage.

    Rule: an organisation's group is its ``org_type`` ("organisation" when untyped); a person's
    group is the ``org_type`` of their affiliation when that affiliation is a typed organisation
    among ``actors``, otherwise "person". So a researcher counts with universities, and persons
    without a known employer form one group of their own.
    """
    by_id = {actor.id: actor for actor in actors}
    return {actor.id: _actor_type(actor, by_id) for actor in by_id.values()}


def _actor_type(actor: ActorNode, by_id: Mapping[int, ActorNode]) -> str:
    if actor.kind == ORGANISATION:
        return actor.org_type or UNTYPED_ORGANISATION
    employer = by_id.get(actor.affiliation_id) if actor.affiliation_id is not None else None
    if employer is not None and employer.kind == ORGANISATION and employer.org_type:
        return employer.org_type
    return UNAFFILIATED_PERSON
