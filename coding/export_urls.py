"""Download routes of issue 6: the exports page of a study and files per study or region."""

from __future__ import annotations

from django.urls import path

from coding.views import exports

app_name = "exports"

urlpatterns = [
    path("studies/<int:pk>/export/", exports.export_list, name="study-list"),
    path("studies/<int:pk>/export/<slug:fmt>/", exports.export_file, {"scope": "study"}, name="study-file"),
    path("regions/<int:pk>/export/<slug:fmt>/", exports.export_file, {"scope": "region"}, name="region-file"),
]
