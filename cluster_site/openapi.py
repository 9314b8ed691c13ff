"""OpenAPI post-processing: document the error answers every operation can give (issue 6).

drf-spectacular lists only the success response; clients (and the schemathesis test) should also
know that a bad filter or body is a 400, a missing login 401/403, an object outside the user's
studies 404 (cases/access.py), each with a JSON body.
"""

from __future__ import annotations

from typing import Any

ERROR_BODY = {
    "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}},
}
ERRORS = {
    "400": "Invalid filter, body or page",
    "401": "Not logged in (token authentication)",
    "403": "Not logged in (session), or the role in the study is too low",
    "404": "No such object, or not in one of the user's studies",
}


def document_errors(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                responses.setdefault(status, {"description": description, **ERROR_BODY})
    return result
