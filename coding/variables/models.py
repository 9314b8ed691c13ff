"""A study's own variables (MAXQDA's document variables, NVivo's classifications) and their values.

Leads define variables for one kind of record — regions, waves, actors or interviews — with a type
(categorical with its values, numeric, yes/no, date, text). The fixed attributes of those records
(country, organisation type, size band, ...) stay model fields; ``coding.variables.fixed`` offers
them alongside, under the same kind of machine name.

A value lives in the column of its type, so the database can filter, group and sort by it; the
variable's type decides which column is read (``services`` writes only through
``coding.variables.values.parse_value``). A value names its record through one of four foreign
keys, so deleting a record deletes its values, and a record holds one value per variable.
"""

from __future__ import annotations

import datetime as dt

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Actor, Interview, Region, Study, Wave
from cases.querysets import StudyScopedQuerySet
from coding.variables import values as pure


class VariableTarget(models.TextChoices):
    REGION = pure.REGION, _("Regions")
    WAVE = pure.WAVE, _("Waves")
    ACTOR = pure.ACTOR, _("Actors")
    INTERVIEW = pure.INTERVIEW, _("Interviews")


class VariableType(models.TextChoices):
    CATEGORICAL = pure.CATEGORICAL, _("Categorical")
    NUMERIC = pure.NUMERIC, _("Numeric")
    BOOLEAN = pure.BOOLEAN, _("Yes/no")
    DATE = pure.DATE, _("Date")
    TEXT = pure.TEXT, _("Text")


class VariableQuerySet(StudyScopedQuerySet):
    study_path = "study"

    def annotate_value_count(self) -> VariableQuerySet:
        """Each variable's ``value_count``: how many records hold a value of it."""
        return self.annotate(value_count=models.Count("values"))


class Variable(models.Model):
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="variables")
    target = models.CharField(_("describes"), max_length=10, choices=VariableTarget.choices)
    name = models.CharField(
        max_length=63,
        validators=[
            RegexValidator(
                pure.NAME_PATTERN,
                _("Letters, digits and underscores, starting with a letter (it names a column in files and R)."),
            )
        ],
        help_text=_("Machine name used in files, the API and QCA, e.g. association_member."),
    )
    label = models.CharField(
        max_length=200, help_text=_("What the pages show, e.g. “Member of the cluster association”.")
    )
    type = models.CharField(max_length=12, choices=VariableType.choices)
    categories = models.JSONField(
        default=list, blank=True, help_text=_("The values of a categorical variable, in order.")
    )
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=40, blank=True, help_text=_("Of a numeric variable, e.g. “employees”, “EUR m”."))
    position = models.PositiveIntegerField(default=0, help_text=_("Order among the study's variables of this kind."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = VariableQuerySet.as_manager()
    # Set only on rows fetched through cases.access.get_for_user: the user's role in their study.
    user_role: str | None

    class Meta:
        ordering = ["study", "target", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["study", "target", "name"], name="variable_unique_name"),
            models.CheckConstraint(condition=Q(target__in=VariableTarget.values), name="variable_target_valid"),
            models.CheckConstraint(condition=Q(type__in=VariableType.values), name="variable_type_valid"),
            models.CheckConstraint(condition=Q(name__regex=pure.NAME_PATTERN.pattern), name="variable_name_syntactic"),
        ]

    def __str__(self) -> str:
        return self.label or self.name


class VariableValueQuerySet(StudyScopedQuerySet):
    study_path = "variable__study"


# The record foreign keys of a value, one per target kind (same names as ``VariableTarget``).
RECORD_FIELDS = (pure.REGION, pure.WAVE, pure.ACTOR, pure.INTERVIEW)


class VariableValue(models.Model):
    """The value of one variable for one record; absent rows mean "no value recorded"."""

    variable = models.ForeignKey(Variable, on_delete=models.CASCADE, related_name="values")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, null=True, blank=True, related_name="variable_values")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, null=True, blank=True, related_name="variable_values")
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, null=True, blank=True, related_name="variable_values")
    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, null=True, blank=True, related_name="variable_values"
    )
    # NULL, not "", marks "not this column": exactly one of the four columns holds the value.
    text_value = models.TextField(null=True, blank=True, help_text="Categorical and text variables.")  # noqa: DJ001
    number_value = models.FloatField(null=True, blank=True)
    bool_value = models.BooleanField(null=True, blank=True)
    date_value = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = VariableValueQuerySet.as_manager()

    class Meta:
        ordering = ["variable", "id"]
        constraints = [
            # Exactly one record: the number of non-null record columns is 1.
            models.CheckConstraint(
                condition=Q(region__isnull=False, wave__isnull=True, actor__isnull=True, interview__isnull=True)
                | Q(region__isnull=True, wave__isnull=False, actor__isnull=True, interview__isnull=True)
                | Q(region__isnull=True, wave__isnull=True, actor__isnull=False, interview__isnull=True)
                | Q(region__isnull=True, wave__isnull=True, actor__isnull=True, interview__isnull=False),
                name="variable_value_one_record",
            ),
            # Exactly one value column is set (an empty value is no row at all).
            models.CheckConstraint(
                condition=Q(
                    text_value__isnull=False,
                    number_value__isnull=True,
                    bool_value__isnull=True,
                    date_value__isnull=True,
                )
                | Q(
                    text_value__isnull=True,
                    number_value__isnull=False,
                    bool_value__isnull=True,
                    date_value__isnull=True,
                )
                | Q(
                    text_value__isnull=True,
                    number_value__isnull=True,
                    bool_value__isnull=False,
                    date_value__isnull=True,
                )
                | Q(
                    text_value__isnull=True,
                    number_value__isnull=True,
                    bool_value__isnull=True,
                    date_value__isnull=False,
                ),
                name="variable_value_one_column",
            ),
            *(
                models.UniqueConstraint(
                    fields=["variable", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"variable_value_unique_{field}",
                )
                for field in RECORD_FIELDS
            ),
        ]
        indexes = [
            models.Index(fields=[field, "variable"], name=f"variable_value_{field}_idx") for field in RECORD_FIELDS
        ]

    def __str__(self) -> str:
        return f"{self.variable_id}={pure.format_value(self.value)}"

    @property
    def record_id(self) -> int:
        return next(getattr(self, f"{field}_id") for field in RECORD_FIELDS if getattr(self, f"{field}_id") is not None)

    @property
    def shown(self) -> str:
        """The value as pages show it: "yes"/"no" for yes/no variables, numbers in the reader's format,
        else as files write it."""
        value = self.value
        if isinstance(value, bool):
            return str(_("yes") if value else _("no"))
        if isinstance(value, float):
            return formats.number_format(pure.format_value(value), use_l10n=True)  # German: decimal comma
        return pure.format_value(value)

    @property
    def value(self) -> str | float | bool | dt.date | None:
        """The typed value, whichever column holds it."""
        for column in ("text_value", "number_value", "bool_value", "date_value"):
            if (value := getattr(self, column)) is not None:
                return value
        return None


def value_columns(value: pure.Value) -> dict[str, object]:
    """The four value columns for ``value`` (one set, the others None), for create and update."""
    columns: dict[str, object] = dict.fromkeys(("text_value", "number_value", "bool_value", "date_value"))
    if isinstance(value, bool):
        columns["bool_value"] = value
    elif isinstance(value, float):
        columns["number_value"] = value
    elif isinstance(value, dt.date):
        columns["date_value"] = value
    else:
        columns["text_value"] = value
    return columns
