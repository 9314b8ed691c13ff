from __future__ import annotations

from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Cases: studies, regions, actors, interviews"

    def ready(self) -> None:
        from cases.language import signals  # noqa: F401  # copies the chosen language at login
