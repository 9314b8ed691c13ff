"""Routes of import jobs: the page of one job and the status it polls."""

from __future__ import annotations

from django.urls import path

from coding.jobs import views

app_name = "jobs"
STUDY, REGION = {"scope": "study"}, {"scope": "region"}

urlpatterns = [
    path("jobs/<int:pk>/", views.job_page, name="detail"),
    path("jobs/<int:pk>/status/", views.job_status, name="status"),
    path("jobs/<int:pk>/download/", views.job_download, name="download"),
    path("studies/<int:pk>/export/qdpx/job/", views.qdpx_export_job, name="qdpx-export"),
    # A statistics table's .xlsx as a job: <table>, ?pseudonymised=1 (the direct download: exports:*-table).
    path("studies/<int:pk>/tables/<slug:table>.xlsx/job/", views.table_export_job, STUDY, name="study-table-export"),
    path("regions/<int:pk>/tables/<slug:table>.xlsx/job/", views.table_export_job, REGION, name="region-table-export"),
]
