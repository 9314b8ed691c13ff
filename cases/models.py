"""Case records: studies and their members, regions (cases), waves, actors and interviews.

docs/domain.md §1. Rules that span rows (both ends of a tie in one region, offsets inside the
transcript) are enforced in ``clean()`` and, on PostgreSQL, by the constraints added in
``coding/migrations`` (composite foreign keys and a trigger).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.choices import (
    FIRM_TYPES,
    ActorKind,
    ConsentStatus,
    HierarchyLevel,
    InterviewMode,
    LifecyclePhase,
    Location,
    OrgType,
    Role,
    SizeBand,
    TechnologyField,
)
from cases.querysets import (
    ActorQuerySet,
    InterviewQuerySet,
    MembershipQuerySet,
    RegionQuerySet,
    StudyQuerySet,
    WaveQuerySet,
)
from cases.rules import actor_errors, interview_errors

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import AnonymousUser, User


class Study(models.Model):
    """A comparative research project with its members, coding scheme and regions."""

    title = models.CharField(_("title"), max_length=200)
    research_question = models.TextField(_("research question"), blank=True)
    description = models.TextField(_("description"), blank=True)
    # A study pins one fixed version of a scheme; PROTECT keeps the version from being deleted.
    coding_scheme = models.ForeignKey(
        "coding.CodingScheme",
        on_delete=models.PROTECT,
        related_name="studies",
        null=True,
        blank=True,
        verbose_name=_("coding scheme"),
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="studies")
    allow_self_ties = models.BooleanField(
        _("allow self ties"),
        default=False,
        help_text=_("Allow an interaction whose source and target are the same actor."),
    )
    coders_add_codes = models.BooleanField(
        _("coders may add codes"),
        default=False,
        help_text=_("Coders may add codes to the study's coding scheme while coding (leads always may)."),
    )
    keep_ties_after_withdrawal = models.BooleanField(
        _("keep ties after withdrawal"),
        default=False,
        help_text=_(
            "When an interviewee withdraws consent, keep their ties as anonymous aggregate data "
            "(without evidence or memos) instead of deleting them."
        ),
    )
    # Overrides of coding.analysis.thresholds.AnalysisSettings (tie-strength weights, strong/weak
    # cut-off, typology thresholds); validated in clean(), defaults documented there.
    analysis_settings = models.JSONField(_("analysis settings"), default=dict, blank=True)
    # What a valid analysis_settings is belongs to the analysis, which registers its check here
    # when the coding app loads (CodingConfig.ready): cases never imports coding.
    analysis_settings_checks: ClassVar[list[Callable[[dict[str, Any]], object]]] = []
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StudyQuerySet.as_manager()
    # Set only on rows fetched through cases.access.get_for_user: the user's role in their study.
    user_role: str | None

    class Meta:
        ordering = ["title", "id"]
        verbose_name, verbose_name_plural = _("study"), _("studies")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        for check in self.analysis_settings_checks:
            try:
                check(self.analysis_settings or {})
            except ValueError as exc:
                raise ValidationError({"analysis_settings": str(exc)}) from exc

    def role_of(self, user: User | AnonymousUser) -> str | None:
        if not user.is_authenticated:
            return None
        membership = self.memberships.filter(user=user).only("role").first()
        return membership.role if membership else None


class Membership(models.Model):
    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["study", "user"]
        verbose_name, verbose_name_plural = _("membership"), _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["study", "user"], name="membership_unique_user_per_study"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) in {self.study}"


class Region(models.Model):
    """One regional cluster: a case of the comparative study."""

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="regions")
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=100)
    technology_field = models.CharField(_("technology field"), max_length=20, choices=TechnologyField.choices)
    lifecycle_phase = models.CharField(_("lifecycle phase"), max_length=20, choices=LifecyclePhase.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    centroid_latitude = models.FloatField(_("centroid latitude"), null=True, blank=True)
    centroid_longitude = models.FloatField(_("centroid longitude"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegionQuerySet.as_manager()
    # Set only on rows fetched through cases.access.get_for_user: the user's role in their study.
    user_role: str | None

    class Meta:
        ordering = ["study", "name"]
        verbose_name, verbose_name_plural = _("region"), _("regions")
        constraints = [
            models.UniqueConstraint(fields=["study", "name"], name="region_unique_name_per_study"),
            models.CheckConstraint(
                condition=Q(centroid_latitude__isnull=True) | Q(centroid_latitude__gte=-90, centroid_latitude__lte=90),
                name="region_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(centroid_longitude__isnull=True)
                | Q(centroid_longitude__gte=-180, centroid_longitude__lte=180),
                name="region_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(centroid_latitude__isnull=True, centroid_longitude__isnull=True)
                | Q(centroid_latitude__isnull=False, centroid_longitude__isnull=False),
                name="region_centroid_both_or_neither",
            ),
            models.CheckConstraint(condition=Q(technology_field__in=TechnologyField.values), name="region_field_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class Wave(models.Model):
    """A fieldwork period of a region, so that a region can be compared over time."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="waves")
    label = models.CharField(_("label"), max_length=100)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)  # the edit form's version (cases.concurrency)

    objects = WaveQuerySet.as_manager()

    class Meta:
        ordering = ["region", "start", "label"]
        verbose_name, verbose_name_plural = _("wave"), _("waves")
        constraints = [
            models.UniqueConstraint(fields=["region", "label"], name="wave_unique_label_per_region"),
            # Lets composite foreign keys (region_id, wave_id) point here: see coding migration 0002.
            models.UniqueConstraint(fields=["region", "id"], name="wave_unique_region_id"),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="wave_end_not_before_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region.name}: {self.label}"


class Actor(models.Model):
    """An organisation or a person, inside the region or outside it."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="actors")
    kind = models.CharField(_("kind"), max_length=12, choices=ActorKind.choices)
    name = models.CharField(_("name"), max_length=200)
    pseudonym = models.CharField(
        _("pseudonym"), max_length=200, blank=True, help_text=_("Shown instead of the name when sharing data.")
    )
    location = models.CharField(_("location"), max_length=20, choices=Location.choices, default=Location.INSIDE)
    description = models.TextField(_("description"), blank=True)
    # Organisations
    org_type = models.CharField(_("organisation type"), max_length=30, choices=OrgType.choices, blank=True)
    size_band = models.CharField(_("size band"), max_length=10, choices=SizeBand.choices, blank=True)
    founded = models.PositiveSmallIntegerField(_("founded"), null=True, blank=True)
    spun_off_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="spin_offs",
        verbose_name=_("spun off from"),
    )
    # Persons
    affiliation = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="people", verbose_name=_("affiliation")
    )
    occupational_group = models.CharField(_("occupational group"), max_length=100, blank=True)
    hierarchy_level = models.CharField(_("hierarchy level"), max_length=20, choices=HierarchyLevel.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Who changed what and when, with the state before and after (leads can restore one).
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = ActorQuerySet.as_manager()
    # Set only on rows fetched through cases.access.get_for_user: the user's role in their study.
    user_role: str | None

    class Meta:
        ordering = ["region", "name"]
        verbose_name, verbose_name_plural = _("actor"), _("actors")
        constraints = [
            models.UniqueConstraint(fields=["region", "kind", "name"], name="actor_unique_name_per_region"),
            # Lets composite foreign keys (region_id, actor_id) point here: see coding migration 0002.
            models.UniqueConstraint(fields=["region", "id"], name="actor_unique_region_id"),
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_kind_valid"),
            models.CheckConstraint(condition=Q(location__in=Location.values), name="actor_location_valid"),
            # Organisation fields only on organisations (with a type), person fields only on persons.
            models.CheckConstraint(
                condition=(
                    Q(kind=ActorKind.ORGANISATION)
                    & Q(org_type__in=OrgType.values)
                    & Q(hierarchy_level="")
                    & Q(affiliation__isnull=True)
                    & Q(occupational_group="")
                )
                | (
                    Q(kind=ActorKind.PERSON)
                    & Q(org_type="")
                    & Q(size_band="")
                    & Q(founded__isnull=True)
                    & Q(spun_off_from__isnull=True)
                    & (Q(hierarchy_level="") | Q(hierarchy_level__in=HierarchyLevel.values))
                ),
                name="actor_fields_match_kind",
            ),
            models.CheckConstraint(
                condition=Q(founded__isnull=True) | Q(founded__gte=1800, founded__lte=2100), name="actor_founded_range"
            ),
            models.CheckConstraint(condition=~Q(spun_off_from=models.F("id")), name="actor_not_spun_off_from_itself"),
        ]
        indexes = [
            # Region page and graph building: actors of one region by kind.
            models.Index(fields=["region", "kind"], name="actor_region_kind_idx"),
            # Region page: its first ties by source name (cases.selectors.interactions_of) are read
            # in this index's order instead of sorting all the region's ties.
            models.Index(fields=["region", "name"], name="actor_region_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_external(self) -> bool:
        return self.location != Location.INSIDE

    @property
    def is_firm(self) -> bool:
        return self.org_type in FIRM_TYPES

    @property
    def display_name(self) -> str:
        return self.pseudonym or self.name

    def clean(self) -> None:
        if errors := actor_errors(self):
            raise ValidationError(errors)


class Interview(models.Model):
    """One interview with one or more persons, with its transcript.

    The transcript is immutable once coded unless the codings are re-anchored (the services in
    ``coding.interviews.services`` do that); the database refuses offsets outside the transcript.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="interviews")
    wave = models.ForeignKey(
        Wave, on_delete=models.PROTECT, null=True, blank=True, related_name="interviews", verbose_name=_("wave")
    )
    title = models.CharField(_("title"), max_length=200)
    interviewees = models.ManyToManyField(Actor, blank=True, related_name="interviews", verbose_name=_("interviewees"))
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews_held",
        verbose_name=_("interviewer"),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=InterviewMode.choices, default=InterviewMode.FACE_TO_FACE)
    language = models.CharField(
        _("language"), max_length=20, default="en", help_text=_("Language code, e.g. en, de, sv.")
    )
    consent_status = models.CharField(
        _("consent status"), max_length=20, choices=ConsentStatus.choices, default=ConsentStatus.PENDING
    )
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    pseudonymised = models.BooleanField(_("pseudonymised"), default=False)
    transcript = models.TextField(_("transcript"), blank=True)
    source_filename = models.CharField(max_length=255, blank=True)
    memo = models.TextField(_("memo"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Every transcript version is kept: codings refer to the text as it was when they were made.
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"], m2m_fields=[interviewees])

    objects = InterviewQuerySet.as_manager()
    # Set only on rows fetched through cases.access.get_for_user: the user's role in their study.
    user_role: str | None

    class Meta:
        ordering = ["region", "date", "title"]
        verbose_name, verbose_name_plural = _("interview"), _("interviews")
        constraints = [
            models.UniqueConstraint(fields=["region", "title"], name="interview_unique_title_per_region"),
            models.CheckConstraint(condition=Q(mode__in=InterviewMode.values), name="interview_mode_valid"),
            models.CheckConstraint(
                condition=Q(consent_status__in=ConsentStatus.values), name="interview_consent_valid"
            ),
            models.CheckConstraint(
                condition=Q(consent_status=ConsentStatus.WITHDRAWN) | Q(consent_withdrawn_at__isnull=True),
                name="interview_withdrawn_at_only_when_withdrawn",
            ),
            # Withdrawal is final: no path (page, API, import, admin) may store the words again.
            models.CheckConstraint(
                condition=~Q(consent_status=ConsentStatus.WITHDRAWN) | Q(transcript="", memo=""),
                name="interview_withdrawn_keeps_no_text",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if errors := interview_errors(self):
            raise ValidationError(errors)


from cases.consent_records import ConsentWithdrawal as ConsentWithdrawal  # noqa: E402  # kept apart for the module's length
from cases.language.models import LanguagePreference  # noqa: E402, F401  # the language feature's model
