"""Downloads of the statistics tables: actors with metrics, interactions, codings.

The files are built in ``coding.exchange.downloads`` (``table_response``), which the API calls too.
"""

from __future__ import annotations

from typing import Literal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

from coding.exchange.downloads import table_response, wants_pseudonyms
from coding.exchange.selectors import export_owner


@login_required
def table_file(
    request: HttpRequest, pk: int, table: str, extension: str, scope: Literal["study", "region"]
) -> HttpResponse | StreamingHttpResponse:
    owner = export_owner(request.user, scope=scope, pk=pk)
    return table_response(owner, table, extension, pseudonymised=wants_pseudonyms(request.GET))
