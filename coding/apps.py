from __future__ import annotations

from django.apps import AppConfig


class CodingConfig(AppConfig):
    name = "coding"
    verbose_name = "Coding: schemes, codings, interactions"

    def ready(self) -> None:
        from cases.models import Study
        from coding.analysis.thresholds import AnalysisSettings
        from coding.qca import staleness as qca_staleness  # noqa: F401 - marks saved QCA models stale
        from coding.worker import staleness  # noqa: F401 - connects the staleness receivers

        # Study.clean() checks analysis_settings with what the analysis registers here.
        if AnalysisSettings.from_overrides not in Study.analysis_settings_checks:
            Study.analysis_settings_checks.append(AnalysisSettings.from_overrides)
