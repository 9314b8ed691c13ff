"""Error pages: JSON under /api/, the site's templates elsewhere.

An address under /api/ that matches no route (e.g. /api/actors/abc/) is answered like every other
API error, as JSON, so clients and the OpenAPI description (cluster_site/openapi.py) can rely on it.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
