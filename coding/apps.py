from __future__ import annotations

from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "coding"
    verbose_name = "Coding: schemes, codings, interactions"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the staleness receivers
