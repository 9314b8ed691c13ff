"""REST endpoints of the coding app: interactions with their evidence (issue 6)."""

from __future__ import annotations

from typing import ClassVar

import django_filters
from django.db.models import QuerySet
from rest_framework import serializers

from cases.api.base import StudyScopedViewSet, scoped_field
from cases.models import Actor, Region, Wave
from coding.models import Coding, Interaction


class InteractionSerializer(serializers.ModelSerializer):
    region = scoped_field(Region)
    wave = scoped_field(Wave, allow_null=True, required=False)
    source = scoped_field(Actor)
    target = scoped_field(Actor)
    evidence = scoped_field(Coding, many=True, required=False)

    class Meta:
        model = Interaction
        fields = [
            "id", "region", "wave", "source", "target", "content", "channel", "setting",
            "formality", "trust_basis", "duration", "confidence", "evidence",
        ]  # fmt: skip


class InteractionFilter(django_filters.FilterSet):
    class Meta:
        model = Interaction
        fields: ClassVar = ["region", "wave", "channel", "setting", "source", "target"]


class InteractionViewSet(StudyScopedViewSet):
    serializer_class = InteractionSerializer
    filterset_class = InteractionFilter
    ordering_fields: ClassVar = ["pk"]

    def base_queryset(self) -> QuerySet:
        return Interaction.objects.prefetch_related("evidence").order_by("pk")
