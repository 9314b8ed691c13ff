"""``manage.py seed_demo``: load the demo comparative study (see cases.demo)."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.demo.loader import DEFAULT_PASSWORD, DemoDataError, load_demo


class Command(BaseCommand):
    help = "Load the demo study (three regions, two waves each) with users demo, coder and viewer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", help="Password of the demo users (default: $DEMO_PASSWORD or built-in).")
        parser.add_argument("--reset", action="store_true", help="Delete the demo study and load it again.")

    def handle(self, *args, **options) -> None:
        password = options["password"] or os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        try:
            summary = load_demo(password=password, reset=options["reset"])
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        if not summary.created:
            self.stdout.write(
                f"The demo study already exists (id {summary.study_id}); nothing changed. Use --reset to reload it."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded demo study {summary.study_id}: {summary.regions} regions, {summary.waves} waves, "
                f"{summary.actors} actors, {summary.interviews} interviews, {summary.codings} codings, "
                f"{summary.interactions} interactions, {summary.outcomes} outcomes."
            )
        )
        self.stdout.write(f"Log in at http://127.0.0.1:8000/ as demo / {password}")
