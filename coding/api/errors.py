"""The API's answers to refusals raised below DRF: each becomes a JSON error, never a 500.

A delete of a row that other records still refer to is 409 naming them (as the schema promises,
cluster_site/openapi.py); a malformed query parameter (a yes/no flag, a network's layer or wave) is 400 naming it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import ProtectedError, RestrictedError
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler

from cases.query_flags import QueryParameterError
from cases.services import RecordInUse, in_use_message
from coding.api.base import Conflict


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RecordInUse):
        exc = Conflict(str(exc))
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Conflict(in_use_message("The record", exc))
    elif isinstance(exc, QueryParameterError):
        exc = exceptions.ValidationError({exc.name: [str(exc)]})
    return exception_handler(exc, context)
