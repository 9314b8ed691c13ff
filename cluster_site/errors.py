"""Error pages: JSON under /api/, the site's templates elsewhere.

An address under /api/ that matches no route (e.g. /api/actors/abc/) is answered like every other
API error, as JSON, so clients and the OpenAPI description (cluster_site/openapi.py) can rely on it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults

from cases.query_flags import QueryFlagError


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400 naming the mistake when it is one of ours to explain (a malformed yes/no parameter);
    any other bad request (e.g. a suspicious header) keeps Django's wordless page."""
    reason = str(exception) if isinstance(exception, QueryFlagError) else ""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": reason or "Bad request."}, status=400)
    return render(request, "400.html", {"reason": reason}, status=400)
