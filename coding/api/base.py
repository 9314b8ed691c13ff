"""Shared machinery of the REST API: study-scoped querysets, role checks via cases.access, and the
write path (If-Match, one transaction, model errors as 400) that viewsets fill with a service."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cases.access import get_for_user, require_role
from cases.choices import Role
from cases.concurrency import conflict_message, fetch_current, has_version, version_token
from cases.models import Study
from cases.services import record_delete, record_save
from coding.api.permissions import StudyRolePermission

__all__ = ["Conflict", "PreconditionFailed", "StudyRolePermission", "StudyScopedViewSet"]

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    class AuthenticatedRequest(Request):
        """The request of a view behind ``StudyRolePermission``: its user is signed in."""

        user: User


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record changed since it was loaded (If-Match does not match its ETag).")
    default_code = "precondition_failed"


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The record is still in use.")
    default_code = "conflict"


def etag_of(instance: Model) -> str | None:
    """The row's version as an HTTP entity tag (the token the page forms lock with), if it has one."""
    token = version_token(instance)
    return f'"{token}"' if token else None


def if_match_allows(header: str, etag: str | None) -> bool:
    """RFC 9110 If-Match: ``*`` or any listed tag equal to the current one (weak prefixes ignored)."""
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag in tags


def changes_nothing(instance: Model, values: Mapping[str, Any]) -> bool:
    """Whether writing these validated values (``PATCH {}``, or the values the row already has)
    would leave the row and its links as they are."""
    for field, value in values.items():
        if not hasattr(instance, field):  # a value the row does not hold itself (a region's variables)
            return False
        current = getattr(instance, field)
        if isinstance(value, list):  # a to-many link: compare the linked rows, in any order
            if set(current.all()) != set(value):
                return False
        elif current != value:
            return False
    return True


@contextmanager
def model_errors_as_400() -> Iterator[None]:
    """A row refused by ``full_clean()`` or a service is the client's mistake: 400 with the messages."""
    try:
        yield
    except DjangoValidationError as error:
        raise ValidationError(error.message_dict if hasattr(error, "error_dict") else error.messages) from error


class StudyScopedViewSet(viewsets.ModelViewSet):
    """A viewset over a study-scoped model: lists only the user's studies, writes need ``write_role``.

    Writes go through ``create_row`` and ``update_row``; a model with a service overrides them to
    call it, the others store the validated fields as they are.
    """

    permission_classes = [StudyRolePermission]
    request: AuthenticatedRequest
    # Only numbers reach get_object: "/api/actors/abc/" is a 404, not a ValueError (500).
    lookup_value_regex = "[0-9]+"
    write_role: ClassVar[str] = Role.CODER
    # Attribute path from a row (or the values of a new one) to its study, for the role check.
    study_attr: ClassVar[str] = "region.study"

    def base_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        # Every base_queryset() is of a study-scoped model, whose queryset has for_user().
        return self.base_queryset().for_user(self.request.user)  # type: ignore[attr-defined]

    def get_object(self) -> Model:
        min_role = Role.VIEWER if self.request.method in permissions.SAFE_METHODS else self.write_role
        obj = get_for_user(self.base_queryset(), self.request.user, min_role=min_role, pk=self.kwargs["pk"])
        self.check_object_permissions(self.request, obj)
        return obj

    def study_of(self, row: Model | Mapping[str, Any]) -> Study:
        found: Any = row
        for part in filter(None, self.study_attr.split(".")):
            found = found[part] if isinstance(found, Mapping) else getattr(found, part)
        return found

    @property
    def checks_if_match(self) -> bool:
        """Updates honour If-Match (optimistic locking) for models with a version (see the schema)."""
        return has_version(self.base_queryset().model)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        return self.with_etag(Response(self.get_serializer(instance).data), instance)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().update(request, *args, **kwargs)
        return self.with_etag(response, self.written)

    @staticmethod
    def with_etag(response: Response, instance: Model) -> Response:
        if etag := etag_of(instance):
            response["ETag"] = etag
        return response

    def perform_create(self, serializer: serializers.BaseSerializer) -> None:
        values = dict(serializer.validated_data)
        require_role(self.study_of(values), self.request.user, self.write_role)
        with model_errors_as_400(), transaction.atomic():
            serializer.instance = self.written = self.create_row(values)

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        instance = cast("Model", serializer.instance)  # the row get_object() found, which update() passed in
        require_role(self.study_of(instance), self.request.user, self.write_role)
        with model_errors_as_400(), transaction.atomic():
            self.refuse_stale_write(instance)
            values = dict(serializer.validated_data)
            if changes_nothing(instance, values):
                # No save: no new version (ETag, updated_at), no history row, no stale analysis.
                serializer.instance = self.written = instance
                return
            serializer.instance = self.written = self.update_row(instance, values)

    def create_row(self, values: dict[str, Any]) -> Model:
        """Save a new row from the validated values (inside the transaction)."""
        return self.store(self.base_queryset().model(), values)

    def update_row(self, instance: Any, values: dict[str, Any]) -> Model:  # Any: a row of the subclass's model
        """Save the changed row (inside the transaction, after the If-Match check)."""
        return self.store(instance, values)

    def store(self, instance: Model, values: dict[str, Any]) -> Model:
        """For the case records: set the fields, then write the row and its links."""
        links = {field: values.pop(field) for field in list(values) if isinstance(values[field], list)}
        for field, value in values.items():
            setattr(instance, field, value)

        def save_links() -> None:
            for field, rows in links.items():
                getattr(instance, field).set(rows)

        self.write(instance, save_links)
        return instance

    def write(self, instance: Any, save_links: Callable[[], None]) -> None:  # Any: a row of the subclass's model
        """The pages' write of a case record (checked, saved, then its links); the If-Match
        check has already run. Models with a write path of their own override this."""
        record_save(record=instance, save_related=save_links)

    def perform_destroy(self, instance: Any) -> None:  # Any: a row of the subclass's model
        record_delete(record=instance)

    def refuse_stale_write(self, instance: Model) -> None:
        """412 if the client's If-Match is not the stored version; the row stays locked until commit."""
        header = self.request.headers.get("If-Match")
        if header is None or instance.pk is None:
            return  # no precondition asked for: the write is accepted (documented in the schema)
        current = fetch_current(instance, lock=True)
        if current is not None and not if_match_allows(header, etag_of(current)):
            raise PreconditionFailed(conflict_message(current))
