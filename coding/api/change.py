"""Change between waves through the API: the analysis page's section, as JSON.

GET /api/regions/{id}/analysis/change/?layer=&from=&to= answers with every consecutive step of the
region's waves (ordered by start) on the tie layer, and, when ``from`` and ``to`` are given, the
step between those two waves. Rules of the figures: ``coding.analysis.change``. Members of the
study read it, viewers included; anyone else gets 404 (cases.access).
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.access import get_for_user
from cases.models import Region
from coding.analysis.change import ACTOR_FIGURES, DISSOLVED, FORMED, PERSISTED
from coding.analysis.layers import LAYERS
from coding.api.permissions import StudyRolePermission
from coding.change.selectors import ChangeRequestError, region_change, step_json

WAVE = inline_serializer("ChangeWave", {"id": serializers.IntegerField(), "label": serializers.CharField()})
FIGURES = inline_serializer("ActorFigures", {key: serializers.FloatField(allow_null=True) for key in ACTOR_FIGURES})
STEP = inline_serializer(
    "WaveChangeStep",
    {
        "from_wave": WAVE,
        "to_wave": WAVE,
        "status": serializers.CharField(help_text="ok when both waves' results are current"),
        "summary": inline_serializer(
            "WaveChangeSummary",
            {
                "formed": serializers.IntegerField(),
                "persisted": serializers.IntegerField(),
                "dissolved": serializers.IntegerField(),
                "jaccard": serializers.FloatField(allow_null=True),
                "entering": serializers.IntegerField(),
                "leaving": serializers.IntegerField(),
            },
            allow_null=True,
        ),
        "ties": inline_serializer(
            "TieChange",
            {
                "source": serializers.IntegerField(),
                "target": serializers.IntegerField(),
                "change": serializers.ChoiceField(choices=[FORMED, PERSISTED, DISSOLVED]),
                "from_tie_ids": serializers.ListField(child=serializers.IntegerField()),
                "to_tie_ids": serializers.ListField(child=serializers.IntegerField()),
            },
            many=True,
        ),
        "entering": serializers.ListField(child=serializers.IntegerField()),
        "leaving": serializers.ListField(child=serializers.IntegerField()),
        "actors": inline_serializer(
            "ActorChange",
            {
                "id": serializers.IntegerField(),
                "name": serializers.CharField(),
                "from": FIGURES,
                "to": FIGURES,
                "change": FIGURES,
            },
            many=True,
        ),
    },
)
CHANGE = inline_serializer(
    "RegionWaveChange",
    {
        "region": serializers.IntegerField(),
        "layer": serializers.CharField(),
        "steps": serializers.ListField(child=STEP),
        "chosen": STEP,
    },
)


class ChangeParameters(serializers.Serializer):
    layer = serializers.ChoiceField(choices=LAYERS, default="all")
    # "from" is a Python keyword: the fields are named in ``get_fields``.
    wave_from = serializers.IntegerField(required=False, min_value=1, help_text="Wave A (id)")
    wave_to = serializers.IntegerField(required=False, min_value=1, help_text="Wave B (id)")

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"], fields["to"] = fields.pop("wave_from"), fields.pop("wave_to")
        return fields


class RegionChangeView(APIView):
    """Change between the waves of a region: ties formed, persisted, dissolved; actors in and out."""

    permission_classes = [StudyRolePermission]

    @extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH), ChangeParameters],
        responses={200: CHANGE},
    )
    def get(self, request: Request, pk: str) -> Response:
        if not pk.isdigit():  # the route takes any text, so every bad address gets the JSON 404
            raise Http404
        region = get_for_user(Region.objects.all(), request.user, pk=pk)
        params = ChangeParameters(data=request.query_params)
        params.is_valid(raise_exception=True)
        values = params.validated_data
        before, after = values.get("from"), values.get("to")
        try:
            found = region_change(
                region,
                values["layer"],
                before=str(before) if before is not None else None,
                after=str(after) if after is not None else None,
            )
        except ChangeRequestError as error:
            raise ValidationError({error.field: [str(error)]}) from error
        return Response(
            {
                "region": region.pk,
                "layer": values["layer"],
                "steps": [step_json(step) for step in found.steps],
                "chosen": step_json(found.chosen) if found.chosen else None,
            }
        )
