"""Write the JSON dump of a study to stdout (or a file), streamed: ``export_study 3 > study.json``."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.models import Study
from coding.dump_services import study_dump


class Command(BaseCommand):
    help = "Write the full JSON dump of a study (everything needed to recreate it elsewhere)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("study_id", type=int)
        parser.add_argument("--pseudonymised", action="store_true", help="Replace person names, also in transcripts.")
        parser.add_argument("--output", "-o", help="Write to this file instead of stdout.")

    def handle(
        self, *args: Any, study_id: int, pseudonymised: bool = False, output: str | None = None, **options: Any
    ) -> None:
        study = Study.objects.select_related("coding_scheme").filter(pk=study_id).first()
        if study is None:
            raise CommandError(f"No study with id {study_id}.")
        # Bypass self.stdout's line-ending handling: the pieces are raw JSON text.
        target = open(output, "w", encoding="utf-8") if output else None  # noqa: SIM115
        stream = target or getattr(self.stdout, "_out", sys.stdout)
        try:
            for chunk in study_dump(study, pseudonymised=pseudonymised):
                stream.write(chunk)
            stream.write("\n")
        finally:
            if target:
                target.close()
