"""Create a new study from a JSON dump: ``import_study study.json --user alice`` (alice leads it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coding.exchange.dump import study_import
from coding.exchange.records import ImportErrors


class Command(BaseCommand):
    help = "Import a study from a JSON dump; checks the whole file first and writes nothing if anything is wrong."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="The dump file (made by export_study).")
        parser.add_argument("--user", required=True, help="Username of the lead of the new study.")

    def handle(self, *args: Any, path: str, user: str, **options: Any) -> None:
        lead = get_user_model().objects.filter(username=user).first()
        if lead is None:
            raise CommandError(f"No user {user!r}.")
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            study = study_import(data=data, user=lead, filename=Path(path).name)
        except ImportErrors as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Nothing imported: {len(error.problems)} problem(s).") from error
        self.stdout.write(f"Imported study {study.pk}: {study.title}")
