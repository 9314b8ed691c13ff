"""Pages of the analysis results."""

from __future__ import annotations

from django.urls import path

from coding.quality.views import region_reciprocity
from coding.worker import views as analysis
from coding.worker.classification_docs import classification_docs
from coding.worker.evidence_views import region_evidence
from coding.worker.network_json import region_network

app_name = "analysis"

urlpatterns = [
    path("regions/<int:pk>/analysis/", analysis.region_analysis, name="region"),
    path("regions/<int:pk>/analysis/status/", analysis.region_analysis_status, name="region-status"),
    path("regions/<int:pk>/analysis/evidence/", region_evidence, name="region-evidence"),
    path("regions/<int:pk>/analysis/network/", region_network, name="region-network"),
    path("regions/<int:pk>/analysis/reciprocity/", region_reciprocity, name="region-reciprocity"),
    path("analysis/classifications/", classification_docs, name="classification-docs"),
]
