"""The re-layout of a region's network pictures."""

from __future__ import annotations

from django.urls import path

from coding.layout import views

app_name = "layout"

urlpatterns = [
    path("regions/<int:pk>/analysis/relayout/", views.region_relayout, name="relayout"),
]
