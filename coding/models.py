"""Coding records: versioned coding schemes, coded passages, evidenced interactions, outcomes.

docs/domain.md Each interaction (a coded tie) is evidenced by the codings behind it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Actor, Interview, Region, Wave
from cases.querysets import StudyScopedQuerySet
from coding.choices import (
    LOW_THRESHOLD_SETTINGS,
    RATING_MAX,
    RATING_MIN,
    Channel,
    Confidence,
    CoordinationMode,
    Duration,
    Formality,
    OutcomeKind,
    Setting,
    TrustBasis,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

HEX_COLOUR = r"^#[0-9a-fA-F]{6}$"


class CodingScheme(models.Model):
    """One version of a hierarchical codebook. Studies pin a version; new versions are copies."""

    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    description = models.TextField(_("description"), blank=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="later_versions",
        verbose_name=_("based on"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("coding scheme")
        verbose_name_plural = _("coding schemes")
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="scheme_unique_version"),
            models.CheckConstraint(condition=Q(version__gte=1), name="scheme_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def in_use(self) -> bool:
        """A version pinned by a study may only be extended, never changed destructively."""
        return self.studies.exists()


class Code(models.Model):
    scheme = models.ForeignKey(CodingScheme, on_delete=models.CASCADE, related_name="codes", verbose_name=_("scheme"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    example = models.TextField(_("example"), blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#4c78a8", help_text=_("Hex colour, e.g. #4c78a8."))
    concept = models.CharField(
        _("concept"), max_length=200, blank=True, help_text=_("The concept this code operationalises.")
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    # Edited by leads in the admin; read when an interaction is recorded from a passage with this
    # code (or a sub-code of it), whose form then opens with this mode ticked.
    suggests_mode = models.CharField(
        _("suggests interaction mode"),
        max_length=20,
        choices=CoordinationMode.choices,
        blank=True,
        help_text=_(
            "Interactions recorded from a passage with this code (or one of its sub-codes) start with this "
            "coordination mode ticked."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["scheme", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "parent", "name"],
                name="code_unique_name_per_parent",
                condition=Q(parent__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["scheme", "name"], name="code_unique_top_level_name", condition=Q(parent__isnull=True)
            ),
            # Lets the composite foreign key (scheme_id, parent_id) point here: see migration 0002.
            models.UniqueConstraint(fields=["scheme", "id"], name="code_unique_scheme_id"),
            models.CheckConstraint(condition=Q(colour__regex=HEX_COLOUR), name="code_colour_hex"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="code_not_own_parent"),
            models.CheckConstraint(
                condition=Q(suggests_mode__in=[*CoordinationMode.values, ""]), name="code_suggests_mode_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent is None:  # no query: a null foreign key reads as None
            return
        if self.parent.scheme_id != self.scheme_id:
            raise ValidationError({"parent": gettext("The parent code must be in the same scheme.")})
        if self.pk and self.pk in {ancestor.pk for ancestor in self.ancestors()}:
            raise ValidationError({"parent": gettext("A code cannot be its own ancestor.")})

    def ancestors(self) -> Iterator[Code]:
        node = self.parent
        seen: set[int] = set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            yield node
            node = node.parent


class CodingQuerySet(StudyScopedQuerySet):
    study_path = "interview__region__study"


class Coding(models.Model):
    """A coded segment: a character range of a transcript with a code."""

    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="codings", verbose_name=_("interview")
    )
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="codings", verbose_name=_("code"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="codings", verbose_name=_("coder")
    )
    start = models.PositiveIntegerField(_("start"), help_text=_("Offset of the first character (0-based)."))
    end = models.PositiveIntegerField(_("end"), help_text=_("Offset after the last character."))
    quote = models.TextField(_("quote"), help_text=_("The coded text, transcript[start:end]."))
    memo = models.TextField(_("memo"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = CodingQuerySet.as_manager()
    # Set only on rows fetched through cases.access.get_for_user: the user's role in their study.
    user_role: str | None

    class Meta:
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        ordering = ["interview", "start", "end", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="coding_end_after_start"),
            # The quote is exactly the coded range; the trigger in migration 0002 checks it
            # lies inside the transcript.
            models.CheckConstraint(condition=Q(end=F("start") + Length("quote")), name="coding_quote_matches_range"),
            # One coder codes one passage with one code once: a second identical row would count
            # twice in retrieval, the matrix and agreement. Different codes or coders may overlap.
            models.UniqueConstraint(
                fields=["interview", "start", "end", "code", "coder"], name="coding_unique_passage_code_coder"
            ),
        ]
        indexes = [
            # Retrieval and the code x region matrix: codings by code.
            models.Index(fields=["code", "interview"], name="coding_code_interview_idx"),
            # Coding view: codings of one interview by coder.
            models.Index(fields=["interview", "coder"], name="coding_interview_coder_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.code} @ {self.interview} [{self.start}:{self.end}]"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        transcript = self.interview.transcript if self.interview_id else ""
        if self.start is not None and self.end is not None:
            if self.end <= self.start:
                errors["end"] = gettext("The passage must end after it starts.")
            elif self.end > len(transcript):
                errors["end"] = gettext("The passage ends at %(end)s, past the transcript's %(length)s characters.") % {
                    "end": self.end,
                    "length": len(transcript),
                }
            elif self.quote != transcript[self.start : self.end]:
                errors["quote"] = gettext("The quote does not match the transcript at these offsets.")
        if self.code_id and self.interview_id:
            scheme_id = self.interview.region.study.coding_scheme_id
            if self.code.scheme_id != scheme_id:
                errors["code"] = gettext("The code is not in the study's coding scheme.")
        if errors:
            raise ValidationError(errors)


class InteractionQuerySet(StudyScopedQuerySet):
    study_path = "region__study"

    def with_mode(self, mode: str) -> InteractionQuerySet:
        return self.filter(**{f"mode_{mode}": True})


class Interaction(models.Model):
    """A coded tie between two actors of one region, evidenced by codings."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="interactions", verbose_name=_("region"))
    wave = models.ForeignKey(
        Wave, on_delete=models.PROTECT, null=True, blank=True, related_name="interactions", verbose_name=_("wave")
    )
    source = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="ties_out", verbose_name=_("source"))
    target = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="ties_in", verbose_name=_("target"))
    directed = models.BooleanField(_("directed"), default=False, help_text=_("Directed (source to target) or mutual."))
    # Coordination modes (several per tie allowed: the same pair can rival and cooperate).
    mode_competition = models.BooleanField(_("competition"), default=False)
    mode_rivalry = models.BooleanField(_("rivalry"), default=False)
    mode_conflict = models.BooleanField(_("confrontation / conflict"), default=False)
    mode_cooperation = models.BooleanField(_("cooperation"), default=False)
    content = models.CharField(
        _("content"), max_length=300, blank=True, help_text=_("What flows: knowledge, staff, money, ...")
    )
    # Granovetter's tie-strength components, rated 0 (none) .. 4 (very high); blank = not rated.
    rating_time = models.PositiveSmallIntegerField(_("amount of time"), null=True, blank=True)
    rating_emotional_intensity = models.PositiveSmallIntegerField(_("emotional intensity"), null=True, blank=True)
    rating_intimacy = models.PositiveSmallIntegerField(_("intimacy (mutual confiding)"), null=True, blank=True)
    rating_reciprocal_services = models.PositiveSmallIntegerField(_("reciprocal services"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, blank=True)
    setting = models.CharField(_("setting"), max_length=20, choices=Setting.choices, blank=True)
    formality = models.CharField(_("formality"), max_length=10, choices=Formality.choices, blank=True)
    trust_basis = models.CharField(_("trust basis"), max_length=30, choices=TrustBasis.choices, blank=True)
    duration = models.CharField(_("duration"), max_length=20, choices=Duration.choices, blank=True)
    includes_private_sphere = models.BooleanField(_("includes private sphere"), default=False)
    evidence = models.ManyToManyField(Coding, blank=True, related_name="interactions", verbose_name=_("evidence"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interactions",
        verbose_name=_("coder"),
    )
    confidence = models.CharField(_("confidence"), max_length=10, choices=Confidence.choices, default=Confidence.MEDIUM)
    memo = models.TextField(_("memo"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"], m2m_fields=[evidence])

    objects = InteractionQuerySet.as_manager()
    # Set only on rows fetched through cases.access.get_for_user: the user's role in their study.
    user_role: str | None

    RATING_FIELDS = ("rating_time", "rating_emotional_intensity", "rating_intimacy", "rating_reciprocal_services")

    class Meta:
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        ordering = ["region", "source", "target", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mode_competition=True)
                | Q(mode_rivalry=True)
                | Q(mode_conflict=True)
                | Q(mode_cooperation=True),
                name="interaction_has_a_mode",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{field}__isnull": True})
                    | Q(**{f"{field}__gte": RATING_MIN, f"{field}__lte": RATING_MAX}),
                    name=f"interaction_{field}_range",
                )
                for field in (
                    "rating_time",
                    "rating_emotional_intensity",
                    "rating_intimacy",
                    "rating_reciprocal_services",
                )
            ),
            models.CheckConstraint(condition=Q(confidence__in=Confidence.values), name="interaction_confidence_valid"),
        ]
        indexes = [
            # Graph building: ties of one region (optionally one wave).
            models.Index(fields=["region", "wave"], name="interaction_region_wave_idx"),
        ]

    def __str__(self) -> str:
        arrow = "→" if self.directed else "↔"
        return f"{self.source} {arrow} {self.target}"

    @property
    def coordination_modes(self) -> list[str]:
        return [mode for mode in CoordinationMode.values if getattr(self, f"mode_{mode}")]

    @property
    def is_low_threshold(self) -> bool:
        return self.setting in LOW_THRESHOLD_SETTINGS

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.coordination_modes:
            errors["mode_cooperation"] = gettext("Pick at least one coordination mode.")
        if self.region_id:
            for field in ("source", "target"):
                actor = getattr(self, field, None) if getattr(self, f"{field}_id") else None
                if actor is not None and actor.region_id != self.region_id:
                    errors[field] = gettext("Both actors of a tie must belong to the tie's region.")
            if self.wave is not None and self.wave.region_id != self.region_id:
                errors["wave"] = gettext("The wave must belong to the tie's region.")
            if self.source_id and self.source_id == self.target_id and not self.region.study.allow_self_ties:
                errors["target"] = gettext("A tie needs two different actors (this study does not allow self-ties).")
        for field in self.RATING_FIELDS:
            value = getattr(self, field)
            if value is not None and not RATING_MIN <= value <= RATING_MAX:
                errors[field] = gettext("Rate from %(min)s to %(max)s.") % {"min": RATING_MIN, "max": RATING_MAX}
        if errors:
            raise ValidationError(errors)


class OutcomeQuerySet(StudyScopedQuerySet):
    study_path = "region__study"


class Outcome(models.Model):
    """A collective output of cooperation (a club good): a training network, foundry, standard, ..."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("region"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OutcomeKind.choices)
    description = models.TextField(_("description"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    actors = models.ManyToManyField(
        Actor, related_name="outcomes", verbose_name=_("actors"), help_text=_("Contributing actors.")
    )
    evidence = models.ManyToManyField(Coding, blank=True, related_name="outcomes", verbose_name=_("evidence"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="outcome_unique_name_per_region"),
            models.CheckConstraint(condition=Q(kind__in=OutcomeKind.values), name="outcome_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def with_external(self) -> bool:
        """Whether actors from outside the region contributed (uses prefetched actors if present)."""
        return any(actor.is_external for actor in self.actors.all())


from coding.codebook.models import CodebookOperation  # noqa: E402, F401
from coding.jobs.models import Job  # noqa: E402, F401
from coding.layout.models import RegionLayout  # noqa: E402, F401
from coding.memos.models import Memo  # noqa: E402, F401
from coding.partitions.models import PartitionFigures  # noqa: E402, F401
from coding.qca.models import QcaModel  # noqa: E402, F401
from coding.variables.models import Variable, VariableValue  # noqa: E402, F401
from coding.worker.models import AnalysisSnapshot, RegionAnalysisState  # noqa: E402, F401
