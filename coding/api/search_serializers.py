"""Serializers of transcript search and auto-coding in the API: they read the query and filters of
one study (ids of another study's regions, waves or codes are 404, as for the other filters)."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import serializers

from cases.models import Region, Study, Wave
from coding.models import Code
from coding.search.kwic import UNITS
from coding.search.query import MAX_QUERY_CHARS, QueryRefused, parse
from coding.search.selectors import Filters

MAX_ID = 2**31 - 1  # ids beyond PostgreSQL's integer are not ids


class SearchParamsSerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=MAX_QUERY_CHARS,
        help_text='websearch syntax: words ANDed, "a phrase", or, -excluded. Stemmed per interview language.',
    )
    region = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    wave = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    language = serializers.CharField(required=False, max_length=20, allow_blank=True)

    def validate_q(self, value: str) -> Any:
        try:
            return parse(value)
        except QueryRefused as refused:
            raise serializers.ValidationError(str(refused)) from refused

    def filters(self, study: Study) -> Filters:
        data = self.validated_data
        region = wave = None
        if "region" in data:
            region = Region.objects.filter(study=study, pk=data["region"]).first()
            if region is None:
                raise Http404(_("No such region in this study."))
        if "wave" in data:
            wave = Wave.objects.filter(region__study=study, pk=data["wave"]).first()
            if wave is None:
                raise Http404(_("No such wave in this study."))
        return Filters(region=region, wave=wave, language=data.get("language", ""))


class SearchPageParamsSerializer(SearchParamsSerializer):
    page = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, default=1)


class AutocodeRequestSerializer(SearchParamsSerializer):
    code = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    unit = serializers.ChoiceField(choices=list(UNITS), default="sentence")
    plan = serializers.CharField(
        required=False,
        max_length=64,
        help_text="The plan of a preview. Without it the answer is the preview; with it the passages are coded "
        "if the hits are still those of that preview (409 otherwise).",
    )

    def code_of(self, study: Study) -> Code:
        code = Code.objects.filter(scheme_id=study.coding_scheme_id, pk=self.validated_data["code"]).first()
        if code is None:
            raise Http404("No such code in this study's coding scheme.")
        return code


class ContextLineSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    before = serializers.CharField()
    match = serializers.CharField()
    after = serializers.CharField()
    paragraph = serializers.CharField()


class InterviewHitsSerializer(serializers.Serializer):
    interview = serializers.IntegerField(source="interview.pk")
    title = serializers.CharField(source="interview.title")
    region = serializers.IntegerField(source="interview.region_id")
    region_name = serializers.CharField(source="interview.region.name")
    wave = serializers.IntegerField(source="interview.wave_id", allow_null=True)
    language = serializers.CharField(source="interview.language")
    hits = ContextLineSerializer(source="lines", many=True)


class SearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Interviews that match.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = InterviewHitsSerializer(many=True)


class PlannedPassageSerializer(serializers.Serializer):
    interview = serializers.IntegerField(source="interview.pk")
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    paragraph = serializers.CharField()
    quote = serializers.CharField()
    duplicate = serializers.BooleanField(help_text="Already coded so by you: skipped.")


class AutocodePreviewSerializer(serializers.Serializer):
    plan = serializers.CharField(source="token")
    new = serializers.IntegerField(source="new_count")
    duplicates = serializers.IntegerField(source="duplicate_count")
    passages = PlannedPassageSerializer(many=True)


class AutocodeRunSerializer(serializers.Serializer):
    run = serializers.CharField(source="token")
    created = serializers.ListField(child=serializers.IntegerField(), source="created_ids")
    skipped = serializers.IntegerField()


class UndoSerializer(serializers.Serializer):
    removed = serializers.IntegerField()
