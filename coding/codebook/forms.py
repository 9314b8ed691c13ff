"""Forms of the codebook page: they pick codes of the study's scheme (by tree position) and carry
the preview's fingerprint to the confirmation; ``coding.codebook.reorganise`` does the work."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

    from coding.codebook.selectors import CodebookRow
    from coding.models import Code

TOP_LEVEL = ("", _("(top level)"))


def tree_label(row: CodebookRow) -> str:
    indent = "\u00a0\u00a0\u00a0" * row.depth + ("└ " if row.depth else "")
    return f"{indent}{row.code.name} ({row.codings})"


class CodebookForm(forms.Form):
    """A form whose ``code_fields`` choose among the scheme's codes, shown as the tree."""

    code_fields: ClassVar[tuple[str, ...]] = ()
    optional_code_fields: ClassVar[dict[str, tuple[str, StrOrPromise]]] = {}
    fingerprint = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: Any, rows: list[CodebookRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes = {str(row.code.pk): row.code for row in rows}
        choices = [(str(row.code.pk), tree_label(row)) for row in rows]
        for name in self.code_fields:
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            empty = self.optional_code_fields.get(name)
            field.choices = [empty, *choices] if empty else [("", "—"), *choices]
            field.error_messages["invalid_choice"] = _("Pick a code of this study's coding scheme.")

    def chosen(self, name: str) -> Code | None:
        return self.codes.get(self.cleaned_data.get(name) or "")


class MergeForm(CodebookForm):
    code_fields = ("source", "target")
    source = forms.ChoiceField(label=_("Merge the code"))
    target = forms.ChoiceField(label=_("into the code"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("source") and cleaned.get("source") == cleaned.get("target"):
            raise forms.ValidationError(_("A code cannot be merged into itself: choose two different codes."))
        return cleaned


class MoveForm(CodebookForm):
    code_fields = ("code", "parent")
    optional_code_fields: ClassVar[dict[str, tuple[str, StrOrPromise]]] = {"parent": TOP_LEVEL}
    code = forms.ChoiceField(label=_("Move the code"))
    parent = forms.ChoiceField(label=_("under"), required=False)


class SplitForm(CodebookForm):
    code_fields = ("target", "new_parent")
    optional_code_fields: ClassVar[dict[str, tuple[str, StrOrPromise]]] = {
        "target": ("", _("(a new code)")),
        "new_parent": TOP_LEVEL,
    }
    codings = forms.TypedMultipleChoiceField(
        coerce=int, label=_("Passages to move"), widget=forms.CheckboxSelectMultiple
    )
    target = forms.ChoiceField(label=_("Move them to"), required=False)
    new_name = forms.CharField(label=_("or to a new code named"), required=False, max_length=200)
    new_parent = forms.ChoiceField(label=_("under"), required=False)

    def __init__(self, *args: Any, coding_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["codings"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(coding_id, str(coding_id)) for coding_id in coding_ids]
        field.error_messages["invalid_choice"] = _("Passage %(value)s is not coded with this code (any more).")
        field.error_messages["required"] = _("Choose at least one passage to move.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("target")) == bool((cleaned.get("new_name") or "").strip()):
            raise forms.ValidationError(_("Choose either an existing code or a name for a new code, not both."))
        return cleaned
