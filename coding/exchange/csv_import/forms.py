"""Forms of the CSV import: the upload step and the column-mapping step."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coding.exchange.csv_import.fields import TARGETS, field_aliases, variable_key
from coding.exchange.csv_import.table import CsvTable, auto_mapping, read_table
from coding.exchange.records import ImportErrors
from coding.templatetags.says import say
from coding.variables.models import Variable

TARGET_CHOICES = [("actors", _("Actors")), ("interactions", _("Interactions (between actors already in the region)"))]


class CsvUploadForm(forms.Form):
    target = forms.ChoiceField(label=_("Import"), choices=TARGET_CHOICES)
    file = forms.FileField(
        label=_("CSV file"), help_text=_("Comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252.")
    )

    def clean_file(self) -> CsvTable:
        upload = self.cleaned_data["file"]
        limit = settings.CSV_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                gettext("The file is larger than %(size)s; split it.") % {"size": filesizeformat(limit)}
            )
        try:
            return read_table(upload.read())
        except ImportErrors as error:
            raise forms.ValidationError([say(problem.translatable()) for problem in error.problems]) from error


NOT_IMPORTED = ("", _("— not imported —"))


class MappingForm(forms.Form):
    """One choice per import field: which CSV column feeds it. Proposed from the column names, or
    ``chosen``: the mapping last tried with this file (a field it leaves out stays not imported)."""

    def __init__(
        self,
        *args: Any,
        target: str,
        header: Sequence[str],
        variables: Sequence[Variable] = (),
        chosen: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        named = [(variable.name, variable.label) for variable in variables]
        proposed = auto_mapping(header, field_aliases(target, named)) if chosen is None else dict(chosen)
        choices = [NOT_IMPORTED, *((column, column) for column in header)]
        for spec in TARGETS[target]:
            label = f"{say(spec.title)}{' *' if spec.required else ''}"
            self.fields[spec.name] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=proposed.get(spec.name, "")
            )
        # The study's variables of the imported records, after the fixed fields.
        for variable in variables:
            key = variable_key(variable.name)
            self.fields[key] = forms.ChoiceField(
                label=gettext("Variable: %(label)s (%(type)s)")
                % {"label": variable.label, "type": variable.get_type_display()},
                choices=choices,
                required=False,
                initial=proposed.get(key, ""),
            )

    def mapping(self) -> dict[str, str]:
        return {name: column for name, column in self.cleaned_data.items() if column}
