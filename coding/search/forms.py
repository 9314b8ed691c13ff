"""Forms of transcript search: they read the query and filters and hand them to the selectors and services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.models import Region, Study, Wave
from coding.models import Code
from coding.search import selectors
from coding.search.kwic import UNITS
from coding.search.query import MAX_QUERY_CHARS, QueryRefused, SearchQuery, parse
from coding.templatetags.says import say

UNIT_LABELS = {"hit": _("the matched words"), "sentence": _("the sentence"), "paragraph": _("the paragraph")}
# A unit as the preview names it (English: the unit's key).
UNIT_NAMES = {
    "hit": pgettext_lazy("search unit", "hit"),
    "sentence": pgettext_lazy("search unit", "sentence"),
    "paragraph": pgettext_lazy("search unit", "paragraph"),
}


class SearchForm(forms.Form):
    q = forms.CharField(
        label=pgettext_lazy("noun", "Search"),
        max_length=MAX_QUERY_CHARS,
        help_text=_('Words are all required; "a phrase" in quotes; or between alternatives; -word excludes.'),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _('e.g. Kooperation "trade fair" -Messe')}),
    )
    region = forms.ModelChoiceField(
        queryset=Region.objects.none(), required=False, empty_label=_("all regions"), label=_("Region")
    )
    wave = forms.ModelChoiceField(
        queryset=Wave.objects.none(), required=False, empty_label=_("all waves"), label=_("Wave")
    )
    language = forms.ChoiceField(required=False, label=_("Language"))

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.study = study
        cast("forms.ModelChoiceField", self.fields["region"]).queryset = study.regions.order_by("name")
        waves = Wave.objects.filter(region__study=study).select_related("region").order_by("region__name", "start")
        cast("forms.ModelChoiceField", self.fields["wave"]).queryset = waves
        languages = selectors.languages_of(study)
        cast("forms.ChoiceField", self.fields["language"]).choices = [("", gettext("all languages"))] + [
            (language, language) for language in languages
        ]
        self.fields["q"].error_messages["max_length"] = gettext(
            "A search can be at most %(limit_value)d characters long (this one has %(show_value)d)."
        )

    def clean_q(self) -> SearchQuery:
        try:
            return parse(self.cleaned_data["q"])
        except QueryRefused as refused:
            raise forms.ValidationError(say(refused.args[0])) from refused

    def filters(self) -> selectors.Filters:
        return selectors.Filters(
            region=self.cleaned_data.get("region"),
            wave=self.cleaned_data.get("wave"),
            language=self.cleaned_data.get("language") or "",
        )


def _code_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=Code.objects.none(), label=_("Code every hit as"))


def _unit_field() -> forms.ChoiceField:
    choices = [(unit, UNIT_LABELS[unit]) for unit in UNITS]
    return forms.ChoiceField(choices=choices, initial="sentence", label=_("Passage to code"))


def _limit_codes(form: forms.Form, study: Study) -> None:
    codes = Code.objects.filter(scheme_id=study.coding_scheme_id).order_by("order", "name")
    cast("forms.ModelChoiceField", form.fields["code"]).queryset = codes
    form.fields["code"].error_messages["invalid_choice"] = gettext("Pick a code from this study's coding scheme.")


class CodeChoiceForm(forms.Form):
    """The code and the unit of "code all hits" (on the search page, under the hits)."""

    code = _code_field()
    unit = _unit_field()

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_codes(self, study)


class AutocodeForm(SearchForm):
    """The search, the code and the unit; ``plan`` is the token of the preview being confirmed."""

    code = _code_field()
    unit = _unit_field()
    plan = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, study=study, **kwargs)
        _limit_codes(self, study)
