"""History pages: the versions of an actor, interview, coding or interaction, and restoring one;
a study's deleted ties, codings and actors, and bringing one back (leads)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.models import Actor, Interview, Study
from coding.history import selectors, services
from coding.memos.models import Memo
from coding.models import Coding, Interaction

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest
    from cases.models import Region
    from coding.history.selectors import Tracked

# URL kind -> (model, select_related path to the study, the region of a row)
TRACKED: dict[str, tuple[type[Tracked], str]] = {
    "actor": (Actor, "region__study"),
    "interview": (Interview, "region__study"),
    "coding": (Coding, "interview__region__study"),
    "interaction": (Interaction, "region__study"),
    "memo": (Memo, "study"),
}

DELETED_PAGE_SIZE = 50


def _tracked(request: HttpRequest, kind: str, pk: int, min_role: str) -> Tracked:
    if kind not in TRACKED:
        raise Http404
    model, path = TRACKED[kind]
    return cast("Tracked", get_for_user(model.objects.select_related(path), request.user, min_role=min_role, pk=pk))


def _study_and_region(instance: Tracked) -> tuple[Study, Region | None]:
    if isinstance(instance, Memo):
        return instance.study, None
    region = instance.interview.region if isinstance(instance, Coding) else instance.region
    return region.study, region


@login_required
def object_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    instance = _tracked(request, kind, pk, Role.CODER)
    study, region = _study_and_region(instance)
    context = {
        "object": instance,
        "kind": kind,
        "versions": selectors.versions(instance),
        "study": study,
        "region": region,
        "can_restore": role_allows(instance.user_role, Role.LEAD),
    }
    return render(request, "cases/history.html", context)


@login_required
@require_POST
def restore_version(request: AuthenticatedHttpRequest, kind: str, pk: int, history_id: int) -> HttpResponse:
    instance = _tracked(request, kind, pk, Role.LEAD)
    try:
        services.restore(instance=instance, history_id=history_id, user=request.user)
    except ValidationError as error:
        messages.error(request, _("Not restored: %(reasons)s") % {"reasons": " ".join(error.messages)})
    else:
        messages.success(request, _("The earlier version was restored; the restore is itself a new version."))
    return redirect("history:object", kind=kind, pk=pk)


@login_required
def deleted_records(request: HttpRequest, pk: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.LEAD, pk=pk)
    page = Paginator(selectors.deleted_records(study), DELETED_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"study": study, "page": page, "records": selectors.describe_deleted(page.object_list)}
    return render(request, "cases/deleted.html", context)


@login_required
@require_POST
def restore_deleted(request: AuthenticatedHttpRequest, pk: int, kind: str, record_id: int) -> HttpResponse:
    study = get_for_user(Study.objects.all(), request.user, min_role=Role.LEAD, pk=pk)
    try:
        undeleted = services.restore_deleted(study=study, kind=kind, record_id=record_id, user=request.user)
    except ValidationError as error:
        messages.error(request, _("Not restored: %(reasons)s") % {"reasons": " ".join(error.messages)})
        return redirect("history:deleted", pk=study.pk)
    notes = []
    if undeleted.moved:
        notes.append(_("its quote had moved in the transcript, and the coding moved with it"))
    if undeleted.lost_evidence:
        ids = ", ".join(str(coding_id) for coding_id in undeleted.lost_evidence)
        notes.append(_("evidence codings deleted since could not be linked again (%(ids)s)") % {"ids": ids})
    restored = {"kind": selectors.kind_noun(kind), "record": undeleted.record, "notes": "; ".join(notes)}
    if notes:
        messages.success(request, _("Restored the %(kind)s “%(record)s” (%(notes)s).") % restored)
    else:
        messages.success(request, _("Restored the %(kind)s “%(record)s”.") % restored)
    return redirect("history:deleted", pk=study.pk)
