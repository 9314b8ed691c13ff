"""Per-study access: the one place that decides what a user may see and do.

Rule (used by pages and API alike): a user who is not a member of an object's study gets 404,
so the object's existence is not revealed; a member whose role is too low gets 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from cases.choices import ROLE_IN_SENTENCE, ROLE_RANK, Role
from cases.models import Membership, Study
from cases.querysets import StudyScopedQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django.http import HttpRequest

    AnyUser = User | AnonymousUser

    class AuthenticatedHttpRequest(HttpRequest):
        """The request of a ``login_required`` view: its user is signed in."""

        user: User


M = TypeVar("M", bound=Model)


class OwnedRow(Protocol):
    """A coded row as ``get_for_user`` returns it: its coder and the user's role in its study."""

    @property
    def coder_id(self) -> int | None: ...

    @property
    def user_role(self) -> str | None: ...


def role_allows(role: str | None, min_role: str) -> bool:
    return role is not None and ROLE_RANK[Role(role)] >= ROLE_RANK[Role(min_role)]


def with_role(queryset: QuerySet[M], user: User, study_path: str) -> QuerySet[Any]:
    """Annotate ``user_role``: the user's role in each row's study (one query, no N+1)."""
    study_ref = "pk" if study_path == "" else study_path
    membership = Membership.objects.filter(study=OuterRef(study_ref), user=user).values("role")[:1]
    return queryset.annotate(user_role=Subquery(membership))


def role_needed(min_role: str) -> str:
    """The 403's reason: the role the action needs."""
    return _("This needs the role %(role)s or higher in the study.") % {"role": ROLE_IN_SENTENCE[Role(min_role)]}


def get_for_user(queryset: QuerySet[M], user: AnyUser, *, min_role: str = Role.VIEWER, **lookup: object) -> M:
    """Fetch one row the user may see: 404 outside their studies, 403 below ``min_role``."""
    if not user.is_authenticated:
        raise Http404
    scoped: QuerySet[Any]  # the rows get the ``user_role`` annotation, which no model declares
    if queryset.model is Study:
        scoped, study_path = Study.objects.for_user(user) & cast("QuerySet[Study]", queryset), ""
    else:
        assert isinstance(queryset, StudyScopedQuerySet), f"{queryset.model.__name__} is not study-scoped"
        scoped, study_path = queryset.for_user(user), queryset.study_path
    row = with_role(scoped, user, study_path).filter(**lookup).first()
    if row is None:
        raise Http404
    if not role_allows(row.user_role, min_role):
        raise PermissionDenied(role_needed(min_role))
    return row


def require_role(study: Study, user: AnyUser, min_role: str) -> str:
    """The user's role in ``study`` (404 if none, 403 if below ``min_role``)."""
    role = study.role_of(user)
    if role is None:
        raise Http404
    if not role_allows(role, min_role):
        raise PermissionDenied(role_needed(min_role))
    return role


def require_own_or_lead(row: OwnedRow, user: AnyUser) -> None:
    """Coders change their own rows (``coder``); leads anyone's. ``row`` comes from ``get_for_user``."""
    if row.coder_id != user.pk and not role_allows(row.user_role, Role.LEAD):
        raise PermissionDenied(_("Only the coder of this record or a lead may change it."))
