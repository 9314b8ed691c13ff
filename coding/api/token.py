"""The token endpoint: DRF's, answering a locked-out login with 429 and when to try again.

DRF's own view would say "Unable to log in with provided credentials." to a locked-out user with
the right password (the backend refuses without checking it), so they could not tell a lockout
from a typo. The backend still refuses a locked attempt whatever this view does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework import status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response

from cluster_site.login_throttle import lockout_message, lockout_seconds


class ThrottledObtainAuthToken(ObtainAuthToken):
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = request.data if isinstance(request.data, Mapping) else {}
        username = data.get("username")
        if isinstance(username, str):
            seconds = lockout_seconds(request._request, username)
            if seconds:
                return Response(
                    {"detail": lockout_message(seconds)},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                    headers={"Retry-After": str(seconds)},
                )
        return super().post(request, *args, **kwargs)
