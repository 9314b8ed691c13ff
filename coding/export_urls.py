"""Download routes of issue 6: the exports page of a study and files per study or region."""

from __future__ import annotations

from django.urls import path

from coding.views import dump, exports

app_name = "exports"

urlpatterns = [
    path("studies/<int:pk>/export/", exports.export_list, name="study-list"),
    path("studies/<int:pk>/export/dump.json", dump.study_dump_file, name="study-dump"),
    path("studies/import/", dump.study_dump_import, name="study-import"),
    path("studies/<int:pk>/export/<slug:fmt>/", exports.export_file, {"scope": "study"}, name="study-file"),
    path("regions/<int:pk>/export/<slug:fmt>/", exports.export_file, {"scope": "region"}, name="region-file"),
]
