"""OpenAPI post-processing: the error answers every operation can give, and the links between them.

drf-spectacular lists only the success response; clients (and the schemathesis test) should also
know that a bad filter or body is a 400, a missing login 401/403, an object outside the user's
studies 404 (cases/access.py), each with a JSON body; a body in a media type the operation does not
take 415, a delete of a row still in use 409, and an update whose If-Match is stale 412 (optimistic
locking, documented as a header by ApiSchema).

Nor does it say which request an answer leads to. ``document_links`` adds OpenAPI links from the
answers that carry a record: to the record's own operations (with its ETag as If-Match), to the
records its fields name and to those that name it, and to new records under it. The schemathesis
test's state machine follows them (tests/api/test_api_schemathesis.py).
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


# --- Links ------------------------------------------------------------------------------------
# Which field of a record names which other record: collection -> {field: collection it points to}.
# Each pair gives three links from the retrieve answers: from the record to the one its field names,
# from that one to the list of records whose field names it, and (``OWNERS``) to a new such record.
REFERENCES: dict[str, dict[str, str]] = {
    "regions": {"study": "studies"},
    "memberships": {"study": "studies"},
    "waves": {"region": "regions"},
    "actors": {"region": "regions"},
    "interviews": {"region": "regions", "wave": "waves"},
    "codings": {"interview": "interviews", "code": "codes"},
    "interactions": {"region": "regions", "wave": "waves", "source": "actors", "target": "actors"},
    "outcomes": {"region": "regions"},
    "snapshots": {"region": "regions", "wave": "waves"},
    "codes": {"parent": "codes"},
    "variables": {"study": "studies"},
    "variable-values": {"variable": "variables"},
}
# The record a new one is created under, through the owner's retrieve answer.
OWNERS = {
    "waves": "region",
    "actors": "region",
    "interviews": "region",
    "interactions": "region",
    "outcomes": "region",
    "codings": "interview",
}
# After an answer that carries a whole record, what a client goes on with on the same record: read it
# after creating or changing it, change it after creating or reading it, delete it once read.
FOLLOW_UPS = {
    "create": ("retrieve", "update", "partial_update"),
    "retrieve": ("update", "partial_update", "destroy"),
    "update": ("retrieve",),
    "partial_update": ("retrieve",),
}
ACTIONS = {
    ("list", "get"): "list",
    ("list", "post"): "create",
    ("detail", "get"): "retrieve",
    ("detail", "put"): "update",
    ("detail", "patch"): "partial_update",
    ("detail", "delete"): "destroy",
}
SUCCESS = {"create": "201", "retrieve": "200", "update": "200", "partial_update": "200"}
DOWNLOADS = ("tables", "exports")
THIS_ID = "$response.body#/id"
Operations = dict[tuple[str, str], dict[str, Any]]


def document_links(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    operations = _operations(result.get("paths", {}))
    for collection in sorted({collection for collection, _ in operations}):
        _link_same_record(operations, collection)
    for child, fields in REFERENCES.items():
        for field, parent in fields.items():
            _link_references(operations, child, field, parent)
    return result


def _operations(paths: dict[str, Any]) -> Operations:
    """(collection, action) -> operation for ``/api/<collection>/`` and ``/api/<collection>/{id}/``,
    and (collection, "tables" or "exports") for the downloads under ``/api/<collection>/{id}/``."""
    found: Operations = {}
    for path, item in paths.items():
        parts = path.strip("/").split("/")
        if len(parts) < 2 or parts[0] != "api":
            continue
        collection, rest = parts[1], parts[2:]
        if len(rest) == 3 and rest[0] == "{id}" and rest[1] in DOWNLOADS:
            found[(collection, rest[1])] = item["get"]
            continue
        if rest == []:
            route = "list"
        elif rest == ["{id}"]:
            route = "detail"
        else:
            continue
        for method, operation in item.items():
            if action := ACTIONS.get((route, method)):
                found[(collection, action)] = operation
    return found


def _add_link(source: dict[str, Any], status: str, name: str, target: dict[str, Any], **link: Any) -> None:
    links = source["responses"][status].setdefault("links", {})
    links[name] = {"operationId": target["operationId"], **link}


def _declares(operation: dict[str, Any], location: str, name: str) -> bool:
    return any(p.get("in") == location and p.get("name") == name for p in operation.get("parameters", []))


def _link_same_record(operations: Operations, collection: str) -> None:
    """Links between the answers and operations of one record, and to its downloads."""
    for action, follow_ups in FOLLOW_UPS.items():
        if (source := operations.get((collection, action))) is None:
            continue
        for follow_up in follow_ups:
            if (target := operations.get((collection, follow_up))) is None:
                continue
            parameters = {"path.id": THIS_ID}
            if action != "create" and _declares(target, "header", "If-Match"):
                # Answers with the record (not the creation) carry its ETag: the optimistic lock.
                parameters["header.If-Match"] = "$response.header.ETag"
            link: dict[str, Any] = {"parameters": parameters}
            if follow_up == "update":
                link["requestBody"] = "$response.body"
                link["description"] = "The same record: send it back as this answer has it, with your changes."
            else:
                link["description"] = "The same record."
            _add_link(source, SUCCESS[action], follow_up, target, **link)
    if (retrieve := operations.get((collection, "retrieve"))) is not None:
        for download in DOWNLOADS:
            if (target := operations.get((collection, download))) is not None:
                _add_link(
                    retrieve,
                    "200",
                    download,
                    target,
                    parameters={"path.id": THIS_ID},
                    description=f"The record's {download}.",
                )


def _link_references(operations: Operations, child: str, field: str, parent: str) -> None:
    """Links from a ``child`` record to the ``parent`` its ``field`` names, and back."""
    child_retrieve, parent_retrieve = operations.get((child, "retrieve")), operations.get((parent, "retrieve"))
    if parent_retrieve is None:
        return
    if child_retrieve is not None:
        _add_link(
            child_retrieve,
            "200",
            field,
            parent_retrieve,
            parameters={"path.id": f"$response.body#/{field}"},
            description=f"The record `{field}` names.",
        )
    children = operations.get((child, "list"))
    if children is not None and _declares(children, "query", field):
        _add_link(
            parent_retrieve,
            "200",
            f"{child}_by_{field}",
            children,
            parameters={f"query.{field}": THIS_ID},
            description=f"The {child} whose `{field}` is this record.",
        )
    create = operations.get((child, "create"))
    if create is not None and OWNERS.get(child) == field:
        _add_link(
            parent_retrieve,
            "200",
            f"new_{child}",
            create,
            requestBody={field: THIS_ID},
            description=f"A new record of {child} under this one: `{field}` is its id, the other fields are yours.",
        )
