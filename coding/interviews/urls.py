"""Pages of a region's interviews and their transcripts."""

from __future__ import annotations

from django.urls import path

from coding.interviews import views

app_name = "interviews"

urlpatterns = [
    path("regions/<int:pk>/interviews/", views.interview_list, name="list"),
    path("regions/<int:pk>/interviews/new/", views.interview_create, name="create"),
    path("interviews/<int:pk>/", views.interview_detail, name="detail"),
    path("interviews/<int:pk>/edit/", views.interview_edit, name="edit"),
    path("interviews/<int:pk>/delete/", views.interview_delete, name="delete"),
]
