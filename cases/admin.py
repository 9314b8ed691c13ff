"""Admin for the case records; researchers work in the pages, the admin is for staff."""

from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Actor, Interview, Membership, Region, Study, Wave


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
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "org_type", "location", "region"]
    list_filter = ["kind", "org_type", "location", "region"]
    search_fields = ["name", "pseudonym"]
    list_select_related = ["region"]
    raw_id_fields = ["affiliation", "spun_off_from"]


@admin.register(Interview)
class InterviewAdmin(SimpleHistoryAdmin):
    list_display = ["title", "region", "wave", "date", "consent_status", "pseudonymised"]
    list_filter = ["consent_status", "pseudonymised", "mode", "region"]
    search_fields = ["title"]
    list_select_related = ["region", "wave"]
    raw_id_fields = ["interviewees", "interviewer"]
