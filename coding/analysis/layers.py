"""Tie layers: which coded ties a network view is built from (docs/domain.md).

A layer never removes actors, only ties: density, isolates and coverage always refer to all
actors of the region. Ties of other waves (and ties without a wave) are left out when a wave is
chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping

from coding.analysis.inputs import FACE_TO_FACE, LOW_THRESHOLD_SETTINGS, Tie
from coding.analysis.message import N_
from coding.analysis.strength import STRONG, WEAK, strength_class

# The layers and how pages name them (the analysis page's menu, the comparison form): one place.
# Marked for translation; pages translate a label where they show it.
LAYER_LABELS = {
    "all": N_("All ties"),
    "cooperation": N_("Cooperation"),
    "rivalry": N_("Rivalry"),
    "competition": N_("Competition"),
    "conflict": N_("Conflict"),
    "strong": N_("Strong ties"),
    "weak": N_("Weak ties"),
    "face_to_face": N_("Face-to-face ties"),
    "low_threshold": N_("Ties in low-threshold settings"),
    "spin_off": N_("Spin-off – parent ties"),
    "confirmed": N_("Ties confirmed by both sides' interviews"),
}
LAYERS = tuple(LAYER_LABELS)


def select_ties(
    ties: Iterable[Tie],
    layer: str,
    strengths: Mapping[int, float | None],
    cutoff: float,
    wave_id: int | None = None,
    spin_off_tie_ids: Collection[int] = (),
) -> list[Tie]:
    """The ties of ``layer`` (one of ``LAYERS``), optionally of one wave, in input order.

    ``spin_off_tie_ids`` are the ties between spin-offs and their parents (``humus.spin_off_tie_ids``):
    the "spin_off" layer depends on the actors, which the other layers do not read.
    """
    keep = _layer_predicate(layer, strengths, cutoff, frozenset(spin_off_tie_ids))
    return [tie for tie in ties if (wave_id is None or tie.wave_id == wave_id) and keep(tie)]


def _layer_predicate(
    layer: str, strengths: Mapping[int, float | None], cutoff: float, spin_off_tie_ids: frozenset[int]
) -> Callable[[Tie], bool]:
    if layer == "all":
        return lambda tie: True
    if layer in ("cooperation", "rivalry", "competition", "conflict"):
        return lambda tie: layer in tie.modes
    if layer in (STRONG, WEAK):
        # Unrated ties are neither strong nor weak, so they appear in neither layer.
        return lambda tie: strength_class(strengths[tie.id], cutoff) == layer
    if layer == "face_to_face":
        return lambda tie: tie.channel == FACE_TO_FACE
    if layer == "low_threshold":
        return lambda tie: tie.setting in LOW_THRESHOLD_SETTINGS
    if layer == "spin_off":
        return lambda tie: tie.id in spin_off_tie_ids
    if layer == "confirmed":  # informant reciprocity: both ends spoken for (coding.analysis.reciprocity)
        return lambda tie: tie.confirmed
    raise ValueError(f"Unknown tie layer {layer!r}; choose one of {', '.join(LAYERS)}.")
