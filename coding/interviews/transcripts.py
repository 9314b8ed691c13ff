"""Transcripts: reading uploaded files into text, and replacing a coded transcript without
losing its codings (each coding is re-anchored onto the new text, or the edit is refused).

Plain functions: the views only call ``extract_text`` and ``replace_transcript``.
"""

from __future__ import annotations

import difflib
import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from simple_history.utils import bulk_update_with_history

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import UploadedFile

    from cases.models import Interview
    from coding.models import Coding

ALLOWED_EXTENSIONS = (".txt", ".docx", ".pdf")
# A fuzzy re-anchoring is accepted only when the new span is this similar to the old quote.
MIN_FUZZY_RATIO = 0.8


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
    return text


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str


def _exact(quote: str, text: str, old_start: int) -> Anchor | None:
    """The occurrence of ``quote`` in ``text`` nearest to the old offset."""
    best: int | None = None
    position = text.find(quote)
    while position != -1:
        if best is None or abs(position - old_start) < abs(best - old_start):
            best = position
        position = text.find(quote, position + 1)
    return None if best is None else Anchor(best, best + len(quote), quote)


def _fuzzy(old_text: str, new_text: str, start: int, end: int, matcher: difflib.SequenceMatcher) -> Anchor | None:
    """Map the old span through the diff of the two texts; accept if the text there is similar."""

    def mapped(offset: int) -> int | None:
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if i1 <= offset < i2 or (offset == i2 == len(old_text)):
                if tag == "equal":
                    return j1 + (offset - i1)
                return j1 if offset == i1 else j2
        return None

    new_start, new_end = mapped(start), mapped(end) if end < len(old_text) else len(new_text)
    if new_start is None or new_end is None or new_end <= new_start:
        return None
    quote = new_text[new_start:new_end]
    if difflib.SequenceMatcher(None, old_text[start:end], quote, autojunk=False).ratio() < MIN_FUZZY_RATIO:
        return None
    return Anchor(new_start, new_end, quote)


def reanchor(
    old_text: str, new_text: str, codings: list[Coding], known: dict[int, list[Anchor]] | None = None
) -> tuple[dict[int, Anchor], list[Coding]]:
    """New anchors by coding id, and the codings that could not be placed in the new text.

    ``known``: earlier anchors of a coding, newest first (its history, when an earlier transcript
    comes back); the first that still fits the new text wins over searching for the quote.
    """
    matcher = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False)
    anchors: dict[int, Anchor] = {}
    lost: list[Coding] = []
    for coding in codings:
        earlier = (a for a in (known or {}).get(coding.pk, []) if new_text[a.start : a.end] == a.quote)
        anchor = (
            next(earlier, None)
            or _exact(coding.quote, new_text, coding.start)
            or _fuzzy(old_text, new_text, coding.start, coding.end, matcher)
        )
        if anchor is None:
            lost.append(coding)
        else:
            anchors[coding.pk] = anchor
    return anchors, lost


class TranscriptEditRefused(Exception):
    """Some codings have no place in the new text; nothing was saved."""

    def __init__(self, lost: list[Coding]) -> None:
        super().__init__(f"{len(lost)} coding(s) could not be re-anchored")
        self.lost = lost


def replace_transcript(
    interview: Interview, new_text: str, *, source_filename: str | None = None, user: User | None = None
) -> int:
    """Save ``new_text`` as the transcript and move every coding onto it, all or nothing.

    Returns the number of codings re-anchored. Raises TranscriptEditRefused (nothing saved).
    """
    with transaction.atomic():
        defer_transcript_checks()
        locked = type(interview).objects.select_for_update().get(pk=interview.pk)
        old_text = locked.transcript
        interview.transcript = new_text
        if source_filename is not None:
            interview.source_filename = source_filename
        interview.save()
        return move_codings(interview, old_text, new_text, user=user)


def save_interview(
    interview: Interview,
    save: Callable[[], object],
    *,
    source_filename: str | None = None,
    user: User | None = None,
) -> int:
    """Save the interview with ``save`` (a form's or the model's); a changed transcript is written by
    ``replace_transcript`` so its codings move along, all in one transaction.

    Returns the number of codings re-anchored. Raises TranscriptEditRefused (nothing saved).
    """
    new_text = interview.transcript
    with transaction.atomic():
        stored = type(interview).objects.filter(pk=interview.pk).values_list("transcript", flat=True).first()
        if interview._state.adding or stored is None or new_text == stored:
            if source_filename is not None:
                interview.source_filename = source_filename
            save()
            return 0
        interview.transcript = stored  # the new text is written by replace_transcript
        save()
        return replace_transcript(interview, new_text, source_filename=source_filename, user=user)


def defer_transcript_checks() -> None:
    """Inside a transaction: let transcript and codings disagree until commit.

    They are briefly inconsistent while one is saved before the other; the constraint triggers
    (coding migration 0002) check the final state at commit.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS coding_inside_transcript, interview_codings_still_match DEFERRED")


def move_codings(
    interview: Interview,
    old_text: str,
    new_text: str,
    *,
    user: User | None = None,
    reason: str = "re-anchored after a transcript edit",
    use_history: bool = False,
) -> int:
    """Re-anchor the interview's codings from ``old_text`` onto ``new_text``; the number moved.

    ``use_history``: an earlier transcript comes back, so codings return to where they were
    then if that still fits. Raises TranscriptEditRefused if any coding has no place in the new
    text (roll back then).
    """
    from coding.models import Coding

    codings = list(Coding.objects.filter(interview=interview).select_related("code", "coder").order_by("start"))
    known: dict[int, list[Anchor]] = {}
    if use_history:
        versions = Coding.history.filter(interview_id=interview.pk).order_by("-history_date", "-history_id")
        for coding_id, start, end, quote in versions.values_list("id", "start", "end", "quote").iterator():
            known.setdefault(coding_id, []).append(Anchor(start, end, quote))
    anchors, lost = reanchor(old_text, new_text, codings, known)
    if lost:
        raise TranscriptEditRefused(lost)
    moved = []
    for coding in codings:
        anchor = anchors[coding.pk]
        if (coding.start, coding.end, coding.quote) != (anchor.start, anchor.end, anchor.quote):
            coding.start, coding.end, coding.quote = anchor.start, anchor.end, anchor.quote
            moved.append(coding)
    # With history rows, so each coding's history shows the move and its reason.
    bulk_update_with_history(moved, Coding, ["start", "end", "quote"], default_user=user, default_change_reason=reason)
    return len(moved)
