"""REST API routes (issue 6): routers of cases.api and coding.api, OpenAPI schema and docs."""

from __future__ import annotations

app_name = "api"

urlpatterns: list = []
