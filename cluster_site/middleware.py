"""Responses to a signed-in user are kept out of every cache: ``Cache-Control: private, no-store``.

Pages, downloads and API answers behind a login carry study data (names, transcripts, ties):
neither a shared proxy nor the browser's disk cache may keep them after the user has logged out
on a shared computer. A response that already says how to cache it (the login and admin pages'
``never_cache``) keeps its own header. Static files never get here: WhiteNoise answers them
before this middleware runs, with their long-lived caching intact. ETags stay as they are, so
If-Match on the API works unchanged (no-store forbids keeping a copy, not validating one).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


class PrivateNoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # Read after the view: DRF sets request.user to the user its token authentication found.
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
