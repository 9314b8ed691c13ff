"""REST endpoints of a study's variables (definitions) and their values, as full resources.

The page rules hold: members read; leads define, change and delete variables; coders and leads
set values; rows outside the user's studies are 404. Every write goes through
``coding.variables.services`` (one parser of raw values for pages, grid, API and imports), so a
bad value is a 400 naming the record and the variable, and nothing is written.
"""

from __future__ import annotations

from typing import Any, ClassVar

import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from cases.access import require_role
from cases.choices import Role
from cases.models import Region, Study
from coding.api.base import StudyScopedViewSet, model_errors_as_400
from coding.api.filters import StudyScopedFilterSet
from coding.api.serializers import scoped_field
from coding.variables import services
from coding.variables import values as pure
from coding.variables.models import RECORD_FIELDS, Variable, VariableTarget, VariableValue
from coding.variables.selectors import study_variables

VALUE_HELP = (
    "The value: a category of a categorical variable, a number, true/false, a date as YYYY-MM-DD or a "
    "text; strings are read as files write them (“3,5”, “yes”). Read back typed."
)


@extend_schema_field(OpenApiTypes.ANY)
class ValueField(serializers.JSONField):
    """A raw value in (any JSON scalar), the typed value out (ISO date, number, boolean, text)."""

    def to_representation(self, value: object) -> Any:
        return value.isoformat() if hasattr(value, "isoformat") else value


def refused(error: DjangoValidationError, field: str) -> ValidationError:
    """The service's refusal under ``field``, each message prefixed with the record it is about."""
    if isinstance(error, services.ValuesRefused):
        messages = [f"{record}: {message}" for record, problems in error.message_dict.items() for message in problems]
        return ValidationError({field: messages})
    return ValidationError(error.message_dict if hasattr(error, "error_dict") else {field: error.messages})


class VariableSerializer(serializers.ModelSerializer):
    study = scoped_field(Study)
    categories = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, help_text="Of a categorical variable, in order."
    )
    renamed_categories = serializers.DictField(
        child=serializers.CharField(max_length=100),
        write_only=True,
        required=False,
        help_text="On update: {old: new} renames a category in every value that holds it.",
    )
    value_count = serializers.IntegerField(read_only=True, help_text="How many records hold a value.")

    class Meta:
        model = Variable
        fields = [
            "id", "study", "target", "name", "label", "type", "categories", "description", "unit", "position",
            "renamed_categories", "value_count", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs: ClassVar = {"label": {"required": False, "allow_blank": True}}  # the name by default
        validators: ClassVar[list[Any]] = []  # name clashes are the service's 400, with its message

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            for field in ("study", "target"):
                if field in attrs and attrs[field] != getattr(self.instance, field):
                    raise ValidationError(
                        {field: [_("A variable stays in its study and describes one kind of record.")]}
                    )
        return attrs


class VariableFilter(StudyScopedFilterSet):
    class Meta:
        model = Variable
        fields: ClassVar = ["study", "target", "type", "name"]


class VariableViewSet(StudyScopedViewSet):
    """A study's variables: members read, leads define, change and delete (with their values)."""

    serializer_class = VariableSerializer
    filterset_class = VariableFilter
    write_role = Role.LEAD
    study_attr = "study"
    ordering_fields: ClassVar = ["target", "position", "name"]

    def base_queryset(self) -> QuerySet:
        return Variable.objects.annotate_value_count().order_by("study", "target", "position", "name", "pk")

    def create_row(self, values: dict[str, Any]) -> Variable:
        values.pop("renamed_categories", None)
        position = values.pop("position", None)
        variable = services.variable_create(**{**values, "label": values.get("label", "")})
        if position is not None:
            variable = services.variable_update(variable=variable, changes={"position": position})
        return self._counted(variable)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        """As the base, without its no-change shortcut: a rename is a change no field shows."""
        variable: Variable = serializer.instance  # type: ignore[assignment]  # get_object()'s row
        require_role(variable.study, self.request.user, self.write_role)
        changes = {key: value for key, value in serializer.validated_data.items() if key not in ("study", "target")}
        with model_errors_as_400():
            serializer.instance = self.written = self._counted(
                services.variable_update(variable=variable, changes=changes) if changes else variable
            )

    def perform_destroy(self, instance: Variable) -> None:
        services.variable_delete(variable=instance)

    @staticmethod
    def _counted(variable: Variable) -> Variable:
        variable.value_count = VariableValue.objects.filter(variable=variable).count()  # type: ignore[attr-defined]
        return variable


class VariableValueSerializer(serializers.ModelSerializer):
    variable = scoped_field(Variable)
    record = serializers.IntegerField(
        source="record_id",
        min_value=1,
        help_text="Id of the region, wave, actor or interview (the variable's kind) the value is of.",
    )
    value = ValueField(help_text=VALUE_HELP)
    target = serializers.CharField(source="variable.target", read_only=True)
    name = serializers.CharField(source="variable.name", read_only=True)

    class Meta:
        model = VariableValue
        fields = ["id", "variable", "target", "name", "record", "value", "updated_at"]
        read_only_fields = ["updated_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is not None:
            if attrs.get("variable", self.instance.variable) != self.instance.variable:
                raise ValidationError({"variable": [_("A value stays with its variable; set the other variable's.")]})
            if attrs.get("record_id", self.instance.record_id) != self.instance.record_id:
                raise ValidationError({"record": [_("A value stays with its record; set the other record's.")]})
        raw = attrs.get("value", "present")
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            raise ValidationError({"value": [_("A value is required; delete the value to clear it.")]})
        if isinstance(attrs.get("value"), dict | list):
            raise ValidationError(
                {"value": [_("A value is one number, text, true/false or date, not a list or object.")]}
            )
        return attrs


class VariableValueFilter(StudyScopedFilterSet):
    study = django_filters.ModelChoiceFilter(field_name="variable__study", queryset=Study.objects.all())
    target = django_filters.ChoiceFilter(field_name="variable__target", choices=VariableTarget.choices)
    record = django_filters.NumberFilter(
        method="filter_record", help_text="Values of the record with this id (combine with target or variable)."
    )

    class Meta:
        model = VariableValue
        fields: ClassVar = ["variable"]

    def filter_record(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        record = Q()
        for field in RECORD_FIELDS:
            record |= Q(**{f"{field}_id": value})
        return queryset.filter(record)


class VariableValueViewSet(StudyScopedViewSet):
    """Values of the study's variables, one per record and variable. Members read; coders and
    leads set (POST sets the record's value, replacing one it had), change and delete them."""

    serializer_class = VariableValueSerializer
    filterset_class = VariableValueFilter
    study_attr = "variable.study"
    ordering_fields: ClassVar = ["updated_at", "variable"]

    def base_queryset(self) -> QuerySet:
        return VariableValue.objects.select_related("variable").order_by("variable", "pk")

    def create_row(self, values: dict[str, Any]) -> VariableValue:
        variable: Variable = values["variable"]
        self._set(variable, values["record_id"], values["value"])
        return VariableValue.objects.select_related("variable").get(
            variable=variable, **{f"{variable.target}_id": values["record_id"]}
        )

    def update_row(self, instance: VariableValue, values: dict[str, Any]) -> VariableValue:
        if "value" in values:
            self._set(instance.variable, instance.record_id, values["value"])
            instance.refresh_from_db()
        return instance

    def perform_destroy(self, instance: VariableValue) -> None:
        services.values_set(variable=instance.variable, values={instance.record_id: None})

    @staticmethod
    def _set(variable: Variable, record_id: int, raw: object) -> None:
        try:
            services.values_set(variable=variable, values={record_id: raw})
        except DjangoValidationError as error:
            raise refused(error, "value") from error


def set_region_variables(region: Region, variables: dict[str, object]) -> None:
    """The ``variables`` of a region written through the API: ``{name: raw value}`` of the study's
    region variables (an empty value clears one); an unknown name or a bad value is a 400."""
    if not variables:
        return
    defined = {variable.name: variable for variable in study_variables(region.study, pure.REGION)}
    unknown = sorted(set(variables) - set(defined))
    if unknown:
        listed = ", ".join(defined) or _("none defined yet")
        raise ValidationError(
            {
                "variables": [
                    _("No region variable named “%(name)s” in this study (defined: %(defined)s).")
                    % {"name": name, "defined": listed}
                    for name in unknown
                ]
            }
        )
    changes = {defined[name]: {region.pk: raw} for name, raw in variables.items()}
    try:
        services.values_set_many(study=region.study, changes=changes)
    except DjangoValidationError as error:
        raise refused(error, "variables") from error
