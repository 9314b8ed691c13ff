"""Reading an uploaded transcript file (.txt, .docx, .pdf) into text, within limits, and the
limit on a transcript's length however it arrives.

Uploads may be hostile: beside the upload size, what a file unpacks to, its paragraphs or pages,
its text's length and the seconds spent reading it are capped, and each refusal names the limit.
The .docx reader is ``coding.interviews.docx_text`` (why it is not python-docx is said there).

The interview form calls ``extract_text`` and ``check_transcript_length``, the API's serializer
the latter; saving the text is ``coding.interviews.services``.
"""

from __future__ import annotations

import io
import time
import zlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from coding.interviews import docx_text
from coding.templatetags.says import say

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from pypdf import PageObject

ALLOWED_EXTENSIONS = (".txt", ".docx", ".pdf")
# Far above any interview transcript; below what holds a worker for long.
MAX_PARAGRAPHS = 200_000
MAX_PDF_PAGES = 2_000
# A Word document's XML compresses about 10 to 1; a zip bomb thousands to 1.
MAX_COMPRESSION_RATIO = 200


def _n(number: int) -> str:
    """A count grouped in thousands the reader's way (1,234 / 1.234)."""
    return formats.number_format(number, force_grouping=True)


def _extension(name: str) -> str:
    name = name.lower()
    return next((ext for ext in ALLOWED_EXTENSIONS if name.endswith(ext)), "")


def _read_txt(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _(
                "The text file is not UTF-8 encoded (invalid byte at position %(position)s). "
                "Save it as UTF-8 and upload it again."
            )
            % {"position": exc.start},
            code="encoding",
        ) from exc
    if "\x00" in text:  # valid UTF-8, but no text file holds NUL (and PostgreSQL cannot store it)
        raise ValidationError(
            _("The file holds a NUL byte at position %(position)s: it is not a text file.")
            % {"position": _n(text.index(chr(0)))},
            code="encoding",
        )
    return text


def _docx_limits() -> docx_text.DocxLimits:
    return docx_text.DocxLimits(
        max_unpacked_bytes=settings.TRANSCRIPT_MAX_UNPACKED_BYTES,
        max_ratio=MAX_COMPRESSION_RATIO,
        max_paragraphs=MAX_PARAGRAPHS,
        max_chars=settings.TRANSCRIPT_MAX_UPLOAD_BYTES,
        max_seconds=settings.TRANSCRIPT_PARSE_SECONDS,
    )


def _read_docx(data: bytes) -> str:
    try:
        return docx_text.read_docx(data, _docx_limits())
    except docx_text.DocxRefused as exc:
        raise ValidationError(say(exc.said), code="unreadable") from exc


def _decode_contents(page: PageObject) -> None:
    """Unpack the page's content streams (pypdf caches them), so a stream over the limit raises.

    ``extract_text`` itself logs pypdf's LimitReachedError and returns "", which would be refused
    as a file with no text instead of naming the limit.
    """
    from pypdf.generic import ArrayObject, StreamObject

    contents = page.get("/Contents")
    if contents is None:
        return
    contents = contents.get_object()
    for stream in contents if isinstance(contents, ArrayObject) else [contents]:
        resolved = stream.get_object()
        if isinstance(resolved, StreamObject):
            resolved.get_data()


def _read_pdf(data: bytes) -> str:
    if not data.startswith(b"%PDF"):
        raise ValidationError(_("The file is named .pdf but is not a PDF document."), code="type")
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    started = time.monotonic()
    max_seconds = settings.TRANSCRIPT_PARSE_SECONDS
    max_chars = settings.TRANSCRIPT_MAX_UPLOAD_BYTES
    unpacked = settings.TRANSCRIPT_MAX_UNPACKED_BYTES
    pages: list[str] = []
    chars = 0
    try:
        # pypdf's own ceilings (75 MB a stream by default) set to ours, for this read only.
        with apply_configuration(
            maximum_declared_stream_length=unpacked,
            zlib_maximum_output_length=unpacked,
            lzw_maximum_output_length=unpacked,
            run_length_maximum_output_length=unpacked,
            array_based_stream_maximum_output_length=unpacked,
            brotli_maximum_output_length=unpacked,
            stream_decoding_work_maximum_length=unpacked,
        ):
            reader = PdfReader(io.BytesIO(data))
            if len(reader.pages) > MAX_PDF_PAGES:
                raise ValidationError(
                    _("The PDF has %(pages)s pages; the limit is %(limit)s.")
                    % {"pages": _n(len(reader.pages)), "limit": _n(MAX_PDF_PAGES)},
                    code="too_large",
                )
            for page in reader.pages:
                if time.monotonic() - started > max_seconds:
                    raise ValidationError(
                        _("Reading the PDF took longer than the limit of %(seconds)s s.")
                        % {"seconds": f"{max_seconds:g}"},
                        code="too_slow",
                    )
                _decode_contents(page)
                pages.append(page.extract_text() or "")
                chars += len(pages[-1]) + 2
                if chars > max_chars:
                    raise ValidationError(
                        _("The PDF's text is longer than the limit of %(limit)s characters.")
                        % {"limit": _n(max_chars)},
                        code="too_large",
                    )
    except LimitReachedError as exc:
        message = _("The PDF holds a stream that unpacks to more than the limit of %(limit)s bytes (%(error)s)") % {
            "limit": _n(unpacked),
            "error": exc,
        }
        raise ValidationError(message, code="too_large") from exc
    except PyPdfError as exc:
        message = _("The PDF could not be read (damaged or encrypted file?): %(error)s") % {"error": exc}
        raise ValidationError(message, code="unreadable") from exc
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, zlib.error) as exc:
        # pypdf lets these through on malformed files.
        raise ValidationError(_("The PDF could not be read (damaged file)."), code="unreadable") from exc
    return "\n\n".join(pages)


READERS = {".txt": _read_txt, ".docx": _read_docx, ".pdf": _read_pdf}


def extract_text(upload: UploadedFile) -> str:
    """The text of an uploaded .txt/.docx/.pdf; ValidationError with a clear message otherwise."""
    limit = settings.TRANSCRIPT_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"size": _n(upload.size), "limit": _n(limit)},
            code="too_large",
        )
    extension = _extension(upload.name or "")
    if not extension:
        raise ValidationError(_("Upload a .txt, .docx or .pdf file."), code="type")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file is larger than the limit of %(limit)s bytes.") % {"limit": _n(limit)}, code="too_large"
        )
    # A NUL from a document's font tables would fail in PostgreSQL; one for one keeps offsets.
    text = READERS[extension](data).replace("\r\n", "\n").replace("\x00", "\ufffd")
    if not text.strip():
        raise ValidationError(_("The file contains no text."), code="empty")
    check_transcript_length(text, of_file=True)  # a .docx or .pdf is compressed
    return text


def check_transcript_length(text: str, *, of_file: bool = False) -> None:
    """Refuse a transcript longer than TRANSCRIPT_MAX_UPLOAD_BYTES *characters*, typed, pasted,
    sent to the API or read from a file alike. Characters rather than UTF-8 bytes: a .txt file
    within the upload limit (bytes) then always fits, whatever its encoding, and the number means
    the same to someone counting the text they pasted."""
    limit = settings.TRANSCRIPT_MAX_UPLOAD_BYTES
    if len(text) > limit:
        raise ValidationError(
            (
                _("The file's text is %(length)s characters long; the limit is %(limit)s characters.")
                if of_file
                else _("The transcript is %(length)s characters long; the limit is %(limit)s characters.")
            )
            % {"length": _n(len(text)), "limit": _n(limit)},
            code="too_long",
        )
