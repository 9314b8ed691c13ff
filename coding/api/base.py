"""Shared machinery of the REST API: study-scoped querysets and role checks via cases.access."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cases.access import get_for_user, require_role
from cases.choices import Role
from cases.concurrency import conflict_message, fetch_current, has_version, version_token
from cases.links import link_errors
from cases.models import Study

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from rest_framework.views import APIView

    class AuthenticatedRequest(Request):
        """The request of a view behind ``StudyRolePermission``: its user is signed in."""

        user: User


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record changed since it was loaded (If-Match does not match its ETag)."
    default_code = "precondition_failed"


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The record is still in use."
    default_code = "conflict"


def etag_of(instance: Model) -> str | None:
    """The row's version as an HTTP entity tag (the token the page forms lock with), if it has one."""
    token = version_token(instance)
    return f'"{token}"' if token else None


def if_match_allows(header: str, etag: str | None) -> bool:
    """RFC 9110 If-Match: ``*`` or any listed tag equal to the current one (weak prefixes ignored)."""
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag in tags


class StudyRolePermission(permissions.BasePermission):
    """Authenticated users only; the row-level role check happens in ``get_object`` (404/403)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return bool(request.user and request.user.is_authenticated)


class StudyScopedViewSet(viewsets.ModelViewSet):
    """A viewset over a study-scoped model: lists only the user's studies, writes need ``write_role``."""

    permission_classes = [StudyRolePermission]
    request: AuthenticatedRequest
    # Only numbers reach get_object: "/api/actors/abc/" is a 404, not a ValueError (500).
    lookup_value_regex = "[0-9]+"
    write_role: ClassVar[str] = Role.CODER
    # Attribute path from a new row to its study, used to check the role before saving.
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

    def study_of(self, instance: Model) -> Study:
        obj: Any = instance
        for part in filter(None, self.study_attr.split(".")):
            obj = getattr(obj, part)
        return obj

    def prepare(self, instance: Any) -> None:  # Any: a row of the subclass's model
        """Fill fields the client does not send (e.g. the coder) before validation."""

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
        self._save(cast("serializers.ModelSerializer[Any]", serializer))  # every viewset here has a ModelSerializer

    def perform_update(self, serializer: serializers.BaseSerializer) -> None:
        self._save(cast("serializers.ModelSerializer[Any]", serializer))

    def write(self, instance: Any) -> None:  # Any: a row of the subclass's model
        """Store the validated row (inside the transaction); models with their own write path override."""
        instance.save()

    def _save(self, serializer: serializers.ModelSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        many = {k: data.pop(k) for k in list(data) if isinstance(data[k], list)}
        # The stubs type Meta.model through the serializer's unbound generic parameter.
        instance = serializer.instance or serializer.Meta.model()  # type: ignore[misc]
        for key, value in data.items():
            setattr(instance, key, value)
        self.prepare(instance)
        require_role(self.study_of(instance), self.request.user, self.write_role)
        with transaction.atomic():
            self.refuse_stale_write(instance)
            try:
                instance.full_clean()
            except DjangoValidationError as error:
                raise ValidationError(error.message_dict) from error
            self.write(instance)
            for key, values in many.items():
                getattr(instance, key).set(values)
        serializer.instance = self.written = instance

    def refuse_stale_write(self, instance: Model) -> None:
        """412 if the client's If-Match is not the stored version; the row stays locked until commit."""
        header = self.request.headers.get("If-Match")
        if header is None or instance.pk is None:
            return  # no precondition asked for: the write is accepted (documented in the schema)
        current = fetch_current(instance, lock=True)
        if current is not None and not if_match_allows(header, etag_of(current)):
            raise PreconditionFailed(conflict_message(current))


class RegionScopedSerializer(serializers.ModelSerializer):
    """A row of one region: it stays in that region, and the rows it links to belong to it too.

    Pages never move a row to another region (that would leave the old region's analysis marked
    current and could tear evidence apart), so on update ``region`` may only repeat the stored one.
    ``region_links`` names the many-to-many fields checked by ``cases.links``.
    """

    region_links: ClassVar[tuple[str, ...]] = ()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        attrs = super().validate(attrs)
        if self.instance is not None and attrs.get("region", self.instance.region) != self.instance.region:
            raise ValidationError({"region": ["A record cannot be moved to another region."]})
        region = attrs.get("region") or getattr(self.instance, "region", None)
        if region is not None and (errors := link_errors(attrs, self.region_links, region)):
            raise ValidationError(errors)
        return attrs


def scoped_field(
    model: type[Model], *, queryset: QuerySet | None = None, **kwargs: Any
) -> serializers.PrimaryKeyRelatedField:
    """A foreign key field whose choices are limited to the requesting user's studies."""
    return ScopedRelatedField(queryset=model._default_manager.all() if queryset is None else queryset, **kwargs)


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet:
        request = self.context.get("request")
        queryset = super().get_queryset()
        assert queryset is not None  # scoped_field always gives one
        if request is None:
            return queryset.none()
        return queryset.for_user(request.user)  # type: ignore[attr-defined]  # of a study-scoped model
