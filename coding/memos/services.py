"""Writes of memos: create, change, delete. Pages, the API and the imports call these.

Each write checks the memo with ``full_clean()`` (one target at most, inside the memo's study,
a title and a text), so a refused write names the problem and writes nothing. Changes are
versions in the history, as for codings: a deleted memo is listed on the study's deleted records.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from cases.access import role_allows
from cases.choices import Role
from cases.concurrency import check_version
from coding.memos.models import TARGET_FIELDS, Memo

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.db.models import Model

    from cases.models import Study

EDITABLE = ("title", "text", *TARGET_FIELDS)


def require_author_or_lead(memo: Memo, user: User | AnonymousUser) -> None:
    """Coders change their own memos; leads anyone's. ``memo`` comes from ``get_for_user``."""
    if memo.author_id != user.pk and not role_allows(memo.user_role, Role.LEAD):
        raise PermissionDenied(_("Only the author of this memo or a lead may change it."))


@transaction.atomic
def memo_create(
    *, study: Study, author: User, title: str, text: str, targets: Mapping[str, Model | None] | None = None
) -> Memo:
    """A memo of ``study`` on at most one of ``targets`` (keys from ``TARGET_FIELDS``)."""
    memo = Memo(study=study, author=author, title=title, text=text)
    _set_targets(memo, targets or {})
    memo.full_clean()
    memo.save()
    return memo


@transaction.atomic
def memo_update(*, memo: Memo, values: Mapping[str, Any], loaded_version: str | None = None) -> Memo:
    """Change title, text or target; a memo changed since ``loaded_version`` is refused (EditConflict)."""
    check_version(memo, loaded_version, lock=True)
    for field, value in values.items():
        if field in TARGET_FIELDS:
            continue
        if field not in EDITABLE:
            raise ValueError(f"A memo's {field} cannot be changed.")
        setattr(memo, field, value)
    targets = {field: value for field, value in values.items() if field in TARGET_FIELDS}
    if targets:
        _set_targets(memo, targets, replace=True)
    memo.full_clean()
    memo.save()
    return memo


@transaction.atomic
def memo_delete(*, memo: Memo) -> None:
    """Delete the memo; its last version stays in the history, so a lead can bring it back."""
    memo.delete()


def _set_targets(memo: Memo, targets: Mapping[str, Model | None], *, replace: bool = False) -> None:
    unknown = set(targets) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"Not a memo target: {', '.join(sorted(unknown))}.")
    if replace and any(value is not None for value in targets.values()):
        for field in TARGET_FIELDS:  # a new target replaces the old one
            setattr(memo, field, None)
    for field, value in targets.items():
        setattr(memo, field, value)
