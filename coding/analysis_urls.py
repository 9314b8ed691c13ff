"""Pages of the analysis results (issue 4)."""

from __future__ import annotations

app_name = "analysis"

urlpatterns: list = []
