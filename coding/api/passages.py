"""Boolean retrieval and code co-occurrence through the API: the pages' selectors, as JSON.

POST /api/studies/{id}/retrieval/ takes the query as JSON (``coding.workbench.query_json``) and
answers with the passages, ``limit`` at a time from ``offset``. GET /api/studies/{id}/cooccurrence/
answers with the code × code table (``coding.workbench.cooccurrence``). Members of the study read
both, viewers included (neither writes anything); anyone else gets 404 (cases.access).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.access import get_for_user
from cases.models import Actor, Region, Study, Wave
from coding.api.permissions import StudyRolePermission
from coding.models import Code
from coding.workbench import boolean, passage_selectors, variable_filters
from coding.workbench.cooccurrence import UNITS
from coding.workbench.query_json import MAX_WITHIN, QueryError, parse
from coding.workbench.selectors import scheme_codes

MAX_LIMIT = 1000


class StudyRowField(serializers.PrimaryKeyRelatedField):
    """The id of a row of the study in the serializer's context (``{"study": ...}``); others are invalid."""

    def __init__(self, model: type[Model], study_path: str, **kwargs: Any) -> None:
        self.model, self.study_path = model, study_path
        super().__init__(queryset=model._default_manager.none(), required=False, allow_null=True, **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        study = self.context.get("study")
        if study is None:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(**{self.study_path: study})


class PassageFilterSerializer(serializers.Serializer):
    """Region, wave, interviewee and coder, each of the study in the URL only (context ``study``)."""

    region = StudyRowField(Region, "study")
    wave = StudyRowField(Wave, "region__study")
    actor = StudyRowField(Actor, "region__study", help_text="An interviewee.")
    coder = StudyRowField(get_user_model(), "memberships__study")
    variable = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Interviews with a value of an interview or interviewee attribute, written "
        "<target>:<name>=<value>, e.g. interview:setting=workshop, actor:association_member=true, "
        "actor:org_type=university.",
    )

    def validate_variable(self, key: str) -> variable_filters.ValueFilter:
        study = self.context.get("study")
        attributes = variable_filters.study_attributes(study, ("interview", "actor")) if study else []
        found = variable_filters.find_filter(variable_filters.value_filters(attributes), key)
        if found is None:
            raise ValidationError(
                _(
                    "“%(key)s” is no value of a categorical or yes/no interview or actor attribute of this "
                    "study; write <target>:<name>=<value>, e.g. interview:mode=phone."
                )
                % {"key": key[:80]}
            )
        return found

    def filters(self) -> passage_selectors.PassageFilters:
        values = self.validated_data
        names = ("region", "wave", "actor", "coder", "variable")
        return passage_selectors.PassageFilters(**{name: values.get(name) for name in names})


QUERY_HELP = (
    'A code {"code": 12} (with "sub_codes": true for its sub-codes too) or an operator '
    '{"op": "and"|"or"|"not"|"same_interview", "left": <query>, "right": <query>}, or '
    f'{{"op": "follows", "left": <query>, "right": <query>, "within": 0..{MAX_WITHIN}}} '
    "(paragraphs). AND: passages of left overlapping a passage of right; NOT: overlapping none; "
    "follows: passages of right starting after a passage of left ends, at most N paragraphs later."
)


class BooleanQuerySerializer(PassageFilterSerializer):
    query = serializers.JSONField(help_text=QUERY_HELP)
    offset = serializers.IntegerField(min_value=0, max_value=10**9, default=0)
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=100)

    def __init__(self, *args: Any, codes: list[Code] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.families = passage_selectors.code_families(codes or [])

    def validate_query(self, document: Any) -> boolean.Query:
        try:
            return parse(document, self.families)
        except QueryError as error:
            raise ValidationError(str(error)) from error


class CooccurrenceParameters(PassageFilterSerializer):
    unit = serializers.ChoiceField(choices=UNITS, default="passage")


PASSAGE_FIELDS: dict[str, serializers.Field] = {
    "coding": serializers.IntegerField(),
    "interview": serializers.IntegerField(),
    "interview_title": serializers.CharField(),
    "region": serializers.CharField(),
    "wave": serializers.CharField(allow_null=True),
    "paragraph": serializers.CharField(help_text="Paragraph numbers, e.g. ¶ 3–5"),
    "code": serializers.IntegerField(),
    "code_name": serializers.CharField(),
    "coder": serializers.CharField(),
    "memo": serializers.CharField(),
    "quote": serializers.CharField(),
    "start": serializers.IntegerField(),
    "end": serializers.IntegerField(),
}
RETRIEVAL = inline_serializer(
    "BooleanRetrieval",
    {
        "description": serializers.CharField(),
        "count": serializers.IntegerField(),
        "offset": serializers.IntegerField(),
        "limit": serializers.IntegerField(),
        "results": inline_serializer("RetrievedPassage", PASSAGE_FIELDS, many=True),
    },
)
COOCCURRENCE = inline_serializer(
    "CodeCooccurrence",
    {
        "unit": serializers.ChoiceField(choices=UNITS),
        "codes": inline_serializer(
            "CooccurrenceCode",
            {"id": serializers.IntegerField(), "name": serializers.CharField(), "size": serializers.IntegerField()},
            many=True,
        ),
        "cells": inline_serializer(
            "CooccurrenceCell",
            {
                "a": serializers.IntegerField(),
                "b": serializers.IntegerField(),
                "count": serializers.IntegerField(),
                "jaccard": serializers.FloatField(),
            },
            many=True,
        ),
    },
)


STUDY_ID = OpenApiParameter("id", int, OpenApiParameter.PATH)


def _study(request: Request, pk: str) -> Study:
    if not pk.isdigit():  # the route takes any text, so every bad address gets the JSON 404
        raise Http404
    return get_for_user(Study.objects.all(), request.user, pk=pk)


def _passage(found: passage_selectors.Retrieved) -> dict[str, Any]:
    coding = found.coding
    interview = coding.interview
    return {
        "coding": coding.pk,
        "interview": interview.pk,
        "interview_title": interview.title,
        "region": interview.region.name,
        "wave": interview.wave.label if interview.wave else None,
        "paragraph": found.paragraph,
        "code": coding.code_id,
        "code_name": coding.code.name,
        "coder": coding.coder.get_username(),
        "memo": coding.memo,
        "quote": coding.quote,
        "start": coding.start,
        "end": coding.end,
    }


class BooleanRetrievalView(APIView):
    """Passages of a Boolean query over a study's codes."""

    permission_classes = [StudyRolePermission]

    @extend_schema(
        parameters=[STUDY_ID],
        request=BooleanQuerySerializer,
        responses={200: RETRIEVAL},
        examples=[
            OpenApiExample(
                "A AND B by one coder",
                value={"query": {"op": "and", "left": {"code": 1}, "right": {"code": 2}}, "coder": 3},
                request_only=True,
            )
        ],
    )
    def post(self, request: Request, pk: str) -> Response:
        study = _study(request, pk)
        codes = scheme_codes(study)
        params = BooleanQuerySerializer(data=request.data, context={"study": study}, codes=codes)
        params.is_valid(raise_exception=True)
        selected = passage_selectors.select(study, params.validated_data["query"], params.filters())
        offset, limit = params.validated_data["offset"], params.validated_data["limit"]
        page = selected[offset : offset + limit]
        names = {code.pk: code.name for code in codes}
        return Response(
            {
                "description": boolean.describe(params.validated_data["query"], lambda c: names.get(c, str(c))),
                "count": len(selected),
                "offset": offset,
                "limit": limit,
                "results": [_passage(found) for found in passage_selectors.retrieved(page)],
            }
        )


class CooccurrenceView(APIView):
    """The code × code co-occurrence table of a study: non-zero cells of different codes, a < b."""

    permission_classes = [StudyRolePermission]

    @extend_schema(parameters=[STUDY_ID, CooccurrenceParameters], responses={200: COOCCURRENCE})
    def get(self, request: Request, pk: str) -> Response:
        study = _study(request, pk)
        params = CooccurrenceParameters(data=request.query_params, context={"study": study})
        params.is_valid(raise_exception=True)
        unit = params.validated_data["unit"]
        table = passage_selectors.cooccurrence_table(study, params.filters(), unit)
        names = {code.pk: code.name for code in scheme_codes(study)}
        codes = [{"id": code, "name": names.get(code, ""), "size": size} for code, size in sorted(table.sizes.items())]
        cells = [
            {"a": a, "b": b, "count": cell.count, "jaccard": cell.jaccard}
            for (a, b), cell in sorted(table.cells.items())
        ]
        return Response({"unit": unit, "codes": codes, "cells": cells})
