"""Reads the export pages and the API share: the study or region a download is about."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from cases.access import get_for_user
from cases.models import Region, Study

if TYPE_CHECKING:
    from cases.access import AnyUser


def export_owner(user: AnyUser, *, scope: Literal["study", "region"], pk: int | str) -> Study | Region:
    """The study or region ``pk`` if ``user`` may read it; Http404 otherwise (cases.access)."""
    if scope == "study":
        return get_for_user(Study.objects.all(), user, pk=pk)
    return get_for_user(Region.objects.select_related("study"), user, pk=pk)
