"""Informant reciprocity: is a tie evidenced from both actors' interviews, one side only, or a third party?

Rules (docs/domain.md, "Informant reciprocity"):

- An interview *speaks for* an actor when one of its interviewees is that actor, or, for an
  organisation, when an interviewee is a person affiliated with it (an employee speaks for the
  employer; an organisation does not speak for a person).
- A tie's evidence interviews are the interviews of its evidence codings.
- *Both sides* (confirmed): among its evidence interviews one speaks for the source and one (the
  same or another) speaks for the target. *One side*: only one of the two ends is spoken for.
  *Third party*: it has evidence, but no evidence interview speaks for either end. *No evidence*:
  no evidence coding at all.
- The share of confirmed ties = ties confirmed from both sides ÷ all ties (ties of an actor with
  itself left out), a figure of data quality: a tie reported by both ends is better founded than
  one that only one side mentioned (the article's concern about informant accuracy).

Written here because it is a few set lookups over our own records; no library knows them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coding.analysis.message import N_

BOTH, ONE_SIDE, THIRD_PARTY, NO_EVIDENCE = "both", "one_side", "third_party", "no_evidence"
CATEGORIES = (BOTH, ONE_SIDE, THIRD_PARTY, NO_EVIDENCE)
# Shown to people: marked for the catalogue, translated where shown (the keys above are machine values).
LABELS = {
    BOTH: N_("both sides (confirmed)"),
    ONE_SIDE: N_("one side only"),
    THIRD_PARTY: N_("a third party only"),
    NO_EVIDENCE: N_("no evidence"),
}


@dataclass(frozen=True)
class EvidencedTie:
    """A coded tie with the interviews its evidence codings come from."""

    id: int
    source: int
    target: int
    interview_ids: frozenset[int]


@dataclass(frozen=True)
class TieReciprocity:
    tie_id: int
    category: str
    # The evidence interviews that speak for the source and for the target.
    source_interviews: tuple[int, ...]
    target_interviews: tuple[int, ...]


def voices(interviewees: Mapping[int, Iterable[int]], affiliation: Mapping[int, int | None]) -> dict[int, set[int]]:
    """Interview id → the actors it speaks for: its interviewees and their affiliations."""
    spoken: dict[int, set[int]] = {}
    for interview_id, actor_ids in interviewees.items():
        found = set()
        for actor_id in actor_ids:
            found.add(actor_id)
            employer = affiliation.get(actor_id)
            if employer is not None:
                found.add(employer)
        spoken[interview_id] = found
    return spoken


def classify_tie(tie: EvidencedTie, spoken: Mapping[int, set[int]]) -> TieReciprocity:
    """The reciprocity category of one tie (see the module docstring for the rule)."""
    for_source = tuple(sorted(i for i in tie.interview_ids if tie.source in spoken.get(i, ())))
    for_target = tuple(sorted(i for i in tie.interview_ids if tie.target in spoken.get(i, ())))
    if not tie.interview_ids:
        category = NO_EVIDENCE
    elif for_source and for_target:
        category = BOTH
    elif for_source or for_target:
        category = ONE_SIDE
    else:
        category = THIRD_PARTY
    return TieReciprocity(tie.id, category, for_source, for_target)


def reciprocity(ties: Iterable[EvidencedTie], spoken: Mapping[int, set[int]]) -> list[TieReciprocity]:
    """Every tie's category, ties of an actor with itself left out."""
    return [classify_tie(tie, spoken) for tie in ties if tie.source != tie.target]


def summary(found: Iterable[TieReciprocity]) -> dict[str, int | float | None]:
    """Counts per category, the total and the share confirmed from both sides (None without ties)."""
    counts = Counter(item.category for item in found)
    total = sum(counts.values())
    return {
        **{category: counts.get(category, 0) for category in CATEGORIES},
        "ties": total,
        "confirmed_share": counts.get(BOTH, 0) / total if total else None,
    }
