"""Forms of the memo pages: a memo's title and text (and its target), and the list's filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Model
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.concurrency import OptimisticLockMixin
from cases.models import Actor, Interview, Region, Study, Wave
from coding.memos.models import Memo
from coding.memos.selectors import TARGET_TYPES, MemoFilter
from coding.models import Code

NO_SUCH_TARGET = {
    "code": _("There is no code %(id)s in this study."),
    "actor": _("There is no actor %(id)s in this study."),
    "interview": _("There is no interview %(id)s in this study."),
    "region": _("There is no region %(id)s in this study."),
    "wave": _("There is no wave %(id)s in this study."),
}


def target_in_study(study: Study, on: str) -> dict[str, Model | None]:
    """``"actor:12"`` -> ``{"actor": <the study's actor 12>}``; ``""`` -> ``{}`` (a memo on the study).

    ``forms.ValidationError`` when the record is not one of the study's: the same message whether it
    is another study's or does not exist, so that the form reveals nothing outside the study.
    """
    if not on:
        return {}
    kind, _sep, raw_id = on.partition(":")
    rows = {
        "code": Code.objects.filter(scheme_id=study.coding_scheme_id),
        "actor": Actor.objects.filter(region__study=study),
        "interview": Interview.objects.filter(region__study=study).defer("transcript"),
        "region": Region.objects.filter(study=study),
        "wave": Wave.objects.filter(region__study=study),
    }.get(kind)
    if rows is None or not raw_id.isdigit():
        raise forms.ValidationError(gettext("“%(on)s” names no record a memo can be written on.") % {"on": on})
    target = rows.filter(pk=int(raw_id)).first()
    if target is None:
        raise forms.ValidationError(NO_SUCH_TARGET[kind] % {"id": raw_id})
    return {kind: target}


class MemoForm(OptimisticLockMixin, forms.ModelForm):
    """Title and text; ``on`` (``"actor:12"``, empty for the study) names the target of a new memo."""

    on = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Memo
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}
        labels = {"title": _("Title"), "text": _("Text")}

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.study = study
        self.targets: dict[str, Model | None] = {}

    def clean_on(self) -> str:
        on: str = self.cleaned_data.get("on") or ""
        if not self.instance.pk:
            self.targets = target_in_study(self.study, on)
        return on


class MemoFilterForm(forms.Form):
    q = forms.CharField(required=False, label=pgettext_lazy("noun", "Search"), max_length=200)
    target = forms.ChoiceField(
        required=False, label=_("Written on"), choices=[("", _("anything")), *TARGET_TYPES.items()]
    )
    author = forms.ModelChoiceField(queryset=get_user_model().objects.none(), required=False, label=_("Author"))
    since = forms.DateField(required=False, label=_("Changed since"), widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label=_("Changed until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, study: Study, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = get_user_model().objects.filter(memberships__study=study).order_by("username")
        self.fields["author"].queryset = members  # type: ignore[attr-defined]

    def selection(self) -> MemoFilter:
        """The filter of a valid form (nothing filtered for an invalid or empty one)."""
        if not self.is_valid():
            return MemoFilter()
        cleaned = self.cleaned_data
        author = cleaned.get("author")
        return MemoFilter(
            q=cleaned.get("q") or "",
            target=cleaned.get("target") or "",
            author=author.pk if author else None,
            since=cleaned.get("since"),
            until=cleaned.get("until"),
        )
