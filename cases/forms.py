"""Edit forms of the case records: they validate and build the record, ``cases.services`` saves it.

Every edit form carries the optimistic lock; choices of related rows are limited to the object's
own region (the model's clean() checks it again)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.choices import ActorKind, Role
from cases.concurrency import OptimisticLockMixin
from cases.models import Actor, Membership, Region, Study, Wave
from cases.selectors import is_last_lead
from cases.services import LAST_LEAD


class StudyCreateForm(forms.ModelForm):
    class Meta:
        model = Study
        fields = ["title", "research_question", "description"]


def date_input() -> forms.DateInput:
    """A browser date picker; it takes only ISO dates, whatever the site's language renders."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class StudySettingsForm(OptimisticLockMixin):
    class Meta:
        model = Study
        fields = [
            "title",
            "research_question",
            "description",
            "coding_scheme",
            "allow_self_ties",
            "coders_add_codes",
            "keep_ties_after_withdrawal",
            "analysis_settings",
        ]
        help_texts = {
            "analysis_settings": gettext_lazy("JSON overrides of the analysis thresholds; {} for the defaults.")
        }


class MemberAddForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Username"), max_length=150)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices, initial=Role.VIEWER)

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.study = study

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise ValidationError(_("There is no user called “%(username)s”.") % {"username": username})
        if self.study.memberships.filter(user=user).exists():
            raise ValidationError(_("%(username)s is already a member of this study.") % {"username": username})
        return user


class MembershipRoleForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]

    def clean_role(self) -> str:
        # Checked early for a message beside the field; cases.services checks again under a lock.
        role = self.cleaned_data["role"]
        if role != Role.LEAD and is_last_lead(self.instance):
            raise ValidationError(LAST_LEAD)
        return role


class RegionForm(OptimisticLockMixin):
    class Meta:
        model = Region
        fields = [
            "name",
            "country",
            "technology_field",
            "lifecycle_phase",
            "description",
            "centroid_latitude",
            "centroid_longitude",
        ]

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.study = study
        # The database's range checks (region_latitude_range, ...) as field errors in words.
        for name, limit in (("centroid_latitude", 90), ("centroid_longitude", 180)):
            field = self.fields[name]
            field.validators += [MinValueValidator(-limit), MaxValueValidator(limit)]
            field.widget.attrs.update(min=-limit, max=limit, step="any")

    def clean(self) -> dict:
        cleaned = super().clean()
        if (cleaned.get("centroid_latitude") is None) != (cleaned.get("centroid_longitude") is None):
            raise ValidationError(_("Give both latitude and longitude of the centroid, or neither."))
        return cleaned


class WaveForm(OptimisticLockMixin):
    class Meta:
        model = Wave
        fields = ["label", "start", "end"]
        widgets = {"start": date_input(), "end": date_input()}

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.region = region

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
        return cleaned


# Fields that only one kind of actor has; the others are blanked before validation.
ORGANISATION_ONLY = ("org_type", "size_band", "founded", "spun_off_from")
PERSON_ONLY = ("affiliation", "occupational_group", "hierarchy_level")


class ActorForm(OptimisticLockMixin):
    class Meta:
        model = Actor
        fields = [
            "kind",
            "name",
            "pseudonym",
            "location",
            "description",
            "org_type",
            "size_band",
            "founded",
            "spun_off_from",
            "affiliation",
            "occupational_group",
            "hierarchy_level",
        ]

    def __init__(self, *args: Any, region: Region, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.region = region
        organisations = Actor.objects.filter(region=region, kind=ActorKind.ORGANISATION).order_by("name")
        if self.instance.pk:
            organisations = organisations.exclude(pk=self.instance.pk)
        for name in ("affiliation", "spun_off_from"):
            cast("forms.ModelChoiceField", self.fields[name]).queryset = organisations
        # data-for-kind lets the page show only the fields of the chosen kind (cases/form.html).
        for names, kind in ((ORGANISATION_ONLY, ActorKind.ORGANISATION), (PERSON_ONLY, ActorKind.PERSON)):
            for name in names:
                self.fields[name].widget.attrs["data-for-kind"] = kind

    def clean(self) -> dict:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == ActorKind.PERSON:
            for name in ORGANISATION_ONLY:
                if cleaned.get(name):
                    self.add_error(name, _("Only organisations have this field."))
        elif kind == ActorKind.ORGANISATION:
            for name in PERSON_ONLY:
                if cleaned.get(name):
                    self.add_error(name, _("Only persons have this field."))
        return cleaned
