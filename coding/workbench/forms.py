"""Forms of the coding workbench: they validate input and hand it to ``coding.workbench.services``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.concurrency import OptimisticLockMixin
from cases.models import Actor, Interview, Region, Study, Wave
from coding.choices import CoordinationMode
from coding.codebook.services import DEFAULT_COLOUR, NAME_MAX, in_vivo_name
from coding.models import Code, Coding, Interaction, Outcome
from coding.workbench import boolean
from coding.workbench.cooccurrence import UNITS, Unit, cell_query
from coding.workbench.form_texts import INVALID_FILTER, OPERATOR_CHOICES, SHOWN_CHOICES
from coding.workbench.passage_selectors import PassageFilters, code_families
from coding.workbench.query_json import BINARY, MAX_WITHIN
from coding.workbench.services import Passage


class CodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, code: Code) -> str:
        return code.name


class SelectionForm(forms.Form):
    """A freshly selected passage: offsets in code points (Python ``str`` indices) and the quote."""

    start = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    quote = forms.CharField(strip=False, widget=forms.HiddenInput)
    memo = forms.CharField(required=False, label=_("Memo"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, interview: Interview, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.interview = interview

    def scheme_codes(self) -> Any:
        return Code.objects.filter(scheme_id=self.interview.region.study.coding_scheme_id)

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        start, end, quote = cleaned.get("start"), cleaned.get("end"), cleaned.get("quote")
        if start is None or end is None or quote is None:
            return cleaned
        length = len(self.interview.transcript)
        if end <= start:
            raise ValidationError(_("The passage must end after it starts."))
        if end > length:
            raise ValidationError(
                _("The passage (%(start)s–%(end)s) lies outside the transcript (%(length)s characters).")
                % {"start": start, "end": end, "length": length}
            )
        passage = self.interview.transcript[start:end]
        # Browsers send line breaks of form values as CRLF, whatever the page held.
        if passage.replace("\r\n", "\n") != quote.replace("\r\n", "\n"):
            raise ValidationError(
                _("The selected text does not match the transcript at these offsets; reload the page and select again.")
            )
        cleaned["quote"] = passage  # the transcript is authoritative, byte for byte
        return cleaned

    def selection(self) -> dict[str, Any]:
        cleaned = self.cleaned_data
        return {"interview": self.interview, "start": cleaned["start"], "end": cleaned["end"], "memo": cleaned["memo"]}


class PassageForm(SelectionForm):
    """A selected passage and one code (the passage a new tie is evidenced by)."""

    code = CodeChoiceField(queryset=Code.objects.none(), empty_label=None)
    field_order = ["start", "end", "quote", "code", "memo"]

    def __init__(self, *args: Any, interview: Interview, **kwargs: Any) -> None:
        super().__init__(*args, interview=interview, **kwargs)
        # Only codes of the study's scheme are valid: a code of another scheme is "not a choice".
        cast("forms.ModelChoiceField", self.fields["code"]).queryset = self.scheme_codes()
        self.fields["code"].error_messages["invalid_choice"] = _("Pick a code from this study's coding scheme.")

    def passage(self) -> Passage:
        return Passage(code=self.cleaned_data["code"], **self.selection())


class MultiCodePassageForm(SelectionForm):
    """A selected passage and the codes to code it with, one or several (field ``code``, repeated)."""

    code = forms.ModelMultipleChoiceField(
        queryset=Code.objects.none(), error_messages={"required": _("Pick at least one code.")}
    )
    field_order = ["start", "end", "quote", "code", "memo"]

    def __init__(self, *args: Any, interview: Interview, **kwargs: Any) -> None:
        super().__init__(*args, interview=interview, **kwargs)
        field = cast("forms.ModelMultipleChoiceField", self.fields["code"])
        field.queryset = self.scheme_codes()
        field.error_messages["invalid_choice"] = _("Pick codes from this study's coding scheme.")
        field.error_messages["invalid_pk_value"] = _("“%(pk)s” is not a code.")

    def codes(self) -> list[Code]:
        return list(self.cleaned_data["code"])


class NewCodePassageForm(SelectionForm):
    """A selected passage and a code to add for it: a typed name or the passage's own words (in vivo)."""

    name = forms.CharField(max_length=NAME_MAX, required=False, label=_("Name"))
    in_vivo = forms.BooleanField(required=False, label=_("In vivo: the selected words are the name"))
    parent = CodeChoiceField(queryset=Code.objects.none(), required=False, empty_label=_("(top level)"))
    colour = forms.CharField(
        initial=DEFAULT_COLOUR, max_length=7, label=_("Colour"), widget=forms.TextInput(attrs={"type": "color"})
    )
    prefix = "new"

    def __init__(self, *args: Any, interview: Interview, **kwargs: Any) -> None:
        super().__init__(*args, interview=interview, **kwargs)
        parent = cast("forms.ModelChoiceField", self.fields["parent"])
        parent.queryset = self.scheme_codes().order_by("order", "name")
        parent.error_messages["invalid_choice"] = _("Pick a parent code from this study's coding scheme.")

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("in_vivo"):
            cleaned["name"] = in_vivo_name(cleaned["quote"])
        if not cleaned.get("name", "").strip():
            self.add_error("name", _("Type a name for the code, or tick “in vivo”."))
        return cleaned

    def new_code(self) -> dict[str, Any]:
        cleaned = self.cleaned_data
        return {"name": cleaned["name"], "parent": cleaned["parent"], "colour": cleaned["colour"]}


class CodeEditForm(forms.Form):
    """A lead's change of a code: name, colour and place in the tree (``codebook.services.code_update``)."""

    name = forms.CharField(max_length=NAME_MAX, label=_("Name"))
    parent = CodeChoiceField(
        queryset=Code.objects.none(), required=False, empty_label=_("(top level)"), label=_("Parent")
    )
    colour = forms.CharField(max_length=7, label=_("Colour"), widget=forms.TextInput(attrs={"type": "color"}))

    def __init__(self, *args: Any, code: Code, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"name": code.name, "parent": code.parent_id, "colour": code.colour})
        super().__init__(*args, **kwargs)
        parent = cast("forms.ModelChoiceField", self.fields["parent"])
        parent.queryset = Code.objects.filter(scheme_id=code.scheme_id).exclude(pk=code.pk).order_by("order", "name")
        parent.error_messages["invalid_choice"] = _("Pick a parent code from this study's coding scheme.")


class CodingEditForm(OptimisticLockMixin, forms.ModelForm):
    """Code and memo of a coding; a concurrent edit by someone else is refused, not overwritten."""

    code = CodeChoiceField(queryset=Code.objects.none(), empty_label=None, label=pgettext_lazy("noun", "Code"))

    class Meta:
        model = Coding
        fields = ["code", "memo"]
        labels = {"memo": _("Memo")}
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

    # Shown open on the page; the rest of the fields sit in a collapsed group (_interaction_fields.html).
    ESSENTIAL_FIELDS = ("source", "target", "directed", "wave", *MODE_FIELDS, "confidence")

    def __init__(self, *args: Any, region: Region, suggested: Sequence[Actor] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.region = region
        self.region = region
        actors = region.actors.order_by("kind", "name")
        for field in ("source", "target"):
            chooser = cast("forms.ModelChoiceField", self.fields[field])
            chooser.queryset = actors
            chooser.error_messages["invalid_choice"] = _("Pick an actor of this region.")
            if suggested:  # the passage's actors on top; every actor of the region still below
                chooser.choices = _suggested_first(chooser, suggested, actors)
        cast("forms.ModelChoiceField", self.fields["wave"]).queryset = region.waves.order_by("start")

    def optional_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.ESSENTIAL_FIELDS and not self[name].is_hidden]

    def optional_in_use(self) -> bool:
        """Open the optional group when one of its fields has a value or an error (an edit, a retry)."""
        empty = (None, "", False, "False")
        return any(field.errors or field.value() not in empty for field in self.optional_fields())

    def clean(self) -> dict:
        cleaned = super().clean()
        if not any(cleaned.get(field) for field in MODE_FIELDS):
            self.add_error(None, _("Pick at least one coordination mode."))
        return cleaned


def _suggested_first(chooser: forms.ModelChoiceField, suggested: Sequence[Actor], actors: Iterable[Actor]) -> list[Any]:
    label = chooser.label_from_instance
    return [
        ("", chooser.empty_label),
        (_("Suggested by the passage"), [(actor.pk, label(actor)) for actor in suggested]),
        (_("All actors of the region"), [(actor.pk, label(actor)) for actor in actors]),
    ]


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

QUERY_ROWS = (2, 3)  # the builder's extra rows after the first code


class PassageFilterForm(forms.Form):
    """Which passages take part: region, wave, interviewee and coder, each of this study only."""

    region = forms.ModelChoiceField(queryset=Region.objects.none(), required=False, label=_("Region"))
    wave = forms.ModelChoiceField(queryset=Wave.objects.none(), required=False, label=_("Wave"))
    actor = forms.ModelChoiceField(queryset=Actor.objects.none(), required=False, label=_("Interviewee"))
    coder = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False, label=_("Coder"))

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
            self.fields[name].error_messages["invalid_choice"] = INVALID_FILTER[name]

    def filters(self) -> PassageFilters:
        return PassageFilters(**{name: self.cleaned_data.get(name) for name in ("region", "wave", "actor", "coder")})


class BooleanQueryForm(PassageFilterForm):
    """The query builder: a code, then up to two rows of (operator, code, N), read left to right.

    ``((code_1 op_2 code_2) op_3 code_3)``; or a co-occurrence cell (``a``, ``b``, ``unit``).
    """

    code_1 = CodeChoiceField(queryset=Code.objects.none(), required=False, label=pgettext_lazy("noun", "Code"))
    op_2 = forms.ChoiceField(choices=OPERATOR_CHOICES, required=False, label=_("then"))
    code_2 = CodeChoiceField(queryset=Code.objects.none(), required=False, label=pgettext_lazy("noun", "code"))
    within_2 = forms.IntegerField(min_value=0, max_value=MAX_WITHIN, required=False, label=_("N ¶"))
    op_3 = forms.ChoiceField(choices=OPERATOR_CHOICES, required=False, label=_("then"))
    code_3 = CodeChoiceField(queryset=Code.objects.none(), required=False, label=pgettext_lazy("noun", "code"))
    within_3 = forms.IntegerField(min_value=0, max_value=MAX_WITHIN, required=False, label=_("N ¶"))
    sub_codes = forms.BooleanField(required=False, label=_("Include sub-codes"))
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
            field.error_messages["invalid_choice"] = _("Pick a code from this study's coding scheme.")

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
            raise ValidationError(_("Pick at least one code."))
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
            raise ValidationError(_("Row %(row)s: pick both an operator and a code, or neither.") % {"row": row})
        if op == "follows":
            if within is None:
                raise ValidationError(
                    _("Row %(row)s: “followed within N ¶” needs N (0 = the same paragraph).") % {"row": row}
                )
            return boolean.Follows(query, self._leaf(code), within)
        return BINARY[op](query, self._leaf(code))


# Codes in the co-occurrence table by default: 40 × 40 cells stay a page of about 200 KB.
COOCCURRENCE_SHOWN = 40


class CooccurrenceForm(PassageFilterForm):
    unit = forms.ChoiceField(
        choices=[("passage", _("overlapping passages")), ("interview", _("same interview"))],
        required=False,
        label=_("Count"),
    )

    shown = forms.ChoiceField(
        choices=SHOWN_CHOICES,
        required=False,
        label=_("Show"),
        help_text=_("A table of every code of a large codebook runs to megabytes; the most used codes come first."),
    )

    def unit_value(self) -> Unit:
        return "interview" if self.cleaned_data.get("unit") == "interview" else "passage"

    def shown_limit(self) -> int | None:
        """How many codes the table shows (None: all); the 40 most used unless chosen otherwise."""
        value = self.cleaned_data.get("shown") or str(COOCCURRENCE_SHOWN)
        return None if value == "all" else int(value)
