"""The partition figures of the analysis page."""

from __future__ import annotations

from django.urls import path

from coding.partitions import views

app_name = "partitions"

urlpatterns = [
    path("regions/<int:pk>/analysis/partition/", views.region_partition, name="region"),
]
