"""The REFI-QDA project import form; the checks of the file itself are in the reader."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.choices import Role
from cases.models import Region, Study


class QdpxImportForm(forms.Form):
    upload = forms.FileField(label=_("REFI-QDA project (.qdpx)"))
    region = forms.ModelChoiceField(
        queryset=Region.objects.none(),
        required=False,
        label=_("Region"),
        empty_label=_("One region per REFI-QDA case (created when missing)"),
        help_text=_("All transcripts go to this region; leave empty to use the project's cases."),
    )
    coder = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("Coder"),
        help_text=_("Codings of REFI-QDA users who are not coders of this study (by username) are credited to them."),
    )

    def __init__(self, study: Study, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField", self.fields["region"]).queryset = study.regions.order_by("name")
        cast("forms.ModelChoiceField", self.fields["coder"]).queryset = (
            get_user_model()
            .objects.filter(memberships__study=study, memberships__role__in=[Role.LEAD, Role.CODER])
            .order_by("username")
        )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        if upload.size > settings.QDPX_MAX_UPLOAD_BYTES:
            limit = settings.QDPX_MAX_UPLOAD_BYTES
            raise forms.ValidationError(
                gettext("The file has %(size)s bytes; the limit is %(limit)s.")
                % {
                    "size": number_format(upload.size, force_grouping=True),
                    "limit": number_format(limit, force_grouping=True),
                }
            )
        return upload
