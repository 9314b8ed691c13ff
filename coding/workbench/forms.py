"""Forms of the coding workbench: they validate input and hand it to ``coding.workbench.services``."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from cases.concurrency import OptimisticLockMixin
from cases.models import Actor, Interview, Region, Study, Wave
from coding.choices import CoordinationMode
from coding.models import Code, Coding, Interaction, Outcome
from coding.workbench import boolean
from coding.workbench.cooccurrence import UNITS, Unit, cell_query
from coding.workbench.passage_selectors import PassageFilters, code_families
from coding.workbench.query_json import BINARY, MAX_WITHIN
from coding.workbench.services import Passage


class CodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, code: Code) -> str:
        return code.name


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n")


class PassageForm(forms.Form):
    """A freshly selected passage: offsets in code points (Python ``str`` indices) and the quote."""

    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quote = forms.CharField(strip=False, widget=forms.HiddenInput)
    code = CodeChoiceField(queryset=Code.objects.none(), empty_label=None)
    memo = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, interview: Interview, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.interview = interview
        # Only codes of the study's scheme are valid: a code of another scheme is "not a choice".
        cast("forms.ModelChoiceField", self.fields["code"]).queryset = Code.objects.filter(
            scheme_id=interview.region.study.coding_scheme_id
        )
        self.fields["code"].error_messages["invalid_choice"] = "Pick a code from this study's coding scheme."

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        start, end, quote = cleaned.get("start"), cleaned.get("end"), cleaned.get("quote")
        if start is None or end is None or quote is None:
            return cleaned
        length = len(self.interview.transcript)
        if end <= start:
            raise ValidationError("The passage must end after it starts.")
        if end > length:
            raise ValidationError(f"The passage ({start}–{end}) lies outside the transcript ({length} characters).")
        passage = self.interview.transcript[start:end]
        # Browsers send line breaks of form values as CRLF, whatever the page held.
        if _lines(passage) != _lines(quote):
            raise ValidationError(
                "The selected text does not match the transcript at these offsets; reload the page and select again."
            )
        cleaned["quote"] = passage  # the transcript is authoritative, byte for byte
        return cleaned

    def passage(self) -> Passage:
        cleaned = self.cleaned_data
        return Passage(
            interview=self.interview,
            code=cleaned["code"],
            start=cleaned["start"],
            end=cleaned["end"],
            memo=cleaned["memo"],
        )


class CodingEditForm(OptimisticLockMixin, forms.ModelForm):
    """Code and memo of a coding; a concurrent edit by someone else is refused, not overwritten."""

    code = CodeChoiceField(queryset=Code.objects.none(), empty_label=None)

    class Meta:
        model = Coding
        fields = ["code", "memo"]
        widgets = {"memo": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scheme_id = self.instance.interview.region.study.coding_scheme_id
        cast("forms.ModelChoiceField", self.fields["code"]).queryset = Code.objects.filter(
            scheme_id=scheme_id
        ).order_by("order", "name")


def model_values(form: forms.ModelForm, *, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """The validated values of the model fields a form edits, without its version token."""
    fields = form._meta.fields or ()  # None only for a ModelForm without Meta.fields, which Django refuses
    return {name: form.cleaned_data[name] for name in fields if name not in exclude}


def loaded_version(form: OptimisticLockMixin) -> str | None:
    """The version the edited row had when the form was opened (checked again by the service)."""
    return form.cleaned_data.get("loaded_version") if form.instance.pk else None


MODE_FIELDS = [f"mode_{mode}" for mode in CoordinationMode.values]


class InteractionForm(OptimisticLockMixin, forms.ModelForm):
    """A tie between two actors of one region; actors and waves are limited to that region.

    Editing an existing tie is refused if someone else saved it after the form was opened.
    """

    class Meta:
        model = Interaction
        fields = [
            "source",
            "target",
            "directed",
            "wave",
            *MODE_FIELDS,
            "content",
            *Interaction.RATING_FIELDS,
            "channel",
            "setting",
            "formality",
            "trust_basis",
            "duration",
            "includes_private_sphere",
            "confidence",
            "memo",
        ]
        widgets = {
            "memo": forms.Textarea(attrs={"rows": 3}),
            **{field: forms.NumberInput(attrs={"min": 0, "max": 4}) for field in Interaction.RATING_FIELDS},
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.region = region
        self.region = region
        actors = region.actors.order_by("kind", "name")
        cast("forms.ModelChoiceField", self.fields["source"]).queryset = actors
        cast("forms.ModelChoiceField", self.fields["target"]).queryset = actors
        cast("forms.ModelChoiceField", self.fields["wave"]).queryset = region.waves.order_by("start")
        for field in ("source", "target"):
            self.fields[field].error_messages["invalid_choice"] = "Pick an actor of this region."

    def clean(self) -> dict:
        cleaned = super().clean()
        if not any(cleaned.get(field) for field in MODE_FIELDS):
            self.add_error(None, "Pick at least one coordination mode.")
        return cleaned


class OutcomeForm(OptimisticLockMixin):
    class Meta:
        model = Outcome
        fields = ["name", "kind", "year", "description", "actors"]
        widgets = {"actors": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.region = region
        cast("forms.ModelChoiceField", self.fields["actors"]).queryset = Actor.objects.filter(region=region).order_by(
            "name"
        )


# --- Boolean retrieval and co-occurrence ----------------------------------------------------

OPERATOR_CHOICES = [
    ("", "—"),
    ("and", "AND (overlapping)"),
    ("or", "OR"),
    ("not", "NOT (overlapping none of)"),
    ("follows", "followed within N ¶ by"),
    ("same_interview", "in an interview with"),
]
QUERY_ROWS = (2, 3)  # the builder's extra rows after the first code


class PassageFilterForm(forms.Form):
    """Which passages take part: region, wave, interviewee and coder, each of this study only."""

    region = forms.ModelChoiceField(queryset=Region.objects.none(), required=False)
    wave = forms.ModelChoiceField(queryset=Wave.objects.none(), required=False)
    actor = forms.ModelChoiceField(queryset=Actor.objects.none(), required=False, label="Interviewee")
    coder = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False)

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.study = study
        querysets = {
            "region": study.regions.order_by("name"),
            "wave": Wave.objects.filter(region__study=study).select_related("region").order_by("region__name", "start"),
            "actor": Actor.objects.filter(region__study=study, interviews__isnull=False).distinct().order_by("name"),
            "coder": get_user_model().objects.filter(memberships__study=study).order_by("username"),
        }
        for name, queryset in querysets.items():
            cast("forms.ModelChoiceField", self.fields[name]).queryset = queryset
            self.fields[name].error_messages["invalid_choice"] = f"Pick a {name} of this study."

    def filters(self) -> PassageFilters:
        return PassageFilters(**{name: self.cleaned_data.get(name) for name in ("region", "wave", "actor", "coder")})


class BooleanQueryForm(PassageFilterForm):
    """The query builder: a code, then up to two rows of (operator, code, N), read left to right.

    ``((code_1 op_2 code_2) op_3 code_3)``; or a co-occurrence cell (``a``, ``b``, ``unit``).
    """

    code_1 = CodeChoiceField(queryset=Code.objects.none(), required=False, label="Code")
    op_2 = forms.ChoiceField(choices=OPERATOR_CHOICES, required=False, label="then")
    code_2 = CodeChoiceField(queryset=Code.objects.none(), required=False, label="code")
    within_2 = forms.IntegerField(min_value=0, max_value=MAX_WITHIN, required=False, label="N ¶")
    op_3 = forms.ChoiceField(choices=OPERATOR_CHOICES, required=False, label="then")
    code_3 = CodeChoiceField(queryset=Code.objects.none(), required=False, label="code")
    within_3 = forms.IntegerField(min_value=0, max_value=MAX_WITHIN, required=False, label="N ¶")
    sub_codes = forms.BooleanField(required=False, label="Include sub-codes")
    a = forms.ModelChoiceField(queryset=Code.objects.none(), required=False, widget=forms.HiddenInput)
    b = forms.ModelChoiceField(queryset=Code.objects.none(), required=False, widget=forms.HiddenInput)
    unit = forms.ChoiceField(choices=[(u, u) for u in UNITS], required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, study: Study, codes: list[Code], **kwargs: Any) -> None:
        super().__init__(*args, study=study, **kwargs)
        self.families = code_families(codes)
        self.code_names = {code.pk: code.name for code in codes}
        for name in ("code_1", "code_2", "code_3", "a", "b"):
            field = cast("forms.ModelChoiceField", self.fields[name])
            field.queryset = Code.objects.filter(scheme_id=study.coding_scheme_id).order_by("order", "name")
            field.error_messages["invalid_choice"] = "Pick a code from this study's coding scheme."

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        a, b = cleaned.get("a"), cleaned.get("b")
        if a is not None and b is not None:
            self.query = cell_query(a.pk, b.pk, cleaned.get("unit") or "passage")
            return cleaned
        first = cleaned.get("code_1")
        if first is None:
            raise ValidationError("Pick at least one code.")
        query: boolean.Query = self._leaf(first)
        for row in QUERY_ROWS:
            query = self._step(query, row)
        self.query = query
        return cleaned

    def description(self) -> str:
        """The valid query in words (``boolean.describe``)."""
        return boolean.describe(self.query, lambda code: self.code_names.get(code, str(code)))

    def _leaf(self, code: Code) -> boolean.Code:
        return boolean.Code(self.families[code.pk] if self.cleaned_data.get("sub_codes") else frozenset({code.pk}))

    def _step(self, query: boolean.Query, row: int) -> boolean.Query:
        op, code, within = (self.cleaned_data.get(f"{name}_{row}") for name in ("op", "code", "within"))
        if not op and code is None:
            return query
        if not op or code is None:
            raise ValidationError(f"Row {row}: pick both an operator and a code, or neither.")
        if op == "follows":
            if within is None:
                raise ValidationError(f"Row {row}: “followed within N ¶” needs N (0 = the same paragraph).")
            return boolean.Follows(query, self._leaf(code), within)
        return BINARY[op](query, self._leaf(code))


class CooccurrenceForm(PassageFilterForm):
    unit = forms.ChoiceField(
        choices=[("passage", "overlapping passages"), ("interview", "same interview")],
        required=False,
        label="Count",
    )

    def unit_value(self) -> Unit:
        return "interview" if self.cleaned_data.get("unit") == "interview" else "passage"
