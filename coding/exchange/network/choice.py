"""Which network a file holds: a tie layer and a wave (``?layer=`` and ``?wave=``), read the same
strict way by the export page and the API.

Both default to everything: all ties, all waves. A wave is one of the region's; a study's regions
have waves of their own, so a study's network takes all waves only. A malformed or foreign value
is the sender's mistake and refused (400 naming the parameter), never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

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
        said = _("Give the parameter “%(name)s” once, not %(count)s times.") % {"name": name, "count": len(values)}
        raise QueryParameterError(name, said)
    return values[0].strip() if values else ""


def network_choice(owner: Study | Region, query: QueryDict) -> NetworkChoice:
    """The layer and wave asked for in ``query``; ``QueryParameterError`` for anything else."""
    layer = _single(query, "layer") or ALL
    if layer not in LAYERS:
        choices = ", ".join(LAYERS)
        said = _("The parameter “layer” must be one of %(choices)s, not “%(layer)s”.") % {
            "choices": choices,
            "layer": shown(layer),
        }
        raise QueryParameterError("layer", said)
    wave_text = _single(query, "wave") or ALL
    if wave_text == ALL:
        return NetworkChoice(layer)
    if isinstance(owner, Study):
        raise QueryParameterError("wave", _("Waves belong to a region: choose a wave on a region's network, or “all”."))
    wave = Wave.objects.filter(region=owner, pk=int(wave_text)).first() if wave_text.isdigit() else None
    if wave is None:
        said = _("The parameter “wave” must be “all” or the id of a wave of this region, not “%(wave)s”.") % {
            "wave": shown(wave_text)
        }
        raise QueryParameterError("wave", said)
    return NetworkChoice(layer, wave)
