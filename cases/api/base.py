"""Shared machinery of the REST API: study-scoped querysets and role checks via cases.access."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import ValidationError

from cases.access import get_for_user, require_role
from cases.choices import Role
from cases.models import Study


class StudyRolePermission(permissions.BasePermission):
    """Authenticated users only; the row-level role check happens in ``get_object`` (404/403)."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)


class StudyScopedViewSet(viewsets.ModelViewSet):
    """A viewset over a study-scoped model: lists only the user's studies, writes need ``write_role``."""

    permission_classes: ClassVar = [StudyRolePermission]
    # Only numbers reach get_object: "/api/actors/abc/" is a 404, not a ValueError (500).
    lookup_value_regex = "[0-9]+"
    write_role: ClassVar[str] = Role.CODER
    # Attribute path from a new row to its study, used to check the role before saving.
    study_attr: ClassVar[str] = "region.study"

    def base_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        return self.base_queryset().for_user(self.request.user)

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

    def prepare(self, instance: Model) -> None:
        """Fill fields the client does not send (e.g. the coder) before validation."""

    def perform_create(self, serializer: serializers.ModelSerializer) -> None:
        self._save(serializer)

    def perform_update(self, serializer: serializers.ModelSerializer) -> None:
        self._save(serializer)

    def _save(self, serializer: serializers.ModelSerializer) -> None:
        data = dict(serializer.validated_data)
        many = {k: data.pop(k) for k in list(data) if isinstance(data[k], list)}
        instance = serializer.instance or serializer.Meta.model()
        for key, value in data.items():
            setattr(instance, key, value)
        self.prepare(instance)
        require_role(self.study_of(instance), self.request.user, self.write_role)
        with transaction.atomic():
            try:
                instance.full_clean()
            except DjangoValidationError as error:
                raise ValidationError(error.message_dict) from error
            instance.save()
            for key, values in many.items():
                getattr(instance, key).set(values)
        serializer.instance = instance


def scoped_field(model: type[Model], **kwargs: Any) -> serializers.PrimaryKeyRelatedField:
    """A foreign key field whose choices are limited to the requesting user's studies."""
    return ScopedRelatedField(queryset=model.objects.all(), **kwargs)


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self) -> QuerySet:
        request = self.context.get("request")
        queryset = super().get_queryset()
        if request is None:
            return queryset.none()
        return queryset.for_user(request.user)
