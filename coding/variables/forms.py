"""Forms of the variables pages: a variable's definition, and the values of one record.

They validate the shape of the input and hand it to ``coding.variables.services``, which decides
what a value may be (one parser for every path) and refuses a bad set whole.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coding.variables import values as pure
from coding.variables.models import Variable

RENAME = "=>"


class VariableForm(forms.ModelForm):
    """A variable's definition. Categories are typed one per line in their order; a line
    ``old => new`` renames a category and every value that holds it."""

    categories_text = forms.CharField(
        label=gettext_lazy("Categories"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Categorical variables: one value per line, in order. Rename one with “old => new”."),
    )

    class Meta:
        model = Variable
        fields = ["target", "name", "label", "type", "description", "unit", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["label"].required = False
        self.renamed: dict[str, str] = {}
        if self.instance.pk:
            self.fields["target"].disabled = True  # values belong to records of one kind
            self.fields["categories_text"].initial = "\n".join(self.instance.categories)
        else:
            del self.fields["position"]  # a new variable goes last

    def clean_categories_text(self) -> list[str]:
        categories: list[str] = []
        for line in self.cleaned_data["categories_text"].splitlines():
            old, arrow, new = line.partition(RENAME)
            if not line.strip():
                continue
            if arrow:
                if not self.instance.pk:
                    raise forms.ValidationError(
                        _("“%(line)s”: a new variable has nothing to rename.") % {"line": line.strip()}
                    )
                self.renamed[old.strip()] = new.strip()
                categories.append(new.strip())
            else:
                categories.append(line.strip())
        return categories

    def definition(self) -> dict[str, Any]:
        """The cleaned definition as the services take it (categories only for categorical ones)."""
        cleaned = self.cleaned_data
        categorical = cleaned["type"] == pure.CATEGORICAL
        fields = ("name", "label", "type", "description", "unit", *(("position",) if self.instance.pk else ()))
        return {
            **{field: cleaned[field] for field in fields},
            "categories": cleaned["categories_text"] if categorical else [],
        }


def value_field(variable: Variable, initial: str) -> forms.Field:
    """The form field of one variable's value: a select for categories and yes/no, text otherwise
    (typed as the grid and files write it: the service parses it)."""
    common: dict[str, Any] = {"label": variable.label, "required": False, "initial": initial}
    if variable.unit:
        common["help_text"] = variable.unit
    if variable.type == pure.CATEGORICAL:
        return forms.ChoiceField(choices=[("", "—"), *((c, c) for c in variable.categories)], **common)
    if variable.type == pure.BOOLEAN:
        return forms.ChoiceField(choices=[("", "—"), ("true", _("yes")), ("false", _("no"))], **common)
    if variable.type == pure.DATE:
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if variable.type == pure.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)
    return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)


class RecordValuesForm(forms.Form):
    """One field per variable of the record's kind, named by the variable's machine name."""

    def __init__(self, *args: Any, variables: list[Variable], current: dict[str, pure.Value], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.variables = variables
        for variable in variables:
            self.fields[variable.name] = value_field(variable, pure.format_value(current.get(variable.name)))

    def changes(self) -> dict[Variable, object]:
        return {variable: self.cleaned_data.get(variable.name, "") for variable in self.variables}
