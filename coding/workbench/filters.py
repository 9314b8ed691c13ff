"""Filters of the retrieval page (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.choices import OrgType
from cases.models import Interview, Region, Study, Wave
from coding.models import Code, Coding
from coding.workbench import variable_filters
from coding.workbench.selectors import descendant_ids


class RetrievalFilter(django_filters.FilterSet):
    """Passages coded with a code or any of its sub-codes, narrowed by region, wave, actor type, coder."""

    code = django_filters.ModelChoiceFilter(
        queryset=Code.objects.none(), method="filter_code", label=pgettext_lazy("noun", "Code")
    )
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.none(), field_name="interview__region")
    wave = django_filters.ModelChoiceFilter(queryset=Wave.objects.none(), field_name="interview__wave")
    actor_type = django_filters.ChoiceFilter(
        choices=OrgType.choices, method="filter_actor_type", label=_("Interviewee's organisation type")
    )
    coder = django_filters.ModelChoiceFilter(queryset=get_user_model().objects.none())
    # "attribute = value" of an interview or an interviewee (coding.workbench.variable_filters).
    variable = django_filters.ChoiceFilter(method="filter_variable", label=_("Interview or interviewee variable"))

    class Meta:
        model = Coding
        fields = ["code", "region", "wave", "actor_type", "coder", "variable"]

    def __init__(self, *args: Any, study: Study, codes: list[Code], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.codes = codes
        self.filters["code"].queryset = Code.objects.filter(scheme_id=study.coding_scheme_id)
        self.filters["region"].queryset = study.regions.order_by("name")
        self.filters["wave"].queryset = Wave.objects.filter(region__study=study).select_related("region")
        self.filters["coder"].queryset = get_user_model().objects.filter(memberships__study=study).order_by("username")
        attributes = variable_filters.study_attributes(study, ("interview", "actor"))
        self.value_filters = variable_filters.value_filters(attributes)
        self.filters["variable"].extra["choices"] = variable_filters.grouped_choices(self.value_filters)

    def filter_code(self, queryset: QuerySet[Coding], name: str, value: Code) -> QuerySet[Coding]:
        return queryset.filter(code_id__in=descendant_ids(self.codes, value.pk))

    def filter_actor_type(self, queryset: QuerySet[Coding], name: str, value: str) -> QuerySet[Coding]:
        """An interviewee is an organisation of that type, or a person affiliated with one."""
        interviews = Interview.objects.filter(
            Q(interviewees__org_type=value) | Q(interviewees__affiliation__org_type=value)
        ).values("pk")
        return queryset.filter(interview__in=interviews)

    def filter_variable(self, queryset: QuerySet[Coding], name: str, value: str) -> QuerySet[Coding]:
        """Passages of interviews with that value, or with an interviewee who has it."""
        choice = variable_filters.find_filter(self.value_filters, value)
        return (
            queryset if choice is None else queryset.filter(interview__in=variable_filters.interviews_matching(choice))
        )
