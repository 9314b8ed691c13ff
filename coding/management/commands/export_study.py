"""Write the JSON dump of a study to stdout (or a file), streamed: ``export_study 3 > study.json``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.models import Study
from coding.exchange.dump import DumpRefused, study_dump


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
        try:
            pieces = study_dump(study, pseudonymised=pseudonymised)
        except DumpRefused as error:
            raise CommandError(str(error)) from error
        if output:
            with open(output, "w", encoding="utf-8") as target:
                target.writelines(pieces)
            return
        for chunk in pieces:
            self.stdout.write(chunk, ending="")  # raw JSON text: no line ending added per piece
        self.stdout.write("")
