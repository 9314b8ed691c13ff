"""Admin for the case records; researchers work in the pages, the admin is for staff.

Being staff gives the admin, not the research data: rows that carry personal data (actors,
interviews, codings, ties, outcomes) are listed, opened and their history shown only for studies
the staff member belongs to, as on the pages (404 otherwise).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from cases.links import link_errors
from cases.models import Actor, Interview, Membership, Region, Study, Wave


class MembersOnlyAdmin(admin.ModelAdmin):
    """Rows of the studies the user is a member of; the change pages 404 for the others."""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # The subclasses' models all have a for_user() queryset; the base ModelAdmin cannot say so.
        return super().get_queryset(request).for_user(request.user)  # type: ignore[attr-defined]


class RegionLinksForm(forms.ModelForm):
    """The pages' rule in the admin (cases.links): the many-to-many fields named in
    ``region_links`` link only rows of the record's region."""

    region_links: tuple[str, ...] = ()

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        region = cleaned.get("region") or getattr(self.instance, "region", None)
        if region is not None:
            for field, messages in link_errors(cleaned, self.region_links, region).items():
                self.add_error(field, messages)
        return cleaned


class InterviewAdminForm(RegionLinksForm):
    region_links = ("interviewees",)


class MembersOnlyHistoryAdmin(MembersOnlyAdmin, SimpleHistoryAdmin):
    """simple-history's pages read the history table directly: check membership first."""

    def _require_member(self, request: HttpRequest, object_id: str) -> None:
        try:
            visible = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError):
            visible = False
        if not visible:
            raise Http404

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict | None = None) -> HttpResponse:
        self._require_member(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        self._require_member(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    list_display = ["title", "coding_scheme", "created_at"]
    search_fields = ["title", "research_question"]
    list_select_related = ["coding_scheme"]
    inlines = [MembershipInline]


class WaveInline(admin.TabularInline):
    model = Wave
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "technology_field", "lifecycle_phase", "study"]
    list_filter = ["technology_field", "lifecycle_phase", "study"]
    search_fields = ["name", "country"]
    list_select_related = ["study"]
    inlines = [WaveInline]


@admin.register(Actor)
class ActorAdmin(MembersOnlyHistoryAdmin):
    list_display = ["name", "kind", "org_type", "location", "region"]
    list_filter = ["kind", "org_type", "location", "region"]
    search_fields = ["name", "pseudonym"]
    list_select_related = ["region"]
    raw_id_fields = ["affiliation", "spun_off_from"]


@admin.register(Interview)
class InterviewAdmin(MembersOnlyHistoryAdmin):
    form = InterviewAdminForm
    list_display = ["title", "region", "wave", "date", "consent_status", "pseudonymised"]
    list_filter = ["consent_status", "pseudonymised", "mode", "region"]
    search_fields = ["title"]
    list_select_related = ["region", "wave"]
    raw_id_fields = ["interviewees", "interviewer"]
