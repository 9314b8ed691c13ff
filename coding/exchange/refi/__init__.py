"""REFI-QDA project exchange: rows to .qdpx records and back.

The format itself lives in ``coding.exchange.refi.qdpx`` (writer) and ``coding.exchange.refi.qdpx_reader``
(reader), without Django; these modules only run the queries (``export``) and the writes
(``services``).
"""

from __future__ import annotations

from coding.exchange.refi.codebook import guid_for
from coding.exchange.refi.export import qdpx_export
from coding.exchange.refi.importer import QdpxImportResult
from coding.exchange.refi.services import qdpx_import

__all__ = ["QdpxImportResult", "guid_for", "qdpx_export", "qdpx_import"]
