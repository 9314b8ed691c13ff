"""``manage.py seed_demo``: load the demo comparative study (see coding.demo)."""

from __future__ import annotations

import os
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from coding.demo.loader import DEFAULT_PASSWORD, DemoDataError, load_demo


class Command(BaseCommand):
    help = "Load the demo study (three regions, two waves each) with users demo, coder and viewer."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--password", help="Password of the demo users (default: $DEMO_PASSWORD or built-in).")
        parser.add_argument("--reset", action="store_true", help="Delete the demo study and load it again.")
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the app runs (for the login line).")

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"] or os.environ.get("DEMO_PASSWORD") or DEFAULT_PASSWORD
        try:
            summary = load_demo(password=password, reset=options["reset"])
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        login = f"Log in at {options['url']} as demo / {password}"
        if not summary.created:
            self.stdout.write(
                f"The demo study already exists (id {summary.study_id}); nothing changed. Use --reset to reload it."
            )
            demo = get_user_model().objects.filter(username="demo").first()
            # Every run of `make run` prints the login, as long as the password given still opens it.
            if demo is not None and demo.check_password(password):
                self.stdout.write(login)
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded demo study {summary.study_id}: {summary.regions} regions, {summary.waves} waves, "
                f"{summary.actors} actors, {summary.interviews} interviews, {summary.codings} codings, "
                f"{summary.interactions} interactions, {summary.outcomes} outcomes."
            )
        )
        self.stdout.write(login)
