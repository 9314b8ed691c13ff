from __future__ import annotations

from django.urls import path
from django.views.generic import RedirectView

from cases import views

app_name = "cases"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:study-list"), name="home"),
    path("studies/", views.study_list, name="study-list"),
    path("studies/new/", views.study_create, name="study-create"),
    path("studies/<int:pk>/", views.study_detail, name="study-detail"),
    path("studies/<int:pk>/settings/", views.study_settings, name="study-settings"),
    path("studies/<int:pk>/members/add/", views.member_add, name="member-add"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("members/<int:pk>/remove/", views.member_remove, name="member-remove"),
    path("studies/<int:pk>/regions/new/", views.region_create, name="region-create"),
    path("regions/<int:pk>/", views.region_detail, name="region-detail"),
    path("regions/<int:pk>/edit/", views.region_edit, name="region-edit"),
    path("regions/<int:pk>/delete/", views.region_delete, name="region-delete"),
    path("regions/<int:pk>/waves/new/", views.wave_create, name="wave-create"),
    path("waves/<int:pk>/edit/", views.wave_edit, name="wave-edit"),
    path("waves/<int:pk>/delete/", views.wave_delete, name="wave-delete"),
    path("regions/<int:pk>/actors/", views.actor_list, name="actor-list"),
    path("regions/<int:pk>/actors/new/", views.actor_create, name="actor-create"),
    path("actors/<int:pk>/", views.actor_detail, name="actor-detail"),
    path("actors/<int:pk>/edit/", views.actor_edit, name="actor-edit"),
    path("actors/<int:pk>/delete/", views.actor_delete, name="actor-delete"),
]
