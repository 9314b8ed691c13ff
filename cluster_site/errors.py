"""Error pages: JSON under /api/, the site's templates elsewhere.

An address under /api/ that matches no route (e.g. /api/actors/abc/) is answered like every other
API error, as JSON, so clients and the OpenAPI description (cluster_site/openapi.py) can rely on it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views import defaults

from cases.query_flags import QueryParameterError


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def _reason(exception: Exception) -> str:
    """What the sender can fix: a malformed query parameter, a request over one of Django's limits."""
    if isinstance(exception, QueryParameterError):
        return str(exception)
    if isinstance(exception, RequestDataTooBig):
        size = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return _("The request body is larger than the limit of %(size)s (DATA_UPLOAD_MAX_MEMORY_SIZE).") % {
            "size": size
        }
    if isinstance(exception, TooManyFieldsSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        return _("The request has more than %(limit)s fields (DATA_UPLOAD_MAX_NUMBER_FIELDS).") % {"limit": limit}
    if isinstance(exception, TooManyFilesSent):
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return _("The request has more than %(limit)s files (DATA_UPLOAD_MAX_NUMBER_FILES).") % {"limit": limit}
    return ""


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 naming the mistake when it is one the sender can fix (``_reason``); any other bad
    request (e.g. a suspicious header) keeps Django's wordless page."""
    reason = _reason(exception)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": reason or _("Bad request.")}, status=400)
    return render(request, "400.html", {"reason": reason}, status=400)
