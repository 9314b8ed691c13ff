"""The re-layout button of the analysis page: ``POST /regions/<id>/analysis/relayout/``.

Leads and coders may ask (viewers get 403, others 404); the answer is a redirect back to the
analysis page with a message saying whether the worker is on it or it is done.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.models import Region
from coding.layout.services import DONE, QUEUED, WAITING, relayout_request

ANSWERS = {
    QUEUED: _("The network is being laid out anew; the pictures show the new positions in a moment."),
    DONE: _("The network was laid out anew."),
    WAITING: _("The worker cannot be reached and the region is too large to lay out now; please try again later."),
}


@login_required
@require_POST
def region_relayout(request: HttpRequest, pk: int) -> HttpResponse:
    region = get_for_user(Region.objects.all(), request.user, min_role=Role.CODER, pk=pk)
    answer = relayout_request(region=region)
    (messages.warning if answer == WAITING else messages.success)(request, str(ANSWERS[answer]))
    return redirect("analysis:region", pk=region.pk)


def relayout_button(region: Region) -> dict[str, object]:
    """Context of the button: its address for leads and coders, nothing for viewers (``region``
    comes from ``get_for_user``, which annotates the user's role)."""
    if not role_allows(getattr(region, "user_role", None), Role.CODER):
        return {"relayout_url": None}
    return {"relayout_url": reverse("layout:relayout", args=[region.pk])}
