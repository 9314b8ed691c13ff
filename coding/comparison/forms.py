"""The comparison's choice of regions, waves and tie layer, read from the query string."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Region, Wave
from cases.query_flags import FlagField
from coding.analysis.layers import LAYER_LABELS

# A comparison wider than this is unreadable on a page (and each column loads a stored result).
MAX_COMPARISON_COLUMNS = 24


class ComparisonForm(forms.Form):
    """Which regions (of the user's own studies) and waves to compare on which tie layer; read from GET.

    A region counts once over all its waves, unless ``by_wave`` asks for a column per wave or
    some of its waves are picked, which then are its columns. Only regions and waves passed in
    (those the user may see) are valid choices, so a foreign id is an ordinary invalid choice.
    """

    region = forms.TypedMultipleChoiceField(coerce=int, required=False, label=gettext_lazy("Regions"))
    wave = forms.TypedMultipleChoiceField(coerce=int, required=False, label=gettext_lazy("Waves"))
    by_wave = FlagField(label=gettext_lazy("One column per wave"))
    layer = forms.ChoiceField(
        choices=[(key, gettext_lazy(label)) for key, label in LAYER_LABELS.items()], required=False
    )
    # A categorical actor attribute (coding.partitions.selectors); checked where its figures are read.
    partition = forms.CharField(required=False, max_length=63)

    def __init__(self, *args: Any, regions: list[Region], waves: list[Wave], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regions = {region.pk: region for region in regions}
        self.waves = {wave.pk: wave for wave in waves}
        cast("forms.ChoiceField", self.fields["region"]).choices = [(region.pk, region.name) for region in regions]
        cast("forms.ChoiceField", self.fields["wave"]).choices = [(wave.pk, wave.label) for wave in waves]

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        picked = set(cleaned.get("region") or ())
        strays = [self.waves[pk] for pk in cleaned.get("wave") or () if self.waves[pk].region_id not in picked]
        if strays:
            self.add_error(
                "wave",
                _("Pick the region of every wave you pick: %(waves)s") % {"waves": ", ".join(w.label for w in strays)},
            )
        elif len(self.columns()) > MAX_COMPARISON_COLUMNS:
            raise ValidationError(_("Compare at most %(count)d columns at once.") % {"count": MAX_COMPARISON_COLUMNS})
        return cleaned

    def chosen_layer(self) -> str:
        return self.cleaned_data.get("layer") or "all"

    def columns(self) -> list[tuple[Region, Wave | None]]:
        """(region, wave or None for all waves) per column, regions in the order offered."""
        picked_regions = set(self.cleaned_data.get("region") or ())
        picked_waves = set(self.cleaned_data.get("wave") or ())
        by_wave = self.cleaned_data.get("by_wave", False)
        waves_of: dict[int, list[Wave]] = {}
        for wave in self.waves.values():
            waves_of.setdefault(wave.region_id, []).append(wave)
        columns: list[tuple[Region, Wave | None]] = []
        for region in self.regions.values():
            if region.pk not in picked_regions:
                continue
            chosen = [wave for wave in waves_of.get(region.pk, []) if wave.pk in picked_waves]
            if not chosen and by_wave:
                chosen = waves_of.get(region.pk, [])
            columns.extend((region, wave) for wave in chosen or (None,))
        return columns
