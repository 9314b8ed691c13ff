"""Plain data shapes of the demo study; the loader turns them into validated model rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    org_type: str
    location: str = "inside"
    size_band: str = ""
    founded: int | None = None
    spun_off_from: str = ""
    description: str = ""


@dataclass(frozen=True)
class Person:
    key: str
    name: str
    affiliation: str
    occupational_group: str
    hierarchy_level: str
    location: str = "inside"
    description: str = ""


@dataclass(frozen=True)
class Code:
    """A coded passage: ``phrase`` must occur verbatim in the transcript.

    ``coder`` is "demo", "coder" or "both" (both coders code the same passage with the same code,
    i.e. they agree); disagreements are written as two entries.
    """

    phrase: str
    code: str
    coder: str = "demo"
    memo: str = ""


@dataclass(frozen=True)
class InterviewSpec:
    key: str
    title: str
    wave: str
    date: date
    interviewees: tuple[str, ...]
    transcript: str
    codings: tuple[Code, ...]
    mode: str = "face_to_face"
    language: str = "en"
    memo: str = ""


@dataclass(frozen=True)
class Tie:
    source: str
    target: str
    wave: str
    modes: tuple[str, ...]
    # Granovetter components: time, emotional intensity, intimacy, reciprocal services (0..4).
    ratings: tuple[int, int, int, int]
    channel: str
    setting: str
    formality: str
    trust_basis: str
    duration: str
    confidence: str
    # (interview key, phrase of a coding by the lead coder in that interview)
    evidence: tuple[tuple[str, str], ...]
    content: str = ""
    directed: bool = False
    private: bool = False
    memo: str = ""


@dataclass(frozen=True)
class OutcomeSpec:
    name: str
    kind: str
    year: int
    actors: tuple[str, ...]
    description: str
    evidence: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class WaveSpec:
    label: str
    start: date
    end: date


@dataclass(frozen=True)
class RegionSpec:
    name: str
    country: str
    technology_field: str
    lifecycle_phase: str
    description: str
    latitude: float
    longitude: float
    waves: tuple[WaveSpec, ...]
    orgs: tuple[Org, ...]
    persons: tuple[Person, ...]
    interviews: tuple[InterviewSpec, ...]
    ties: tuple[Tie, ...]
    outcomes: tuple[OutcomeSpec, ...] = field(default=())
