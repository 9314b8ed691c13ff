"""Retrieval across interviews, the code x region matrix and intercoder agreement."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.access import get_for_user
from cases.models import Interview, Study
from coding.interviews.paragraphs import ParagraphIndex
from coding.models import Code
from coding.workbench import agreement, selectors, variable_filters
from coding.workbench.filters import RetrievalFilter
from coding.workbench.views.tie_agreement import tie_agreement_section

PAGE_SIZE = 50


@login_required
def retrieval(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    codes = selectors.scheme_codes(study)
    filterset = RetrievalFilter(
        request.GET or None, queryset=selectors.retrieval_codings(study), study=study, codes=codes
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    codings = list(page.object_list)
    labels = selectors.paragraph_labels(codings)
    rows = [(coding, labels[coding.pk]) for coding in codings]
    context = {"study": study, "filter": filterset, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "coding/retrieval.html", context)


@login_required
def matrix(request: HttpRequest, pk: int) -> HttpResponse:
    """Codes × regions, or codes × the waves of one region (``?region=``): passages and share of interviews.

    Regions side by side can be kept by a region attribute's value (``?only=region:<name>=<value>``)
    and grouped by a region attribute (``?group_by=<name>``): a variable of the study or a fixed field.
    """
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    regions = list(study.regions.order_by("name"))
    region = next((region for region in regions if str(region.pk) == request.GET.get("region")), None)
    filters, groupable = variable_filters.region_menus(study)
    only = variable_filters.find_filter(filters, request.GET.get("only") or "")
    group_by = variable_filters.find_attribute(groupable, request.GET.get("group_by") or "")
    scope = variable_filters.scope_regions(regions, only, group_by)
    if region is None:
        columns = [selectors.matrix_column(region) for region in scope.regions]
    else:
        columns = [selectors.matrix_column(region, wave) for wave in region.waves.order_by("start", "id")]
    rows = selectors.code_matrix(selectors.scheme_codes(study), columns)
    context = {
        "study": study,
        "regions": regions,
        "region": region,
        "columns": columns,
        "rows": rows,
        "only_choices": variable_filters.grouped_choices(filters),
        "group_choices": [(attribute.name, attribute.label) for attribute in groupable],
        "only": only,
        "group_by": group_by,
        "column_groups": scope.groups if region is None else [],
    }
    return render(request, "coding/matrix.html", context)


def _labelled(
    # Any keys: the ids that the agreement's codes and coders are.
    rows: list[agreement.CodeAgreement],
    codes: dict[Any, Code],
    users: dict[Any, str],
) -> list[dict]:
    return [
        {
            "row": row,
            "code": codes.get(row.code),
            "disagreements": [
                {
                    "item": item,
                    "with": [users[c] for c in item.coders_with],
                    "without": [users[c] for c in item.coders_without],
                }
                for item in row.disagreements
            ],
        }
        for row in rows
    ]


@login_required
def interview_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    interview = get_for_user(Interview.objects.select_related("region__study"), request.user, pk=pk)
    codings = list(interview.codings.select_related("code", "coder"))
    rows = agreement.agreement_by_code(selectors.coded_ranges(codings))
    codes = {coding.code_id: coding.code for coding in codings}
    users = {coding.coder_id: coding.coder.get_username() for coding in codings}
    labelled = _labelled(rows, codes, users)
    paragraphs = ParagraphIndex(interview.transcript)
    for entry in labelled:
        for item in entry["disagreements"]:
            start, end = item["item"].start, item["item"].end
            item["quote"] = interview.transcript[start:end]
            item["position"] = paragraphs.label(start, end)
    context = {
        "interview": interview,
        "region": interview.region,
        "study": interview.region.study,
        "rows": labelled,
        "coders": sorted(set(users.values())),
        **tie_agreement_section(interview=interview),
    }
    return render(request, "coding/agreement_interview.html", context)


@login_required
def study_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    interviews = list(selectors.interviews_with_codings(study))
    rows = agreement.pooled_agreement_by_code(
        selectors.coded_ranges(interview.codings.all()) for interview in interviews
    )
    codes = {code.pk: code for code in selectors.scheme_codes(study)}
    user_ids = {coding.coder_id for interview in interviews for coding in interview.codings.all()}
    users = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))
    context = {
        "study": study,
        "rows": _labelled(rows, codes, users),
        "interviews": interviews,
        **tie_agreement_section(study=study),
    }
    return render(request, "coding/agreement_study.html", context)
