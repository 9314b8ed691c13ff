"""A lead's change of a code from the workbench: rename, recolour, move in the tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from cases.access import get_for_user
from cases.choices import Role
from cases.models import Study
from coding.codebook import services as codebook
from coding.models import Code
from coding.workbench.forms import CodeEditForm
from coding.workbench.views.coding import add_errors

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest


def _back(request: AuthenticatedHttpRequest, study: Study) -> str:
    """Where the edit was opened from (a page of this site), else the study."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse("cases:study-detail", args=[study.pk])


@login_required
def code_edit(request: AuthenticatedHttpRequest, study_pk: int, pk: int) -> HttpResponse:
    """Leads of the study; the code must be in the scheme version the study pins (404 otherwise)."""
    study = get_for_user(Study.objects.select_related("coding_scheme"), request.user, min_role=Role.LEAD, pk=study_pk)
    code = Code.objects.select_related("parent").filter(scheme_id=study.coding_scheme_id, pk=pk).first()
    if code is None:
        raise Http404
    form = CodeEditForm(request.POST or None, code=code)
    if request.method == "POST" and form.is_valid():
        try:
            saved = codebook.code_update(code=code, study=study, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Saved the code “%(name)s”.") % {"name": saved.name})
            return redirect(_back(request, study))
    former = [name for name in dict.fromkeys(code.history.values_list("name", flat=True)) if name != code.name]
    context = {"study": study, "code": code, "form": form, "former_names": former, "next": _back(request, study)}
    return render(request, "coding/code_edit.html", context, status=400 if form.errors else 200)
