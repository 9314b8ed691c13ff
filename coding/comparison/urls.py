"""Comparative views: regions side by side and over time, and the table's downloads."""

from __future__ import annotations

from django.urls import path

from coding.comparison import views as comparison

app_name = "comparison"

urlpatterns = [
    path("studies/<int:pk>/compare/", comparison.comparison_page, name="page"),
    path("studies/<int:pk>/compare/networks/", comparison.comparison_networks, name="networks"),
    path("studies/<int:pk>/compare/partition/", comparison.comparison_partition, name="partition"),
    path("studies/<int:pk>/compare/export/<slug:fmt>/", comparison.comparison_export, name="export"),
]
