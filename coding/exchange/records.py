"""Plain records exchanged between the Django models and the file formats.

The exchange modules never import Django: services turn model rows into these frozen
records (and back), so the formats can be tested and benchmarked on their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coding.analysis.message import Message

AttributeValue = str | int | float | bool | None
# A study variable's typed value (``coding.variables.values.Value``).
StudyValue = str | float | bool | dt.date


@dataclass(frozen=True)
class UserRecord:
    guid: str
    name: str


@dataclass(frozen=True)
class CodeRecord:
    """One code of a coding scheme; `order` sorts siblings under the same parent; `suggests_mode`
    is the coordination mode an interaction from its passages starts with (ours only, not REFI-QDA)."""

    guid: str
    name: str
    parent_guid: str | None = None
    colour: str = ""
    definition: str = ""
    example: str = ""
    concept: str = ""
    order: int = 0
    suggests_mode: str = ""


@dataclass(frozen=True)
class SourceRecord:
    """An interview transcript with the interview attributes exported as variables."""

    guid: str
    name: str
    text: str
    region: str = ""
    wave: str = ""
    date: str | None = None  # ISO date, YYYY-MM-DD
    mode: str = ""
    language: str = ""
    consent: str = ""
    pseudonymised: bool = False
    interviewees: tuple[str, ...] = ()
    memo: str = ""
    study_values: dict[str, StudyValue] = field(default_factory=dict)  # the study's interview variables


@dataclass(frozen=True)
class CodingRecord:
    """A coded segment: [start, end) are character offsets (code points) into the text."""

    guid: str
    source_guid: str
    code_guid: str
    start: int
    end: int
    quote: str
    coder_guid: str | None = None
    memo: str = ""
    created: str = ""  # ISO date-time; empty when unknown


@dataclass(frozen=True)
class CaseRecord:
    """A region as a REFI-QDA case: the interviews held there and its variables."""

    guid: str
    name: str
    source_guids: tuple[str, ...] = ()
    variables: dict[str, AttributeValue] = field(default_factory=dict)
    description: str = ""
    study_values: dict[str, StudyValue] = field(default_factory=dict)  # the study's region variables


@dataclass(frozen=True)
class NodeRecord:
    id: str
    label: str
    attributes: dict[str, AttributeValue] = field(default_factory=dict)


@dataclass(frozen=True)
class EdgeRecord:
    """One undirected edge of a network file: a pair of actors and what their ties carry."""

    id: str
    source: str
    target: str
    attributes: dict[str, AttributeValue] = field(default_factory=dict)


@dataclass(frozen=True)
class VariableRecord:
    """A study variable in a .qdpx: a REFI-QDA ``<Variable>`` on cases (regions) or sources (interviews).

    ``name`` is the machine name, ``guid`` the REFI-QDA one; ``type`` is ours (``coding.variables``).
    ``original`` is the name in the file when the import had to change it, ``renamed_because`` why.
    """

    guid: str
    target: str
    name: str
    label: str
    type: str
    categories: tuple[str, ...] = ()
    description: str = ""
    unit: str = ""
    original: str = ""
    renamed_because: str = ""

    def rename_note(self) -> str:
        """What an import tells the user about a renamed variable ("" when it kept its name)."""
        if not self.original:
            return ""
        return (
            f"The {self.target} variable “{self.original}” is imported as {self.name} "
            f"(labelled “{self.label}”): {self.renamed_because}."
        )


@dataclass(frozen=True)
class ParsedProject:
    """Everything read from a .qdpx archive, already checked for consistency."""

    name: str
    origin: str
    users: list[UserRecord]
    codes: list[CodeRecord]
    sources: list[SourceRecord]
    codings: list[CodingRecord]
    cases: list[CaseRecord]
    notes: list[NoteRecord] = field(default_factory=list)
    variables: list[VariableRecord] = field(default_factory=list)


@dataclass(frozen=True)
class NoteRecord:
    """A memo as a REFI-QDA note: on a code, a text source (interview), a case (region) or the project.

    ``target_kind`` is "code", "source", "case" or "" (the project); ``description`` says what the
    note was written on when REFI-QDA has no element for it (an actor, a wave).
    """

    guid: str
    name: str
    text: str
    target_kind: str = ""
    target_guid: str = ""
    creator_guid: str = ""
    created: str = ""
    modified: str = ""
    description: str = ""


@dataclass(frozen=True)
class Problem:
    """One reason an import was refused; `where` names the file, line and element.

    ``where`` and ``message`` are English (files, logs, the API and stored jobs read them);
    ``said`` is the same text for pages to render in the reader's language (``says.say``).
    """

    where: str
    message: str
    said: Message | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    @classmethod
    def of(cls, where: str | Message, said: Message) -> Problem:
        """A problem whose place and message pages translate (build them with ``message()``)."""
        return cls(str(where), str(said), Message("{where}: {message}", {"where": where, "message": said}))

    def translatable(self) -> Message:
        """``where: message`` for ``{{ problem|say }}`` (English as is when not built with ``of``)."""
        return self.said or Message("{where}: {message}", {"where": self.where, "message": self.message})


class ImportErrors(Exception):
    """An import was refused; `problems` lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        summary = "; ".join(str(problem) for problem in self.problems[:5])
        more = len(self.problems) - 5
        if more > 0:
            summary += f"; and {more} more"
        super().__init__(f"{len(self.problems)} problem(s): {summary}")
