"""Load the demo study from ``demo_study.json`` through the study dump import, with its three users.

The file names its coders and interviewer by username; the users are created first, so the import
credits each coding to the coder who made it. The import checks the whole file (offsets, quotes,
references, choices, the models' rules) and writes nothing if anything is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from cases.choices import Role
from cases.models import Actor, Interview, Membership, Region, Study, Wave
from coding.exchange.dump import study_import
from coding.exchange.records import ImportErrors
from coding.memos.models import Memo
from coding.models import Coding, Interaction, Outcome

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DATA_FILE = Path(__file__).with_name("demo_study.json")
DEFAULT_PASSWORD = "demo-cluster-2026"  # noqa: S105 - documented public demo login
# The demo study is found by this title (idempotence, --reset): the file's study.title must be it.
STUDY_TITLE = "Microsystems and ICT clusters compared"

# username -> (role, first name, last name); "demo" is the lead (the importing user) and the login shown.
USERS: dict[str, tuple[str, str, str]] = {
    "demo": (Role.LEAD, "Demo", "Lead"),
    "coder": (Role.CODER, "Second", "Coder"),
    "viewer": (Role.VIEWER, "Read", "Only"),
}
LEAD_USERNAME = "demo"
SHOWN_PROBLEMS = 10


class DemoDataError(Exception):
    """The demo file cannot be loaded (unreadable, or refused by the dump import)."""


@dataclass(frozen=True)
class DemoSummary:
    study_id: int
    created: bool
    regions: int = 0
    waves: int = 0
    actors: int = 0
    interviews: int = 0
    codings: int = 0
    interactions: int = 0
    outcomes: int = 0


def find_demo_study() -> Study | None:
    return Study.objects.filter(title=STUDY_TITLE).first()


def delete_demo_study() -> bool:
    """Delete the demo study and everything in it (users and the shared scheme stay)."""
    study = find_demo_study()
    if study is None:
        return False
    with transaction.atomic():
        # Codings and interactions PROTECT their coder/wave, memos RESTRICT their targets: remove
        # the dependent rows first.
        Memo.objects.filter(study=study).delete()
        Interaction.objects.filter(region__study=study).delete()
        Outcome.objects.filter(region__study=study).delete()
        Coding.objects.filter(interview__region__study=study).delete()
        Interview.objects.filter(region__study=study).delete()
        study.delete()
    return True


# The lead's admin: the codebook and the study's records (the admin shows only their studies'
# rows: cases.admin.MembersOnlyAdmin, coding.admin.schemes_for); not studies, regions or accounts.
ADMIN_GROUP = "Demo leads (admin)"
ADMIN_MODELS = {"coding": ["codingscheme", "code", "coding", "interaction", "outcome"], "cases": ["actor", "interview"]}


def _admin_group() -> Group:
    group, _ = Group.objects.get_or_create(name=ADMIN_GROUP)
    wanted = Q()
    for app_label, models in ADMIN_MODELS.items():
        wanted |= Q(content_type__app_label=app_label, content_type__model__in=models)
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def _users(password: str) -> dict[str, User]:
    users: dict[str, User] = {}
    for username, (_role, first, last) in USERS.items():
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        user.set_password(password)
        user.is_staff = username == LEAD_USERNAME  # the lead opens the admin (codebook, imports)
        user.save()
        users[username] = user
    users[LEAD_USERNAME].groups.add(_admin_group())
    return users


def _import(lead: User) -> Study:
    try:
        data = DATA_FILE.read_bytes()
    except OSError as error:
        raise DemoDataError(f"Cannot read the demo data {DATA_FILE}: {error}") from error
    try:
        study = study_import(data=data, user=lead, filename=DATA_FILE.name)
    except ImportErrors as error:
        problems = [str(problem) for problem in error.problems]
        more = len(problems) - SHOWN_PROBLEMS
        shown = "\n".join(problems[:SHOWN_PROBLEMS] + ([f"... and {more} more"] if more > 0 else []))
        raise DemoDataError(f"The demo data was refused ({len(problems)} problem(s)):\n{shown}") from error
    if study.title != STUDY_TITLE:
        raise DemoDataError(f"The demo data's study title must be {STUDY_TITLE!r}, not {study.title!r}.")
    return study


def load_demo(*, password: str = DEFAULT_PASSWORD, reset: bool = False) -> DemoSummary:
    """Create the demo study with its users; a no-op (``created=False``) if it exists and not ``reset``.

    Everything happens in one transaction: a refused file leaves nothing behind, not even the users.
    """
    if not password:
        raise DemoDataError("The demo password must not be empty.")
    with transaction.atomic():
        existing = find_demo_study()
        if existing is not None and not reset:
            return DemoSummary(study_id=existing.pk, created=False)
        if existing is not None:
            delete_demo_study()
        users = _users(password)
        study = _import(users[LEAD_USERNAME])  # the import makes the importing user its lead
        for username, (role, _first, _last) in USERS.items():
            if username != LEAD_USERNAME:
                membership = Membership(study=study, user=users[username], role=role)
                membership.full_clean()
                membership.save()
        return DemoSummary(
            study_id=study.pk,
            created=True,
            regions=Region.objects.filter(study=study).count(),
            waves=Wave.objects.filter(region__study=study).count(),
            actors=Actor.objects.filter(region__study=study).count(),
            interviews=Interview.objects.filter(region__study=study).count(),
            codings=Coding.objects.filter(interview__region__study=study).count(),
            interactions=Interaction.objects.filter(region__study=study).count(),
            outcomes=Outcome.objects.filter(region__study=study).count(),
        )
