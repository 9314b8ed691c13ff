"""Who may use the REST API, and who may change what.

The rules are those of the pages (``cases.access``): a row outside the user's studies does not
exist for them (404), and a role below the one needed to change it is refused (403).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework import permissions

from cases.access import require_own_or_lead
from coding.memos.services import require_author_or_lead

if TYPE_CHECKING:
    from rest_framework.request import Request

    from cases.access import OwnedRow
    from coding.memos.models import Memo


class StudyRolePermission(permissions.BasePermission):
    """Signed-in users only. Reading a row needs any membership of its study (viewer); changing it
    needs the viewset's ``write_role`` (coder, or lead for studies, regions and waves). The role is
    checked per row in ``StudyScopedViewSet.get_object`` and, for a new row, on its study before saving.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated)


class OwnOrLeadToChange(permissions.BasePermission):
    """Anyone who may read a row reads it; only its coder or a lead of its study changes or deletes it
    (as on the coding workbench). Refusal is a 403 naming the rule."""

    def has_object_permission(self, request: Request, view: Any, obj: OwnedRow) -> bool:
        if request.method not in permissions.SAFE_METHODS:
            require_own_or_lead(obj, request.user)
        return True


class AuthorOrLeadToChange(permissions.BasePermission):
    """Members read a memo; only its author or a lead of its study changes or deletes it (403)."""

    def has_object_permission(self, request: Request, view: Any, obj: Memo) -> bool:
        if request.method not in permissions.SAFE_METHODS:
            require_author_or_lead(obj, request.user)
        return True
