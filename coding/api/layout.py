"""The stored layout of a region's network pictures through the API (``coding.layout``).

``GET /api/regions/{id}/analysis/layout/`` answers with the positions (``{"actor id": [x, y]}``,
0..1000; empty while none is stored). ``POST`` lays the network out anew: 202 while the worker
does it, 200 with the new positions when it was done during the request (worker away, small
region). Members read, coders and leads re-lay (viewers 403); anyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Region
from coding.api.permissions import StudyRolePermission
from coding.layout.models import RegionLayout
from coding.layout.services import DONE, QUEUED, WAITING, relayout_request

LAYOUT = inline_serializer(
    "RegionLayout",
    {
        "region": serializers.IntegerField(),
        "input_version": serializers.IntegerField(
            help_text="The region's input version the positions are up to date with."
        ),
        "computed_at": serializers.DateTimeField(allow_null=True),
        "relaid_at": serializers.DateTimeField(allow_null=True),
        "positions": serializers.DictField(
            child=serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2),
            help_text='{"actor id": [x, y]} in the box 0..1000.',
        ),
    },
)
RELAYOUT = inline_serializer(
    "RelayoutAnswer", {"status": serializers.ChoiceField(choices=[QUEUED, DONE, WAITING]), "layout": LAYOUT}
)
PENDING = inline_serializer("RelayoutPending", {"status": serializers.ChoiceField(choices=[QUEUED, WAITING])})
PARAMETERS = [OpenApiParameter("id", int, OpenApiParameter.PATH)]


class RegionLayoutView(APIView):
    """Positions of a region's actors in every network picture, and their re-layout."""

    permission_classes = [StudyRolePermission]

    @extend_schema(parameters=PARAMETERS, responses={200: LAYOUT})
    def get(self, request: Request, pk: str) -> Response:
        return Response(_layout_json(_region(request, pk)))

    @extend_schema(parameters=PARAMETERS, request=None, responses={200: RELAYOUT, 202: PENDING})
    def post(self, request: Request, pk: str) -> Response:
        region = _region(request, pk, min_role=Role.CODER)
        answer = relayout_request(region=region)
        if answer != DONE:
            return Response({"status": answer}, status=202)
        return Response({"status": answer, "layout": _layout_json(region)})


def _region(request: Request, pk: str, min_role: str = Role.VIEWER) -> Region:
    if not pk.isdigit():
        raise Http404
    return get_for_user(Region.objects.all(), request.user, min_role=min_role, pk=pk)


def _layout_json(region: Region) -> dict[str, Any]:
    row = RegionLayout.objects.filter(region=region).first()
    return {
        "region": region.pk,
        "input_version": row.input_version if row else 0,
        "computed_at": row.computed_at if row else None,
        "relaid_at": row.relaid_at if row else None,
        "positions": row.positions if row else {},
    }
