"""The upload form of the dump import: the file's size only; its contents are checked by the import job."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings


class DumpImportForm(forms.Form):
    dump = forms.FileField(label="Study dump (.json)", help_text="A file made by “Full JSON dump of the study”.")

    def clean_dump(self) -> Any:
        upload = self.cleaned_data["dump"]
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            limit = settings.IMPORT_MAX_UPLOAD_BYTES
            raise forms.ValidationError(f"The file has {upload.size:,} bytes; the limit is {limit:,}.")
        return upload
