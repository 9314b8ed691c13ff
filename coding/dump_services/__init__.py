"""The JSON dump of a study against the ORM (issue 6): streamed export and all-or-nothing import.

The format itself (schema, writer, checks) is ``coding.exchange.dump``, without Django.
"""

from __future__ import annotations

from .export import DumpRefused, study_dump
from .fields import VOCABULARY
from .importer import study_import

__all__ = ["VOCABULARY", "DumpRefused", "study_dump", "study_import"]
