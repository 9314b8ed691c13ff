"""Reading an uploaded transcript file (.txt, .docx, .pdf) into text, within the upload limit,
and the limit on a transcript's length however it arrives.

The interview form calls ``extract_text`` and ``check_transcript_length``, the API's serializer
the latter; saving the text is ``coding.interviews.services``.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

ALLOWED_EXTENSIONS = (".txt", ".docx", ".pdf")


def _extension(name: str) -> str:
    name = name.lower()
    return next((ext for ext in ALLOWED_EXTENSIONS if name.endswith(ext)), "")


def _read_txt(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            f"The text file is not UTF-8 encoded (invalid byte at position {exc.start}). "
            "Save it as UTF-8 and upload it again.",
            code="encoding",
        ) from exc


def _read_docx(data: bytes) -> str:
    # Content check first: a .docx is a zip archive holding word/document.xml.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ValidationError("The file is a zip archive but not a Word document.", code="type")
    except zipfile.BadZipFile as exc:
        raise ValidationError("The file is named .docx but is not a Word document.", code="type") from exc
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on damaged files
        raise ValidationError("The Word document could not be read (damaged file?).", code="unreadable") from exc
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _read_pdf(data: bytes) -> str:
    if not data.startswith(b"%PDF"):
        raise ValidationError("The file is named .pdf but is not a PDF document.", code="type")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ValidationError("The PDF could not be read (damaged or encrypted file?).", code="unreadable") from exc
    return "\n\n".join(pages)


READERS = {".txt": _read_txt, ".docx": _read_docx, ".pdf": _read_pdf}


def extract_text(upload: UploadedFile) -> str:
    """The text of an uploaded .txt/.docx/.pdf; ValidationError with a clear message otherwise."""
    limit = settings.TRANSCRIPT_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(f"The file is {upload.size:,} bytes; the limit is {limit:,} bytes.", code="too_large")
    extension = _extension(upload.name or "")
    if not extension:
        raise ValidationError("Upload a .txt, .docx or .pdf file.", code="type")
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(f"The file is larger than the limit of {limit:,} bytes.", code="too_large")
    text = READERS[extension](data).replace("\r\n", "\n")
    if not text.strip():
        raise ValidationError("The file contains no text.", code="empty")
    check_transcript_length(text, what="The file's text")  # a .docx or .pdf is compressed
    return text


def check_transcript_length(text: str, *, what: str = "The transcript") -> None:
    """Refuse a transcript longer than TRANSCRIPT_MAX_UPLOAD_BYTES *characters*, typed, pasted,
    sent to the API or read from a file alike. Characters rather than UTF-8 bytes: a .txt file
    within the upload limit (bytes) then always fits, whatever its encoding, and the number means
    the same to someone counting the text they pasted."""
    limit = settings.TRANSCRIPT_MAX_UPLOAD_BYTES
    if len(text) > limit:
        raise ValidationError(
            f"{what} is {len(text):,} characters long; the limit is {limit:,} characters.", code="too_long"
        )
