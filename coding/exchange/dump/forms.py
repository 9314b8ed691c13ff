"""The upload form of the dump import: the file's size only; its contents are checked by the import job."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DumpImportForm(forms.Form):
    dump = forms.FileField(label=_("Study dump (.json)"), help_text=_("A file made by “Full JSON dump of the study”."))

    def clean_dump(self) -> Any:
        upload = self.cleaned_data["dump"]
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            limit = settings.IMPORT_MAX_UPLOAD_BYTES
            raise forms.ValidationError(
                gettext("The file has %(size)s bytes; the limit is %(limit)s.")
                % {
                    "size": number_format(upload.size, force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                }
            )
        return upload
