"""Pages of the coding workbench (issue 3): coding view, interactions, retrieval, agreement."""

from __future__ import annotations

app_name = "coding"

urlpatterns: list = []
