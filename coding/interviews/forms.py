"""The interview form: its fields, and a transcript read from an uploaded file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.choices import ActorKind, ConsentStatus
from cases.concurrency import OptimisticLockMixin
from cases.forms import date_input
from cases.models import Actor, Interview, Region
from coding.interviews import files

if TYPE_CHECKING:
    from coding.models import Coding


class InterviewForm(OptimisticLockMixin):
    # Set by the edit page when a new transcript is refused: the codings it would lose.
    lost_codings: list[Coding]

    upload = forms.FileField(
        required=False,
        label=_("Transcript file"),
        help_text=_("A .txt (UTF-8), .docx or .pdf file; replaces the text below."),
    )

    class Meta:
        model = Interview
        fields = [
            "title",
            "wave",
            "interviewees",
            "interviewer",
            "date",
            "mode",
            "language",
            "consent_status",
            "pseudonymised",
            "transcript",
            "memo",
        ]
        widgets = {
            "date": date_input(),
            "interviewees": forms.CheckboxSelectMultiple,
            "transcript": forms.Textarea(attrs={"rows": 16}),
        }

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.region = region
        cast("forms.ModelChoiceField", self.fields["wave"]).queryset = region.waves.order_by("start")
        cast("forms.ModelChoiceField", self.fields["interviewees"]).queryset = Actor.objects.filter(
            region=region, kind=ActorKind.PERSON
        ).order_by("name")
        cast("forms.ModelChoiceField", self.fields["interviewer"]).queryset = get_user_model().objects.filter(
            memberships__study=region.study
        )
        # Withdrawal has its own page with its consequences (coding.privacy.services) and is final.
        withdrawn = self.instance.consent_status == ConsentStatus.WITHDRAWN
        consent = cast("forms.ChoiceField", self.fields["consent_status"])
        choices = cast("list[tuple[str, str]]", consent.choices)  # a ChoiceField keeps its choices as pairs
        consent.choices = [c for c in choices if (c[0] == ConsentStatus.WITHDRAWN) == withdrawn]

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get("upload")
        if upload:
            try:
                cleaned["transcript"] = files.extract_text(upload)
            except ValidationError as exc:
                self.add_error("upload", exc)
        elif cleaned.get("transcript"):
            try:
                files.check_transcript_length(cleaned["transcript"])
            except ValidationError as exc:
                self.add_error("transcript", exc)
        if self.instance.consent_status == ConsentStatus.WITHDRAWN and cleaned.get("transcript"):
            self.add_error(
                "transcript", gettext("Consent was withdrawn: this interview's transcript cannot be stored again.")
            )
        return cleaned
