"""The codebook import forms of the admin: upload (with a preview), then confirm the previewed file."""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coding.exchange.refi.qdc_reader import EXTENSIONS, MAX_BYTES
from coding.models import CodingScheme

NAME_LENGTH = CodingScheme._meta.get_field("name").max_length
SPLIT_HELP = _(
    "Taguette writes sub-codes as “Trust.Competence”: tick this to import Competence under Trust "
    "(Trust is created when missing). Off: such names stay as they are."
)


class CodebookOptions(forms.Form):
    name = forms.CharField(
        max_length=NAME_LENGTH,
        required=False,
        label=_("Name"),
        help_text=_("Name of the scheme; an existing name gets its next version. Empty: the file's name."),
    )
    split_names = forms.BooleanField(
        required=False, label=_("Read dotted or slashed names as the hierarchy"), help_text=SPLIT_HELP
    )

    def scheme_name(self, filename: str) -> str:
        return self.cleaned_data["name"].strip() or Path(filename).stem


class CodebookImportForm(CodebookOptions):
    """A codebook from MAXQDA, ATLAS.ti, NVivo, QualCoder (.qdc), Taguette (.csv) or a spreadsheet."""

    upload = forms.FileField(label=_("Codebook (.qdc, .csv or .xlsx)"))
    field_order = ["upload", "name", "split_names"]

    def clean_upload(self) -> object:
        upload = self.cleaned_data["upload"]
        if Path(upload.name).suffix.lower() not in EXTENSIONS:
            raise ValidationError(gettext("Choose a codebook: a file ending in .qdc, .csv or .xlsx."))
        if upload.size > MAX_BYTES:
            raise ValidationError(
                gettext("The file has %(size)s bytes; the limit is %(limit)s.")
                % {
                    "size": formats.number_format(upload.size, force_grouping=True),
                    "limit": formats.number_format(MAX_BYTES, force_grouping=True),
                }
            )
        return upload

    def file(self) -> tuple[bytes, str]:
        upload = self.cleaned_data["upload"]
        return upload.read(), upload.name


class CodebookConfirmForm(CodebookOptions):
    """The previewed file, carried in the page (codebooks are small), read and checked again on import."""

    content = forms.CharField(widget=forms.HiddenInput, max_length=MAX_BYTES * 4 // 3 + 4)
    filename = forms.CharField(widget=forms.HiddenInput, max_length=255)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name in ("name", "split_names"):
            self.fields[name].widget = forms.HiddenInput()

    def clean_content(self) -> bytes:
        try:
            return base64.b64decode(self.cleaned_data["content"], validate=True)
        except (binascii.Error, ValueError) as error:
            raise ValidationError(gettext("The previewed file did not come back whole; upload it again.")) from error

    def file(self) -> tuple[bytes, str]:
        return self.cleaned_data["content"], self.cleaned_data["filename"]

    @classmethod
    def carrying(cls, content: bytes, filename: str, options: CodebookOptions) -> CodebookConfirmForm:
        return cls(
            initial={
                "content": base64.b64encode(content).decode(),
                "filename": filename,
                "name": options.cleaned_data["name"],
                "split_names": options.cleaned_data["split_names"],
            }
        )
