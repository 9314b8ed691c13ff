"""Intercoder agreement on recorded ties, at dyad level (pure Python, no Django).

When two or more coders record interactions from the same interview, did they record the same
ties, and with the same coordination modes? Rules (stated on the agreement pages, docs/domain.md §6):

- A tie is *recorded from an interview* when one of its evidence codings lies in that interview;
  its *coder* is the tie's recorder (``Interaction.coder``), or, for a tie without one, each coder
  of its evidence codings in that interview.
- The coders of an interview are those who recorded at least one tie from it; an interview counts
  when it has two or more. (A coder who only coded passages there did not do this task.)
- **Units** (dyads): every unordered pair of the actors named by any coder in the interview (the
  ends of its recorded ties; ties of an actor with itself left out). Pairs of actors nobody named
  there are not units: the interview says nothing about them, and counting them would inflate
  agreement with agreed absences.
- **Presence**: a coder's value on a dyad is 1 when they recorded a tie on that pair from the
  interview (either direction), else 0.
- **Mode given presence**: on the dyads where every coder recorded a tie, a coder's value is the
  set of coordination modes of their ties on the pair (e.g. "cooperation+rivalry"), a nominal value.
- Percent agreement, Cohen's kappa (mean over coder pairs with more than two coders: Light's kappa)
  and Krippendorff's alpha (nominal) as for passages (``agreement``). For a study, the dyads of all
  counting interviews are pooled.

Written here because no library we have computes dyad-level agreement of coded networks; the
statistics themselves are ``agreement``'s, checked against published values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from coding.workbench.agreement import cohen_kappa, krippendorff_alpha_nominal, percent_agreement

PRESENCE, MODE = "presence", "mode"
Pair = tuple[int, int]


@dataclass(frozen=True)
class RecordedTie:
    """One coded tie as recorded by one coder from one interview."""

    interview: Hashable
    coder: Hashable
    tie_id: int
    source: int
    target: int
    modes: frozenset[str] = frozenset()
    coding_ids: tuple[int, ...] = ()  # its evidence codings in this interview (the passages)

    @property
    def pair(self) -> Pair:
        return (self.source, self.target) if self.source <= self.target else (self.target, self.source)


@dataclass(frozen=True)
class DyadDisagreement:
    """A dyad on which the coders differ: in presence, or in modes given presence."""

    interview: Hashable
    pair: Pair
    kind: str  # PRESENCE | MODE
    values: tuple[tuple[Hashable, str], ...]  # (coder, value shown: "tie"/"no tie" or the modes)
    tie_ids: tuple[int, ...]
    coding_ids: tuple[int, ...]


@dataclass
class Agreement:
    """The three figures over some units, and how many units there were."""

    units: int = 0
    percent: float | None = None
    kappa: float | None = None
    alpha: float | None = None


@dataclass
class TieAgreement:
    presence: Agreement
    mode: Agreement
    interviews: int
    disagreements: list[DyadDisagreement] = field(default_factory=list)


@dataclass
class _Units:
    """Pooled units of one kind: rows of values, per coder pair their paired values."""

    rows: list[list[Hashable]] = field(default_factory=list)
    pairs: dict[tuple[Hashable, Hashable], tuple[list[Hashable], list[Hashable]]] = field(default_factory=dict)

    def add(self, coders: Sequence[Hashable], row: list[Hashable]) -> None:
        self.rows.append(row)
        for i, j in combinations(range(len(coders)), 2):
            first, second = self.pairs.setdefault((coders[i], coders[j]), ([], []))
            first.append(row[i])
            second.append(row[j])

    def agreement(self) -> Agreement:
        kappas = [cohen_kappa(first, second) for first, second in self.pairs.values()]
        defined = [kappa for kappa in kappas if kappa is not None]
        return Agreement(
            units=len(self.rows),
            percent=percent_agreement(self.rows),
            kappa=sum(defined) / len(defined) if defined else None,
            alpha=krippendorff_alpha_nominal(self.rows),
        )


def mode_value(modes: Iterable[str]) -> str:
    """A set of modes as one nominal value: "cooperation+rivalry"."""
    return "+".join(sorted(modes))


def tie_agreement(recorded: Iterable[RecordedTie]) -> TieAgreement:
    """Dyad-level agreement over every interview of ``recorded`` that has two or more coders."""
    by_interview: dict[Hashable, list[RecordedTie]] = defaultdict(list)
    for tie in recorded:
        if tie.source != tie.target:
            by_interview[tie.interview].append(tie)
    presence, mode = _Units(), _Units()
    disagreements: list[DyadDisagreement] = []
    counted = 0
    for interview, ties in by_interview.items():
        coders = sorted({tie.coder for tie in ties}, key=str)
        if len(coders) < 2:
            continue
        counted += 1
        disagreements.extend(_interview_units(interview, ties, coders, presence, mode))
    return TieAgreement(presence.agreement(), mode.agreement(), counted, disagreements)


def per_interview(recorded: Iterable[RecordedTie]) -> dict[Hashable, TieAgreement]:
    """Interview → its own agreement (only interviews with two or more coders)."""
    by_interview: dict[Hashable, list[RecordedTie]] = defaultdict(list)
    for tie in recorded:
        by_interview[tie.interview].append(tie)
    found = {interview: tie_agreement(ties) for interview, ties in by_interview.items()}
    return {interview: result for interview, result in found.items() if result.interviews}


def _interview_units(
    interview: Hashable, ties: list[RecordedTie], coders: list[Hashable], presence: _Units, mode: _Units
) -> list[DyadDisagreement]:
    on_pair: dict[Pair, dict[Hashable, list[RecordedTie]]] = defaultdict(lambda: defaultdict(list))
    for tie in ties:
        on_pair[tie.pair][tie.coder].append(tie)
    actors = sorted({actor for tie in ties for actor in tie.pair})
    found = []
    for pair in combinations(actors, 2):
        by_coder = on_pair.get(pair, {})
        row: list[Hashable] = [int(coder in by_coder) for coder in coders]
        presence.add(coders, row)
        if len(set(row)) > 1:
            shown = tuple((coder, "tie" if value else "no tie") for coder, value in zip(coders, row, strict=True))
            found.append(_disagreement(interview, pair, PRESENCE, shown, by_coder))
            continue
        if not row[0]:
            continue  # nobody recorded this pair: agreed absence, no mode to compare
        modes: list[Hashable] = [mode_value(m for tie in by_coder[coder] for m in tie.modes) for coder in coders]
        mode.add(coders, modes)
        if len(set(modes)) > 1:
            shown = tuple((coder, str(value) or "no mode") for coder, value in zip(coders, modes, strict=True))
            found.append(_disagreement(interview, pair, MODE, shown, by_coder))
    return found


def _disagreement(
    interview: Hashable,
    pair: Pair,
    kind: str,
    shown: tuple[tuple[Hashable, str], ...],
    by_coder: dict[Hashable, list[RecordedTie]],
) -> DyadDisagreement:
    ties = [tie for coder_ties in by_coder.values() for tie in coder_ties]
    return DyadDisagreement(
        interview=interview,
        pair=pair,
        kind=kind,
        values=shown,
        tie_ids=tuple(sorted({tie.tie_id for tie in ties})),
        coding_ids=tuple(sorted({coding for tie in ties for coding in tie.coding_ids})),
    )
