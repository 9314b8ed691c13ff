"""REFI-QDA project exchange (issue 6): rows to .qdpx records and back.

The format itself lives in ``coding.exchange.qdpx`` (writer) and ``coding.exchange.qdpx_import``
(reader), without Django; these modules only run the queries and the writes.
"""

from __future__ import annotations

from .export import guid_for, qdpx_export
from .imports import QdpxImportResult, qdpx_import

__all__ = ["QdpxImportResult", "guid_for", "qdpx_export", "qdpx_import"]
