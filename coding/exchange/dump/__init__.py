"""The JSON dump of a study against the ORM: streamed export and all-or-nothing import.

The format itself (``schema``, ``writer``, ``checker`` and ``reader``) knows nothing of Django;
``export`` reads the rows, ``services`` writes them.
"""

from __future__ import annotations

from coding.exchange.dump.export import DumpRefused, study_dump
from coding.exchange.dump.fields import VOCABULARY
from coding.exchange.dump.services import study_import

__all__ = ["VOCABULARY", "DumpRefused", "study_dump", "study_import"]
