"""Download routes of issue 6: the exports page of a study and files per study or region."""

from __future__ import annotations

from django.urls import path

from coding.views import exports, qdpx

app_name = "exports"

urlpatterns = [
    path("studies/<int:pk>/export/", exports.export_list, name="study-list"),
    path("studies/<int:pk>/export/<slug:fmt>/", exports.export_file, {"scope": "study"}, name="study-file"),
    path("studies/<int:pk>/import/qdpx/", qdpx.qdpx_import_page, name="study-qdpx-import"),
    path("regions/<int:pk>/export/<slug:fmt>/", exports.export_file, {"scope": "region"}, name="region-file"),
]
