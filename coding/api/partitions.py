"""Figures of a partition of a region's actors through the API (``coding.partitions``).

``GET /api/regions/{id}/analysis/partition/?attribute=&layer=&wave=`` answers 200 with the figures
(or with the reason they failed), or 202 while the worker computes them: ask again. Members read,
viewers included (asking may enqueue a computation, but changes no record); others get 404.
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
from coding.analysis.partitions import ROLES
from coding.api.permissions import StudyRolePermission
from coding.partitions import selectors
from coding.partitions.services import partition_figures
from coding.variables.fixed import EFFECTIVE_ACTOR_TYPE

BROKERAGE = inline_serializer("BrokerageRoles", {role: serializers.IntegerField() for role in (*ROLES, "total")})
EI_GROUP = inline_serializer(
    "EIGroup",
    {
        "external": serializers.IntegerField(),
        "internal": serializers.IntegerField(),
        "index": serializers.FloatField(allow_null=True),
    },
)
FIGURES = inline_serializer(
    "PartitionReport",
    {
        "actors_count": serializers.IntegerField(),
        "no_value": serializers.IntegerField(help_text="Actors without a value: the group “(no value)”."),
        "ei": inline_serializer(
            "EIWhole",
            {
                "index": serializers.FloatField(allow_null=True),
                "external_edges": serializers.IntegerField(),
                "internal_edges": serializers.IntegerField(),
            },
        ),
        "blau": serializers.FloatField(allow_null=True),
        "assortativity": serializers.FloatField(allow_null=True, help_text="Newman's nominal assortativity."),
        "brokerage": BROKERAGE,
        "groups": inline_serializer(
            "PartitionGroup",
            {
                "group": serializers.CharField(),
                "size": serializers.IntegerField(),
                "share": serializers.FloatField(),
                "ei": EI_GROUP,
                "coleman": serializers.FloatField(allow_null=True, help_text="Coleman's homophily index."),
                "brokerage": BROKERAGE,
            },
            many=True,
        ),
        "actors": inline_serializer(
            "PartitionActor",
            {
                "id": serializers.IntegerField(),
                "group": serializers.CharField(),
                "ei": serializers.FloatField(allow_null=True),
                **{role: serializers.IntegerField() for role in ROLES},
            },
            many=True,
        ),
    },
    allow_null=True,
)
# The answer's status (named once in the schema: settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]).
ANSWER_STATUSES = ["ok", "failed", "queued", "waiting"]
ANSWER_FIELDS: dict[str, serializers.Field] = {
    "status": serializers.ChoiceField(choices=ANSWER_STATUSES),
    "attribute": serializers.CharField(),
    "layer": serializers.CharField(),
    "wave": serializers.IntegerField(allow_null=True),
    "input_version": serializers.IntegerField(),
}
READY = inline_serializer(
    "PartitionFigures",
    {
        **ANSWER_FIELDS,
        "source": serializers.ChoiceField(choices=["snapshot", "request"]),
        "error": serializers.CharField(),
        "figures": FIGURES,
    },
)
PENDING = inline_serializer("PartitionPending", ANSWER_FIELDS)
PARAMETERS = [
    OpenApiParameter("id", int, OpenApiParameter.PATH),
    OpenApiParameter(
        "attribute",
        str,
        description="A categorical actor attribute: actor_type (default), org_type, location, kind, size_band, "
        "hierarchy_level, or the name of a categorical or yes/no actor variable of the study.",
    ),
    OpenApiParameter("layer", str, description="Tie layer (default all)."),
    OpenApiParameter("wave", int, description="A wave of the region (default: all waves)."),
]


class RegionPartitionView(APIView):
    """E-I, Blau, homophily and brokerage roles of a region's actors grouped by one attribute."""

    permission_classes = [StudyRolePermission]

    @extend_schema(parameters=PARAMETERS, responses={200: READY, 202: PENDING})
    def get(self, request: Request, pk: str) -> Response:
        if not pk.isdigit():
            raise Http404
        region = get_for_user(Region.objects.select_related("study"), request.user, pk=pk)
        params = request.query_params
        attribute, layer, wave, errors = selectors.resolve_request(
            region,
            attribute=params.get("attribute") or EFFECTIVE_ACTOR_TYPE,
            layer=params.get("layer") or "all",
            wave=params.get("wave") or "",
        )
        if errors or attribute is None:
            raise ValidationError(errors)
        answer = partition_figures(region=region, wave=wave, layer=layer, attribute=attribute.name)
        body = {
            "status": answer.status,
            "attribute": attribute.name,
            "layer": layer,
            "wave": wave.pk if wave else None,
            "input_version": answer.input_version,
        }
        if not answer.ready:
            return Response(body, status=202)
        return Response({**body, "source": answer.source, "error": answer.error, "figures": answer.result})
