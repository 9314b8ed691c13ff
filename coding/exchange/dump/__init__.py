"""The JSON dump of a study against the ORM (issue 6): streamed export and all-or-nothing import.

The format itself (schema, writer, checks) is ``coding.exchange.dump.format``, without Django.
"""

from __future__ import annotations

from coding.exchange.dump.export import DumpRefused, study_dump
from coding.exchange.dump.fields import VOCABULARY
from coding.exchange.dump.importer import study_import

__all__ = ["VOCABULARY", "DumpRefused", "study_dump", "study_import"]
