"""Writes of the case records: studies, their members, regions, waves and actors.

Pages build the record from a validated form (``form.save(commit=False)``) and hand it here;
each write runs in one transaction and validates the row again (``full_clean()``), so a caller
without a form is held to the same rules. Rules that span rows (a study always has a lead, an
edit must not overwrite a change made since the editor opened the record) live here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.choices import Role
from cases.concurrency import check_version
from cases.models import Membership, Study
from cases.selectors import is_last_lead

if TYPE_CHECKING:
    from django.contrib.auth.models import User

M = TypeVar("M", bound=Model)

LAST_LEAD = gettext_lazy("The study needs at least one lead: make someone else lead first.")
LAST_LEAD_REMOVAL = gettext_lazy("The last lead cannot be removed: make someone else lead first.")


@transaction.atomic
def record_save(*, record: M, loaded_version: str | None = None, save_related: Callable[[], None] | None = None) -> M:
    """Create or update one case record (region, wave, actor, ...) built by its form.

    ``loaded_version``: the version the editor opened (``cases.concurrency``); the row is locked
    and compared before writing, so a change made meanwhile is refused with ``EditConflict``.
    ``save_related``: writes that need the saved row, such as a form's many-to-many fields.
    """
    check_version(record, loaded_version, lock=True)
    record.full_clean()
    _save_unless_twin_saved_meanwhile(record)
    if save_related is not None:
        save_related()
    return record


SAVED_MEANWHILE = gettext_lazy(
    "This conflicts with a record saved a moment ago (is the name already used?): nothing was saved."
)


def _save_unless_twin_saved_meanwhile(record: Model) -> None:
    """``full_clean()`` saw no twin, but one committed since (two saves at once): the database's
    unique constraint refuses this one, and the caller gets a ``ValidationError``, not a 500."""
    try:
        with transaction.atomic():  # a savepoint: the outer transaction stays usable
            record.save()
    except IntegrityError as error:
        if not _is_unique_violation(error):
            raise  # another refusal of the database is not a twin: the caller's handling stands
        raise ValidationError({NON_FIELD_ERRORS: SAVED_MEANWHILE}) from error


def _is_unique_violation(error: IntegrityError) -> bool:
    """PostgreSQL's SQLSTATE 23505 (psycopg), or SQLite's message (the embedded default)."""
    return getattr(error.__cause__, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(error)


class RecordInUse(Exception):
    """A delete refused because other records still refer to the row; the message names them."""


def in_use_message(label: str, error: ProtectedError | RestrictedError) -> str:
    """“Dortmund” is still referred to by 3 interviews, 12 interactions: nothing was deleted."""
    blocking = error.protected_objects if isinstance(error, ProtectedError) else error.restricted_objects
    counts = Counter(type(row) for row in blocking)
    kinds = [
        f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
        for model, count in sorted(counts.items(), key=lambda item: str(item[0]._meta.verbose_name))
    ]
    records = ", ".join(kinds) or _("other records")
    return _("“%(label)s” is still referred to by %(records)s: nothing was deleted.") % {
        "label": label,
        "records": records,
    }


@transaction.atomic
def record_delete(*, record: Model) -> None:
    """Delete one case record; ``RecordInUse`` naming the records that still refer to it."""
    label = str(record)
    try:
        record.delete()
    except (ProtectedError, RestrictedError) as error:
        raise RecordInUse(in_use_message(label, error)) from error


@transaction.atomic
def study_create(*, title: str, research_question: str = "", description: str = "", lead: User) -> Study:
    """A new study led by ``lead``, so that it has a lead from its first moment."""
    study = Study(title=title, research_question=research_question, description=description)
    study.full_clean()
    study.save()
    member_add(study=study, user=lead, role=Role.LEAD)
    return study


@transaction.atomic
def study_update_settings(*, study: Study, loaded_version: str | None = None) -> Study:
    """Save the study's title, texts, coding scheme and analysis settings as set on ``study``."""
    return record_save(record=study, loaded_version=loaded_version)


@transaction.atomic
def member_add(*, study: Study, user: User, role: str) -> Membership:
    """``ValidationError`` if the user is a member already."""
    membership = Membership(study=study, user=user, role=role)
    membership.full_clean()
    try:
        with transaction.atomic():  # a savepoint: the same user added meanwhile is a message, not a 500
            membership.save()
    except IntegrityError as error:
        if not _is_unique_violation(error):
            raise
        added = _("%(user)s was just added to this study by someone else.") % {"user": user.get_username()}
        raise ValidationError({"user": added}) from error
    return membership


@transaction.atomic
def member_change_role(*, membership: Membership, role: str) -> Membership:
    """``ValidationError`` if this would leave the study without a lead."""
    _lock_leads(membership.study_id)
    stored = Membership.objects.get(pk=membership.pk)
    if role != Role.LEAD and is_last_lead(stored):
        raise ValidationError({"role": LAST_LEAD})
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def member_remove(*, membership: Membership) -> None:
    """``ValidationError`` if this is the study's last lead. The member's codings and ties stay."""
    _lock_leads(membership.study_id)
    if is_last_lead(Membership.objects.get(pk=membership.pk)):
        raise ValidationError(LAST_LEAD_REMOVAL)
    membership.delete()


def _lock_leads(study_id: int) -> None:
    """Lock the study's lead rows: two leads demoting each other at once could otherwise leave none."""
    list(Membership.objects.select_for_update().filter(study_id=study_id, role=Role.LEAD).order_by("pk"))
