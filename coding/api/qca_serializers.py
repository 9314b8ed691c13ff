"""Serializers of QCA in the API: the specification (documented field by field for the OpenAPI
schema; checked by ``coding.qca.spec.parse_spec``, the parser of the page too) and the result."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Study
from coding.api.serializers import scoped_field
from coding.qca.models import QcaModel
from coding.qca.spec import CODE_MEASURES, DIRECTIONS, MAX_CONDITIONS, METHODS, SOLUTIONS, SOURCE_KINDS, UNITS


class QcaSourceSerializer(serializers.Serializer):
    """Where a condition's raw values come from; which keys apply depends on ``kind``."""

    kind = serializers.ChoiceField(choices=SOURCE_KINDS)
    target = serializers.ChoiceField(choices=UNITS, required=False, help_text="variable: region or wave")
    name = serializers.CharField(required=False, help_text="variable name, or classification name (structure, ...)")
    layer = serializers.CharField(required=False, help_text="metric, classification: tie layer (all, cooperation, ...)")
    figure = serializers.CharField(required=False, help_text="metric: e.g. density or ei_actor_type.index")
    code = serializers.IntegerField(required=False, help_text="code: the code's id (its sub-codes count too)")
    measure = serializers.ChoiceField(choices=CODE_MEASURES, required=False, help_text="code: what is counted")

    def get_fields(self) -> dict[str, serializers.Field]:
        # "label" is also an attribute of every DRF field; declared here it stays a JSON key only.
        fields = super().get_fields()
        fields["label"] = serializers.CharField(
            required=False, help_text="classification: the label counted as 1, e.g. brokerage"
        )
        return fields


class QcaCalibrationSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=METHODS, help_text="direct: raw values already 0..1")
    thresholds = serializers.ListField(
        child=serializers.FloatField(), required=False, help_text="crisp: increasing; several make a multi-value set"
    )
    decreasing = serializers.BooleanField(required=False)
    exclusion = serializers.FloatField(required=False, help_text="fuzzy: full non-membership anchor")
    crossover = serializers.FloatField(required=False, help_text="fuzzy: the 0.5 anchor")
    inclusion = serializers.FloatField(required=False, help_text="fuzzy: full membership anchor")
    scores = serializers.DictField(
        child=serializers.FloatField(), required=False, help_text="manual: raw value (as text) -> membership 0..1"
    )


class QcaConditionSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Its name in the notation and in R, e.g. DENSE")
    calibration = QcaCalibrationSerializer()

    def get_fields(self) -> dict[str, serializers.Field]:
        # "source" is also an attribute of every DRF field; declared here it stays a JSON key only.
        fields = super().get_fields()
        fields["source"] = QcaSourceSerializer()
        return fields


class QcaOutcomeSerializer(QcaConditionSerializer):
    negate = serializers.BooleanField(required=False, help_text="Analyse ~outcome")


class QcaSpecSerializer(serializers.Serializer):
    """A QCA model's specification (README, "QCA")."""

    unit = serializers.ChoiceField(
        choices=UNITS, required=False, help_text="Cases are regions, or waves (region × wave)"
    )
    cases = serializers.ListField(child=serializers.IntegerField(), help_text="Ids of regions or waves of the study")
    outcome = QcaOutcomeSerializer()
    conditions = QcaConditionSerializer(many=True, help_text=f"At most {MAX_CONDITIONS}")
    incl_cut = serializers.FloatField(required=False, help_text="Default 0.8")
    n_cut = serializers.IntegerField(required=False, help_text="Default 1")
    pri_cut = serializers.FloatField(required=False, help_text="Default 0")
    solution = serializers.ChoiceField(choices=SOLUTIONS, required=False)
    dir_exp = serializers.DictField(
        child=serializers.ChoiceField(choices=DIRECTIONS), required=False, help_text="Condition name -> 1, 0 or -"
    )


class QcaCaseValueSerializer(serializers.Serializer):
    raw = serializers.CharField(help_text="The raw value as recorded (empty: none)")
    membership = serializers.FloatField()
    url = serializers.CharField(help_text="The page the raw value comes from (its evidence)")
    note = serializers.CharField()


class QcaCaseSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="r<region id> or w<wave id>")
    region_id = serializers.IntegerField()
    wave_id = serializers.IntegerField(allow_null=True)
    values = serializers.DictField(child=QcaCaseValueSerializer(), help_text="Outcome and condition name -> value")

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["label"] = serializers.CharField(help_text="The case's name in tables, files and R")
        return fields


class QcaTruthTableRowSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    configuration = serializers.DictField(child=serializers.IntegerField())
    OUT = serializers.CharField(help_text="1, 0, C (contradiction by the cut-offs) or ? (remainder)")
    n = serializers.IntegerField()
    incl = serializers.FloatField()
    PRI = serializers.FloatField()
    cases = serializers.ListField(child=serializers.CharField())
    contradictory = serializers.BooleanField(help_text="Cases on both sides of the outcome")


class QcaTruthTableSerializer(serializers.Serializer):
    conditions = serializers.ListField(child=serializers.CharField())
    rows = QcaTruthTableRowSerializer(many=True)


class QcaNecessityRowSerializer(serializers.Serializer):
    condition = serializers.CharField()
    inclN = serializers.FloatField()
    RoN = serializers.FloatField()
    covN = serializers.FloatField()


class QcaResultSerializer(serializers.Serializer):
    """Calibrated data, necessity, truth table and the solutions (each: models with inclS, PRI,
    covS, covU per term, as ``coding.analysis.qca`` gives them; an ``error`` when none exists)."""

    outcome = serializers.CharField(help_text="In QCA notation, ~ when negated")
    conditions = serializers.ListField(child=serializers.CharField())
    cases = QcaCaseSerializer(many=True)
    necessity = QcaNecessityRowSerializer(many=True)
    truth_table = QcaTruthTableSerializer()
    solutions = serializers.DictField(
        child=serializers.DictField(), help_text="conservative, parsimonious and (with dir_exp) intermediate"
    )
    chosen = serializers.ChoiceField(choices=SOLUTIONS)


class QcaRunSerializer(serializers.Serializer):
    spec = QcaSpecSerializer(help_text="The specification as the app reads it (defaults filled in)")
    fingerprint = serializers.CharField(help_text="Hash of the case data the result comes from")
    result = QcaResultSerializer()


@extend_schema_field(QcaSpecSerializer)
class SpecField(serializers.JSONField):
    """The specification as sent: the one parser (``coding.qca.spec``) checks it when the model is
    run, so the page and the API refuse the same input with the same message."""


class QcaModelSerializer(serializers.ModelSerializer):
    """A saved QCA model: its specification and the last result with its freshness."""

    study = scoped_field(Study)
    spec = SpecField()
    result = QcaResultSerializer(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True, help_text="ok, stale (being recomputed) or failed (see error)")

    class Meta:
        model = QcaModel
        fields = [
            "id", "study", "name", "spec", "result", "status", "error", "fingerprint", "computed_at",
            "created_by", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["error", "fingerprint", "computed_at", "created_by", "created_at", "updated_at"]
