"""Which network a file holds: a tie layer and a wave (``?layer=`` and ``?wave=``), read the same
strict way by the export page and the API.

Both default to everything: all ties, all waves. A wave is one of the region's; a study's regions
have waves of their own, so a study's network takes all waves only. A malformed or foreign value
is the sender's mistake and refused (400 naming the parameter), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from cases.models import Region, Study, Wave
from cases.query_flags import QueryParameterError, shown
from coding.analysis.layers import LAYER_LABELS, LAYERS

ALL = "all"


@dataclass(frozen=True)
class NetworkChoice:
    layer: str = ALL
    wave: Wave | None = None  # None: all waves

    @property
    def layer_label(self) -> str:
        return LAYER_LABELS[self.layer]

    @property
    def wave_label(self) -> str:
        return self.wave.label if self.wave else "All waves"


def _single(query: QueryDict, name: str) -> str:
    values = query.getlist(name)
    if len(values) > 1:
        raise QueryParameterError(name, f"Give the parameter “{name}” once, not {len(values)} times.")
    return values[0].strip() if values else ""


def network_choice(owner: Study | Region, query: QueryDict) -> NetworkChoice:
    """The layer and wave asked for in ``query``; ``QueryParameterError`` for anything else."""
    layer = _single(query, "layer") or ALL
    if layer not in LAYERS:
        choices = ", ".join(LAYERS)
        raise QueryParameterError("layer", f"The parameter “layer” must be one of {choices}, not “{shown(layer)}”.")
    wave_text = _single(query, "wave") or ALL
    if wave_text == ALL:
        return NetworkChoice(layer)
    if isinstance(owner, Study):
        raise QueryParameterError("wave", "Waves belong to a region: choose a wave on a region's network, or “all”.")
    wave = Wave.objects.filter(region=owner, pk=int(wave_text)).first() if wave_text.isdigit() else None
    if wave is None:
        raise QueryParameterError(
            "wave", f"The parameter “wave” must be “all” or the id of a wave of this region, not “{shown(wave_text)}”."
        )
    return NetworkChoice(layer, wave)
