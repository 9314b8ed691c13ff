"""The quick checks of an import upload made in the request, for the API (the pages' forms make the same)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from cases.choices import Role
from coding.jobs.models import JobKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from cases.models import Region, Study


def size_problem(kind: JobKind, size: int) -> str:
    """Why a file of ``size`` bytes is refused at once, or ""."""
    limits = {
        JobKind.DUMP_IMPORT: settings.IMPORT_MAX_UPLOAD_BYTES,
        JobKind.QDPX_IMPORT: settings.QDPX_MAX_UPLOAD_BYTES,
        JobKind.CSV_IMPORT: settings.CSV_IMPORT_MAX_BYTES,
    }
    limit = limits[kind]
    if size <= limit:
        return ""
    sizes = {"size": number_format(size, force_grouping=True), "limit": number_format(limit, force_grouping=True)}
    return _("The file has %(size)s bytes; the limit is %(limit)s.") % sizes


def study_region(study: Study, region_id: int | None) -> Region | None:
    return study.regions.filter(pk=region_id).first() if region_id is not None else None


def study_coder(study: Study, user_id: int) -> User | None:
    """A lead or coder of ``study`` (who is credited with codings of unknown REFI-QDA users)."""
    members = get_user_model().objects.filter(memberships__study=study, memberships__role__in=[Role.LEAD, Role.CODER])
    return members.filter(pk=user_id).first()
