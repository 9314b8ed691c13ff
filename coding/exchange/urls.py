"""Download and import routes: the exports page of a study and files per study or region."""

from __future__ import annotations

from django.urls import path

from coding.exchange import views as exports
from coding.exchange.csv_import import views as csv_import
from coding.exchange.dump import views as dump
from coding.exchange.refi import views as qdpx
from coding.exchange.tables import views as tables

app_name = "exports"
STUDY, REGION = {"scope": "study"}, {"scope": "region"}

urlpatterns = [
    path("studies/<int:pk>/export/", exports.export_list, name="study-list"),
    path("studies/<int:pk>/export/dump.json", dump.study_dump_file, name="study-dump"),
    path("studies/import/", dump.study_dump_import, name="study-import"),
    path("studies/<int:pk>/export/<slug:fmt>/", exports.export_file, {"scope": "study"}, name="study-file"),
    path("studies/<int:pk>/import/qdpx/", qdpx.qdpx_import_page, name="study-qdpx-import"),
    path("regions/<int:pk>/export/<slug:fmt>/", exports.export_file, {"scope": "region"}, name="region-file"),
    # Tables for statistics packages: <table>.<csv|xlsx>, ?pseudonymised=1 (coding/exchange/tables/views.py).
    path("studies/<int:pk>/tables/<slug:table>.<slug:extension>", tables.table_file, STUDY, name="study-table"),
    path("regions/<int:pk>/tables/<slug:table>.<slug:extension>", tables.table_file, REGION, name="region-table"),
    path("regions/<int:pk>/import/csv/", csv_import.csv_upload, name="csv-import"),
    path("regions/<int:pk>/import/csv/map/", csv_import.csv_map, name="csv-import-map"),
]
