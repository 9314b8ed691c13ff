"""The API's JSON body parser: DRF's, with a nesting limit and strict numbers (coding.exchange.json_limits)."""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from typing import IO, Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding  # type: ignore[attr-defined]  # in DRF, not in its stubs

from coding.exchange.json_limits import MAX_DEPTH, STRICT_NUMBERS, loads


class DepthLimitedJSONParser(JSONParser):
    """A body nested more than MAX_DEPTH levels deep is a 400 (ParseError) like any malformed JSON;
    so are NaN, Infinity, ``1e999999`` and whole numbers no column holds (``STRICT_NUMBERS``), which
    Python's json would hand on: ``1e999999`` became the title "inf"."""

    max_depth = MAX_DEPTH

    def parse(
        self, stream: IO[bytes], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        encoding = get_encoding(parser_context or {})  # refuses non-text codecs such as bz2_codec
        try:
            text = codecs.getreader(encoding)(stream).read()
            return loads(text, max_depth=self.max_depth, **STRICT_NUMBERS)
        except ValueError as error:
            raise ParseError(_("JSON parse error - %(error)s") % {"error": error}) from error
