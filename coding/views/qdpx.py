"""REFI-QDA project pages (issue 6): the .qdpx download and the import form for leads."""

from __future__ import annotations

import tempfile

from django.conf import settings
from django.http import FileResponse

from cases.models import Region, Study
from coding.qdpx_services import qdpx_export


def qdpx_download(owner: Study | Region, stem: str, *, pseudonymised: bool) -> FileResponse:
    """The zip is built in a temporary file (not in memory) and streamed from there."""
    handle = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it when sent
    try:
        qdpx_export(owner, handle, pseudonymised=pseudonymised, key=settings.SECRET_KEY)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    suffix = "-pseudonymised" if pseudonymised else ""
    return FileResponse(handle, as_attachment=True, filename=f"{stem}{suffix}.qdpx", content_type="application/zip")
