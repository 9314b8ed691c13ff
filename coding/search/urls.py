"""Pages of transcript search and auto-coding."""

from __future__ import annotations

from django.urls import path

from coding.search import views

app_name = "search"

urlpatterns = [
    path("studies/<int:pk>/search/", views.search, name="search"),
    path("studies/<int:pk>/search/autocode/", views.autocode, name="autocode"),
    path("studies/<int:pk>/search/autocode/<slug:token>/", views.autocode_run, name="autocode-run"),
]
