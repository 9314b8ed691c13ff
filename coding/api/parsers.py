"""The API's JSON body parser: DRF's, with a nesting limit (coding.exchange.json_limits)."""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from typing import IO, Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding  # type: ignore[attr-defined]  # in DRF, not in its stubs
from rest_framework.utils import json as drf_json

from coding.exchange.json_limits import MAX_DEPTH, loads


class DepthLimitedJSONParser(JSONParser):
    """A body nested more than MAX_DEPTH levels deep is a 400 (ParseError) like any malformed JSON."""

    max_depth = MAX_DEPTH

    def parse(
        self, stream: IO[bytes], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        encoding = get_encoding(parser_context or {})  # refuses non-text codecs such as bz2_codec
        parse_constant = drf_json.strict_constant if self.strict else None
        try:
            text = codecs.getreader(encoding)(stream).read()
            return loads(text, max_depth=self.max_depth, parse_constant=parse_constant)
        except ValueError as error:
            raise ParseError(f"JSON parse error - {error}") from error
