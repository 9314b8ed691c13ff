"""Serializers of the REST API: they validate a request's fields and hand them to the viewset,
which writes through the services. Foreign keys offer only rows of the user's studies, and rows
linked to a region's record must belong to that region (``cases.links``), as on the pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.contrib.auth import get_user_model
from django.core.validators import ProhibitNullCharactersValidator
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from cases.links import link_errors
from cases.models import Actor, Interview, Membership, Region, Study, Wave
from coding.analysis.caveats import stability_state
from coding.analysis.levels import ORGANISATION_LEVEL, organisation_result
from coding.api.evidence import with_evidence_urls
from coding.choices import RATING_MAX, RATING_MIN
from coding.codebook.services import DEFAULT_COLOUR, NAME_MAX, in_vivo_name
from coding.interviews.files import check_transcript_length
from coding.memos.models import Memo
from coding.models import Code, Coding, Interaction, Outcome
from coding.templatetags.says import with_reasons_said
from coding.worker.models import AnalysisSnapshot


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet:
        request = self.context.get("request")
        queryset = super().get_queryset()
        assert queryset is not None  # scoped_field always gives one
        if request is None:
            return queryset.none()
        return queryset.for_user(request.user)  # type: ignore[attr-defined]  # of a study-scoped model


def scoped_field(
    model: type[Model], *, queryset: QuerySet | None = None, **kwargs: Any
) -> serializers.PrimaryKeyRelatedField:
    """A foreign key field whose choices are limited to the requesting user's studies."""
    return ScopedRelatedField(queryset=model._default_manager.all() if queryset is None else queryset, **kwargs)


def evidence_field(**kwargs: Any) -> serializers.PrimaryKeyRelatedField:
    """Codings of the user's studies, with their interview at hand for the region check."""
    return scoped_field(Coding, queryset=Coding.objects.select_related("interview"), many=True, **kwargs)


class RegionScopedSerializer(serializers.ModelSerializer):
    """A row of one region: it stays in that region, and the rows it links to belong to it too.

    Pages never move a row to another region (that would leave the old region's analysis marked
    current and could tear evidence apart), so on update ``region`` may only repeat the stored one.
    ``region_links`` names the many-to-many fields checked by ``cases.links``.
    """

    region_links: ClassVar[tuple[str, ...]] = ()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if self.instance is not None and attrs.get("region", self.instance.region) != self.instance.region:
            raise ValidationError({"region": [_("A record cannot be moved to another region.")]})
        region = attrs.get("region") or getattr(self.instance, "region", None)
        if region is not None and (errors := link_errors(attrs, self.region_links, region)):
            raise ValidationError(errors)
        return attrs


class StudySerializer(serializers.ModelSerializer):
    class Meta:
        model = Study
        fields = ["id", "title", "research_question", "description", "coding_scheme", "created_at"]
        read_only_fields = ["coding_scheme", "created_at"]


class UsernameField(serializers.SlugRelatedField):
    """A user named by ``username``. A name with a NUL character is refused before the lookup:
    PostgreSQL text cannot hold one, and the query would fail with a server error."""

    def to_internal_value(self, data: Any) -> Any:
        ProhibitNullCharactersValidator()(str(data))
        return super().to_internal_value(data)


class MembershipSerializer(serializers.ModelSerializer):
    """A member of a study. Leads add a user by ``username`` (as on the study page, role viewer
    unless given) and change the role; a membership keeps its study and user."""

    study = scoped_field(Study)
    username = UsernameField(
        source="user",
        slug_field="username",
        queryset=get_user_model().objects.all(),
        error_messages={"does_not_exist": gettext_lazy("There is no user called “{value}”.")},
    )

    class Meta:
        model = Membership
        fields = ["id", "study", "user", "username", "role"]
        read_only_fields = ["user"]
        # DRF's own check of the (study, user) constraint would name fields, not the user: validate() does.
        validators: ClassVar[list] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if self.instance is not None:
            for field, name in (("study", "study"), ("user", "username")):
                if field in attrs and attrs[field] != getattr(self.instance, field):
                    raise ValidationError({name: [_("A membership keeps its study and user: only its role changes.")]})
        elif attrs["study"].memberships.filter(user=attrs["user"]).exists():
            raise ValidationError(
                {
                    "username": [
                        _("%(user)s is already a member of this study.") % {"user": attrs["user"].get_username()}
                    ]
                }
            )
        return attrs


class RegionSerializer(serializers.ModelSerializer):
    """A region, created by a lead of its study with its variables' values (``{name: value}``), so a
    case table can be scripted; ``variables`` on an update sets the values named (empty clears)."""

    study = scoped_field(Study)
    variables = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        help_text="Values of the study's region variables by name (read: every value the region holds).",
    )

    class Meta:
        model = Region
        fields = ["id", "study", "name", "country", "technology_field", "lifecycle_phase", "description", "variables"]

    def validate_study(self, study: Study) -> Study:
        if self.instance is not None and study != self.instance.study:
            raise ValidationError(_("A region stays in its study."))
        return study

    def to_representation(self, instance: Region) -> dict[str, Any]:
        data = super().to_representation(instance)
        # Prefetched by the viewset (``variable_values__variable``): no query per region.
        data["variables"] = {
            held.variable.name: held.value.isoformat() if isinstance(held.value, dt.date) else held.value
            for held in instance.variable_values.all()
        }
        return data


WAVE_CHECKED = ("region", "label", "start", "end")


class WaveSerializer(RegionScopedSerializer):
    """A fieldwork period of a region; its label is unique in the region, its end not before its start."""

    region = scoped_field(Region)

    class Meta:
        model = Wave
        fields = ["id", "region", "label", "start", "end"]
        # DRF's own check of the (region, label) constraint would name fields, not the label: validate() does.
        validators: ClassVar[list] = []

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        # On a PATCH the fields not sent keep their stored values.
        merged = {field: attrs.get(field, getattr(self.instance, field, None)) for field in WAVE_CHECKED}
        if merged["start"] and merged["end"] and merged["end"] < merged["start"]:
            raise ValidationError({"end": [_("The end cannot be before the start.")]})
        clashes = Wave.objects.filter(region=merged["region"], label=merged["label"])
        if self.instance is not None:
            clashes = clashes.exclude(pk=self.instance.pk)
        if clashes.exists():
            raise ValidationError(
                {"label": [_("This region already has a wave labelled “%(label)s”.") % {"label": merged["label"]}]}
            )
        return attrs


class ActorSerializer(RegionScopedSerializer):
    region = scoped_field(Region)

    class Meta:
        model = Actor
        fields = ["id", "region", "kind", "name", "pseudonym", "location", "org_type", "description"]


class InterviewSerializer(RegionScopedSerializer):
    region = scoped_field(Region)
    wave = scoped_field(Wave, allow_null=True, required=False)
    interviewees = scoped_field(Actor, many=True, required=False)

    class Meta:
        model = Interview
        fields = ["id", "region", "wave", "title", "interviewees", "date", "mode", "language", "transcript"]

    region_links = ("interviewees",)

    def validate_transcript(self, value: str) -> str:
        # The same limit as the pages' (a Django ValidationError becomes this field's 400).
        check_transcript_length(value)
        return value


class CodeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Code
        fields = ["id", "scheme", "parent", "name", "colour", "concept", "suggests_mode"]


class CodeCreateSerializer(serializers.Serializer):
    """A new code in the scheme version a study pins: named, or in vivo from a coding's passage."""

    study = scoped_field(Study)
    name = serializers.CharField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    in_vivo_from = scoped_field(
        Coding,
        queryset=Coding.objects.select_related("interview__region"),
        required=False,
        allow_null=True,
        default=None,
        help_text="A coding of the study whose passage becomes the name (white space collapsed, cut to "
        f"{NAME_MAX} characters), if no name is given.",
    )
    # A field named like DRF's Field.parent (the serializer that holds a field).
    parent = serializers.PrimaryKeyRelatedField(queryset=Code.objects.all(), allow_null=True, default=None)  # type: ignore[assignment]
    colour = serializers.CharField(max_length=7, required=False, default=DEFAULT_COLOUR)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        study, passage = attrs["study"], attrs.pop("in_vivo_from")
        if passage is not None and passage.interview.region.study_id != study.pk:
            raise ValidationError({"in_vivo_from": [_("The coding is not of this study.")]})
        if not attrs["name"].strip() and passage is not None:
            attrs["name"] = in_vivo_name(passage.quote)
        if not attrs["name"].strip():
            raise ValidationError({"name": [_("Give a name, or in_vivo_from: a coding whose passage names the code.")]})
        return attrs


class CodingSerializer(serializers.ModelSerializer):
    """A coded passage; the quote is not sent but taken from the transcript when it is saved."""

    interview = scoped_field(Interview)
    code = serializers.PrimaryKeyRelatedField(queryset=Code.objects.all())

    class Meta:
        model = Coding
        fields = ["id", "interview", "code", "coder", "start", "end", "quote", "memo"]
        read_only_fields = ["coder", "quote"]

    def validate_interview(self, interview: Interview) -> Interview:
        # A coding belongs to the text it quotes; moving it could tear it from the ties it evidences.
        if self.instance is not None and interview != self.instance.interview:
            raise ValidationError(_("A coding cannot be moved to another interview."))
        return interview


class MultiCodingSerializer(serializers.Serializer):
    """One passage coded with several codes in one step: all codings are written, or none."""

    interview = scoped_field(Interview)
    codes = serializers.PrimaryKeyRelatedField(queryset=Code.objects.all(), many=True, allow_empty=False)
    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    memo = serializers.CharField(required=False, allow_blank=True, default="")


class InteractionSerializer(RegionScopedSerializer):
    region = scoped_field(Region)
    wave = scoped_field(Wave, allow_null=True, required=False)
    source = scoped_field(Actor)  # type: ignore[assignment]  # a field named like DRF's Field.source
    target = scoped_field(Actor)
    evidence = evidence_field(required=False)

    class Meta:
        model = Interaction
        fields = [
            "id", "region", "wave", "source", "target", "directed",
            "mode_competition", "mode_rivalry", "mode_conflict", "mode_cooperation",
            "content", *Interaction.RATING_FIELDS, "channel", "setting", "formality", "trust_basis",
            "duration", "includes_private_sphere", "confidence", "memo", "coder", "evidence",
        ]  # fmt: skip
        read_only_fields = ["coder"]
        # The schema states the ratings' scale (the database checks it too), not the column's 0–32767.
        extra_kwargs = {
            field: {"min_value": RATING_MIN, "max_value": RATING_MAX} for field in Interaction.RATING_FIELDS
        }

    region_links = ("evidence",)


class OutcomeSerializer(RegionScopedSerializer):
    region = scoped_field(Region)
    actors = scoped_field(Actor, many=True)
    evidence = evidence_field(required=False)

    class Meta:
        model = Outcome
        fields = ["id", "region", "name", "kind", "description", "year", "actors", "evidence"]

    region_links = ("actors", "evidence")


class SnapshotSerializer(serializers.ModelSerializer):
    stability = serializers.SerializerMethodField(
        help_text=(
            "computed: each classification record in the result carries its 'stability' (resampled kept share, "
            "label without low-confidence ties, tentative); computing: the worker's follow-up run is pending; "
            "failed: see result.stability.error; empty without a result. See docs/stability.md."
        )
    )

    class Meta:
        model = AnalysisSnapshot
        fields = ["id", "region", "wave", "layer", "status", "computed_at", "result", "error", "stability"]

    @extend_schema_field(serializers.ChoiceField(choices=["computed", "computing", "failed", ""]))
    def get_stability(self, snapshot: AnalysisSnapshot) -> str:
        return stability_state(snapshot.result) if isinstance(snapshot.result, dict) else ""

    def to_representation(self, instance: AnalysisSnapshot) -> dict[str, Any]:
        """The stored result with each classification's reason as text in the request's language and
        the address of its full evidence (its ``tie_ids`` are a sample of ``tie_count``)."""
        data: dict[str, Any] = super().to_representation(instance)
        data["result"] = with_evidence_urls(
            self.context.get("request"), instance.pk, with_reasons_said(_with_organisation(data.get("result")))
        )
        return data


def _with_organisation(result: Any) -> Any:
    """The result with its organisation level written out where it is stored as a mark that it is
    the level as coded (``SAME_AS_CODED``): readers of the API get the same shape either way."""
    if not isinstance(result, dict):
        return result
    organisation = organisation_result(result)
    if organisation is None or organisation is (result.get("levels") or {}).get(ORGANISATION_LEVEL):
        return result
    return {**result, "levels": {**result["levels"], ORGANISATION_LEVEL: organisation}}


class MemoSerializer(serializers.ModelSerializer):
    """A memo of a study on at most one of ``code``, ``actor``, ``interview``, ``region``, ``wave``
    (none: a memo on the study). Setting one target on an update replaces the old one."""

    study = scoped_field(Study)
    code = serializers.PrimaryKeyRelatedField(queryset=Code.objects.all(), allow_null=True, required=False)
    actor = scoped_field(Actor, allow_null=True, required=False)
    interview = scoped_field(Interview, allow_null=True, required=False)
    region = scoped_field(Region, allow_null=True, required=False)
    wave = scoped_field(Wave, allow_null=True, required=False)
    target_kind = serializers.CharField(read_only=True, help_text="code, actor, interview, region, wave or empty")

    class Meta:
        model = Memo
        fields = [
            "id", "study", "title", "text", "author", "code", "actor", "interview", "region", "wave",
            "target_kind", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["author", "created_at", "updated_at"]

    def validate_study(self, study: Study) -> Study:
        if self.instance is not None and study != self.instance.study:
            raise ValidationError(_("A memo cannot be moved to another study."))
        return study
