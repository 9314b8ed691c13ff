"""What the comparison table compares and its shape (docs/domain.md). No Django in here.

The figures it shows (graph metrics, classifications, coordination modes, the radar's rows),
the kinds of value and how each kind is shown, and the plain records the table is made of:
columns (one stored result each), sections of rows, and cells carrying their evidence.

Texts are English (the CSV and XLSX files read them as they are); beside each the page's version
(``said``: a ``coding.analysis.message`` Message or Figure) that the page renders in the reader's
language, with numbers localised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coding.analysis.message import N_, Figure, Message, message

OK = "ok"
COORDINATION_MODES = ("cooperation", "competition", "rivalry", "conflict")
CLASSIFICATIONS = (
    "coordination_regime",
    "grabher_mix",
    "structure",
    "club_like_core",
    "actor_constellation",
    "boundary_spanners",
)
# Value kinds: how a number is shown and compared.
COUNT, SHARE, RATIO, INDEX, LABEL = "count", "share", "ratio", "index", "label"

# (path in result["metrics"], kind); a dotted path reads a nested figure, named as its head in the glossary.
GRAPH_METRICS: tuple[tuple[str, str], ...] = (
    ("actors", COUNT),
    ("ties", COUNT),
    ("edges", COUNT),
    ("density", RATIO),
    ("components", COUNT),
    ("largest_component_share", SHARE),
    ("isolates", COUNT),
    ("mean_degree", RATIO),
    ("transitivity", RATIO),
    ("average_clustering", RATIO),
    ("degree_centralisation", RATIO),
    ("modularity", RATIO),
    ("communities", COUNT),
    ("mean_constraint", RATIO),
    ("local_bridges", COUNT),
    ("ei_location.index", INDEX),
    ("ei_actor_type.index", INDEX),
    ("blau_actor_type", RATIO),
    ("strong_tie_share", SHARE),
    ("face_to_face_share", SHARE),
    ("low_threshold_share", SHARE),
)
# Metrics in 0..1 drawn on the radar chart, by row key.
RADAR_ROWS = (
    "metrics.density",
    "metrics.transitivity",
    "metrics.degree_centralisation",
    "metrics.largest_component_share",
    "metrics.blau_actor_type",
    "metrics.strong_tie_share",
    "metrics.face_to_face_share",
    "coverage.interviewed_share",
)
INSIDE, EXTERNAL = "inside", "external"

# Row labels made from keys (``kind.capitalize()``), marked here so the page can translate them.
ROW_LABELS = (
    *(N_("Communality"), N_("Sociality"), N_("Connectivity")),
    *(N_("Cooperation"), N_("Competition"), N_("Rivalry"), N_("Conflict")),
    *(N_("Cooperation only"), N_("Competition only"), N_("Rivalry only"), N_("Conflict only")),
    *(N_("Several modes"), N_("No mode")),
)
# Hierarchy levels as the coverage rows name them.
LEVEL_WORDS = (
    *(N_("executive"), N_("manager"), N_("specialist"), N_("employee")),
    *(N_("apprentice"), N_("works council"), N_("self employed")),
)


@dataclass(frozen=True)
class Column:
    """One region (all waves, ``wave_id`` None) or one wave of it, with its stored result."""

    region_id: int
    region_name: str
    study_id: int
    status: str  # "ok" | "stale" | "queued" | "running" | "failed" (see coding.worker.models.effective_status)
    result: dict[str, Any] | None
    wave_id: int | None = None
    wave_label: str = ""
    layer: str = "all"

    @property
    def key(self) -> str:
        return f"r{self.region_id}" + (f"-w{self.wave_id}" if self.wave_id else "")

    @property
    def label(self) -> str:
        return f"{self.region_name} · {self.wave_label if self.wave_id else 'all waves'}"

    @property
    def label_said(self) -> Message:
        """``label`` for the page (the words "all waves" in the reader's language)."""
        wave: Message | str = self.wave_label if self.wave_id else message("all waves")
        return Message("{region} · {wave}", {"region": self.region_name, "wave": wave})

    @property
    def is_current(self) -> bool:
        return self.status == OK and self.result is not None

    @property
    def stored_result(self) -> dict[str, Any]:
        """The result, for the row readers: ``_row`` calls them only on columns that have one."""
        assert self.result is not None
        return self.result


@dataclass(frozen=True)
class Evidence:
    """Where a cell's figure comes from: a page kind, a fragment on it and filters of it.

    kinds: "analysis" (the region analysis page, ``anchor`` a fragment), "interactions" (the
    interaction list), "actors" (the actor list), "interviews" (the interview list).
    """

    kind: str
    anchor: str = ""
    filters: tuple[tuple[str, str], ...] = ()


@dataclass
class Cell:
    value: Any
    text: str
    evidence: Evidence | None = None
    current: bool = True
    detail: str = ""  # e.g. a classification's reason (in English; the page shows ``reason`` in its language)
    note: str = ""  # e.g. its thresholds
    mark: str = ""  # "" | "high" | "low" | "differs"
    url: str = ""  # filled by the view from ``evidence``
    reason: Any = None  # a classification's reason as stored (``coding.analysis.message``)
    said: Any = None  # ``text`` for the page (Message, Figure or text); None: ``text`` as it is


@dataclass
class Row:
    key: str
    label: str
    kind: str
    cells: list[Cell]
    differs: bool = False
    spread: float | None = None
    said: Message | None = None  # ``label`` for the page; None: the label is a fixed text (gettext)

    @property
    def spread_text(self) -> str:
        """Highest minus lowest, as the row's figures are shown (percentage points for shares)."""
        if self.spread is None:
            return "differs" if self.differs else ""
        if self.kind == SHARE:
            return f"{self.spread * 100:.0f} pp"
        return format_value(self.spread, COUNT if self.kind == COUNT else RATIO)

    @property
    def spread_said(self) -> Any:
        """``spread_text`` for the page."""
        if self.spread is None:
            return message("differs") if self.differs else ""
        if self.kind == SHARE:
            return message("{points} pp", points=fixed(self.spread * 100, 0))
        return said_value(self.spread, COUNT if self.kind == COUNT else RATIO)


@dataclass
class Section:
    key: str
    title: str
    rows: list[Row]
    note: str = ""
    title_said: Message | None = None  # for the page; None: ``title`` is a fixed text (gettext)
    note_said: Message | None = None


def section(key: str, title: Message, rows: list[Row], note: Message | None = None) -> Section:
    """A section whose title and note are messages: English in ``title``/``note``, the messages beside."""
    return Section(key, str(title), rows, "" if note is None else str(note), title, note)


@dataclass
class Comparison:
    columns: list[Column]
    sections: list[Section] = field(default_factory=list)

    def row(self, key: str) -> Row | None:
        return next((row for section in self.sections for row in section.rows if row.key == key), None)


def format_value(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == SHARE:
        return f"{value:.0%}"
    if kind == COUNT:
        return str(value)
    if kind == RATIO:
        return f"{value:.3f}"
    if kind == INDEX:
        return f"{value:+.3f}"
    return str(value).replace("_", " ")


def fixed(value: float, places: int) -> Figure:
    """``value`` rounded as Python's format rounds it, for the page to write per language."""
    return Figure(float(f"{value:.{places}f}"), places)


def percent(share: float) -> Message:
    """A share as the page writes it: "42%" (German: "42 %")."""
    return message("{percent}%", percent=fixed(share * 100, 0))


def said_value(value: Any, kind: str) -> Any:
    """``format_value`` for the page: numbers as ``Figure``s, labels as texts to translate."""
    if value is None:
        return "—"
    if kind == SHARE:
        return percent(value)
    if kind == COUNT:
        return str(value)
    if kind == RATIO:
        return fixed(value, 3)
    if kind == INDEX:
        return Message("{sign}{number}", {"sign": "+" if value >= 0 else "", "number": fixed(value, 3)})
    return Message(str(value).replace("_", " "))
