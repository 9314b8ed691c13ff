"""A scheme's codes as REFI-QDA records and as a .qdc codebook (reads; the import is in ``services``)."""

from __future__ import annotations

import uuid

from coding.exchange.records import CodeRecord
from coding.exchange.refi.qdc import codebook
from coding.models import Code


def guid_for(kind: str, pk: int) -> str:
    """A stable GUID per row (code, interview, region, user), so repeated exports name rows alike."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"cluster-case-studies:{kind}:{pk}"))


def code_guid(pk: int) -> str:
    return guid_for("code", pk)


def code_records(scheme_id: int | None) -> list[CodeRecord]:
    """The codes of a scheme as exchange records, named by ``code_guid``."""
    return [
        CodeRecord(
            code_guid(code.pk),
            code.name,
            code_guid(code.parent_id) if code.parent_id else None,
            code.colour,
            code.definition,
            code.example,
            code.concept,
            code.order,
            code.suggests_mode,  # for our CSV/XLSX codebooks; REFI-QDA has no place for it
        )
        for code in Code.objects.filter(scheme_id=scheme_id)
    ]


def codebook_file(scheme_id: int | None) -> bytes:
    """The scheme as a REFI-QDA codebook (.qdc)."""
    return codebook(code_records(scheme_id))
