"""Download routes of issue 6: the exports page of a study and files per study or region."""

from __future__ import annotations

from django.urls import path

from coding.views import dump, exports, qdpx, tables

app_name = "exports"
STUDY, REGION = {"scope": "study"}, {"scope": "region"}

urlpatterns = [
    path("studies/<int:pk>/export/", exports.export_list, name="study-list"),
    path("studies/<int:pk>/export/dump.json", dump.study_dump_file, name="study-dump"),
    path("studies/import/", dump.study_dump_import, name="study-import"),
    path("studies/<int:pk>/export/<slug:fmt>/", exports.export_file, {"scope": "study"}, name="study-file"),
    path("studies/<int:pk>/import/qdpx/", qdpx.qdpx_import_page, name="study-qdpx-import"),
    path("regions/<int:pk>/export/<slug:fmt>/", exports.export_file, {"scope": "region"}, name="region-file"),
    # Tables for statistics packages: <table>.<csv|xlsx>, ?pseudonymised=1 (coding/views/tables.py).
    path("studies/<int:pk>/tables/<slug:table>.<slug:extension>", tables.table_file, STUDY, name="study-table"),
    path("regions/<int:pk>/tables/<slug:table>.<slug:extension>", tables.table_file, REGION, name="region-table"),
]
