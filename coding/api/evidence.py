"""The full evidence of a stored classification record in the REST API, a page at a time (issue 17).

A snapshot's records keep ``tie_count`` and a sample of their ``tie_ids`` (``coding.worker.evidence``);
each record in ``/api/snapshots/{id}/`` carries ``evidence_url``, this action with its key:
``/api/snapshots/{id}/evidence/?record=<key>&page=N`` lists the record's ties, 100 a page, each with
its label, Grabher type (if any) and the interviews its evidence codings are in. The number of
queries does not grow with the record's ties.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from coding.analysis.stability import classification_records
from coding.worker.evidence import NoSuchPage, evidence_page, is_record_key


def with_evidence_urls(request: Request | None, snapshot_id: int, result: Any) -> Any:
    """``result`` (as the API writes it) with each classification record's ``evidence_url``."""
    if not isinstance(result, dict):
        return result
    base = reverse("api:snapshot-evidence", args=[snapshot_id])
    for key, record in classification_records(result).items():
        url = f"{base}?record={key}"
        record.setdefault("tie_count", len(record.get("tie_ids") or ()))  # a result stored before the split
        record["evidence_url"] = request.build_absolute_uri(url) if request is not None else url
    return result


class SnapshotEvidence:
    """The ``evidence`` action of the snapshot viewset (mixed in: it reads ``get_object``)."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "record", OpenApiTypes.STR, required=True, description="A record's key, as in its evidence_url."
            ),
            OpenApiParameter("page", OpenApiTypes.INT, description="From 1; 100 ties a page."),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def evidence(self, request: Request, pk: str | None = None) -> Response:
        snapshot = self.get_object()  # type: ignore[attr-defined]  # of the viewset it is mixed into
        key, page = _params(request)
        try:
            found = evidence_page(snapshot.region, snapshot.pk, key, page)
        except NoSuchPage as past:
            raise ValidationError({"page": [str(past)]}) from past
        if found is None:
            raise NotFound(_("This result has no such classification record."))
        return Response(
            {
                "record": key,
                # Whole, where the record in the result keeps the first 50 actors and the first 20
                # entries of a long figure.
                "actor_ids": found.actor_ids,
                "figures": found.figures,
                "count": found.total,
                "page": page,
                "pages": found.pages,
                "next": _page_url(request, page + 1) if page < found.pages else None,
                "previous": _page_url(request, page - 1) if page > 1 else None,
                "results": [
                    _tie(found.ties[tie_id], found.types) if tie_id in found.ties else {"id": tie_id, "deleted": True}
                    for tie_id in found.tie_ids
                ],
            }
        )


def _params(request: Request) -> tuple[str, int]:
    key = request.query_params.get("record") or ""
    if not is_record_key(key):
        raise ValidationError({"record": [_("Name the classification record whose evidence to show (record=…).")]})
    page = request.query_params.get("page") or "1"
    if not page.isdigit() or int(page) < 1:
        raise ValidationError({"page": [_("The page must be a whole number from 1.")]})
    return key, int(page)


def _tie(tie: dict[str, Any], types: dict[str, str]) -> dict[str, Any]:
    return {
        "id": tie["id"],
        "label": tie["label"],
        "type": types.get(str(tie["id"]), ""),
        "interviews": [{"id": interview["id"], "title": interview["title"]} for interview in tie["interviews"]],
    }


def _page_url(request: Request, page: int) -> str:
    query = request.query_params.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
