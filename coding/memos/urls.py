"""Memo pages."""

from __future__ import annotations

from django.urls import path

from coding.memos import views

app_name = "memos"

urlpatterns = [
    path("studies/<int:pk>/memos/new/", views.memo_create, name="create"),
    path("studies/<int:pk>/memos/on/<slug:kind>/<int:target_id>/", views.memos_on, name="on"),
    path("memos/<int:pk>/edit/", views.memo_edit, name="edit"),
    path("memos/<int:pk>/delete/", views.memo_delete, name="delete"),
]
