"""OpenAPI post-processing: document the error answers every operation can give.

drf-spectacular lists only the success response; clients (and the schemathesis test) should also
know that a bad filter or body is a 400, a missing login 401/403, an object outside the user's
studies 404 (cases/access.py), each with a JSON body; a body in a media type the operation does not
take 415, a delete of a row still in use 409, and an update whose If-Match is stale 412 (optimistic
locking, documented as a header by ApiSchema).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "Optimistic locking: the ETag of the copy the change is based on (sent by GET of the detail). "
        "If the record changed since, the answer is 412 and nothing is written. Without this header "
        "the write is accepted (last write wins)."
    ),
)


class ApiSchema(AutoSchema):
    """Documents the If-Match header on updates of records that carry a version (cases.concurrency)."""

    def get_override_parameters(self) -> list:
        parameters = super().get_override_parameters()
        if self.method in ("PUT", "PATCH") and getattr(self.view, "checks_if_match", False):
            return [*parameters, IF_MATCH]
        return parameters


ERROR_BODY = {
    "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}},
}
ERRORS = {
    "400": "Invalid filter, body or page",
    "401": "Not logged in (token authentication)",
    "403": "Not logged in (session), or the role in the study is too low",
    "404": "No such object, or not in one of the user's studies",
}
UNSUPPORTED_MEDIA_TYPE = "The body's Content-Type is none of the documented ones (or missing)"
DELETE_CONFLICT = "Still in use (e.g. a coding that is evidence of an interaction)"
STALE_WRITE = "If-Match does not match the record's current ETag: it changed since it was loaded"


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            errors = dict(ERRORS)
            if "requestBody" in operation:
                errors["415"] = UNSUPPORTED_MEDIA_TYPE
            if method == "delete":
                errors["409"] = DELETE_CONFLICT
            if any(parameter.get("name") == "If-Match" for parameter in operation.get("parameters", [])):
                errors["412"] = STALE_WRITE
            for status, description in errors.items():
                responses.setdefault(status, {"description": description, **ERROR_BODY})
    return result
