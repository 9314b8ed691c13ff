"""The text of a Word document (.docx), read within limits from hostile uploads. No Django here.

A .docx is a zip archive; its text is in ``word/document.xml``. A small upload can unpack to
gigabytes (a zip bomb) or hold millions of paragraphs, and python-docx reads the whole part into a
DOM with no size, count or time limit: a 1 MB file held a worker 37 s at 2.1 GB. So the part is
read here instead, as a stream:

- every member's declared uncompressed size, their total and each member's compression ratio are
  checked before anything is unpacked;
- ``word/document.xml`` is read through a stream that counts the bytes it really yields, since
  the sizes in the zip's headers are the uploader's word;
- lxml's ``iterparse`` walks it one paragraph at a time and frees each when done, with entities
  not resolved, no network, and a DOCTYPE refused outright (a Word document has none);
- paragraphs, characters and the seconds spent are counted while walking.

The text is what python-docx gives for ``Document.paragraphs``: the body's top-level paragraphs,
one a line, runs and hyperlinks joined, tabs as ``\\t`` and line breaks as ``\\n``.
"""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from lxml import etree

from coding.analysis.message import N_, Message, message

if TYPE_CHECKING:
    from collections.abc import Iterator

DOCUMENT_PART = "word/document.xml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A run's children and their text, as python-docx reads them (page and column breaks are "").
RUN_TEXT = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
# Below this size a high ratio is harmless (tiny XML parts compress very well).
RATIO_FLOOR_BYTES = 1024 * 1024
DOCTYPE_REFUSED = message("The Word document declares a DOCTYPE, which Word never writes: not read.")


UNPACKS_TOO_LARGE = N_("The Word document unpacks to more than the limit of {limit} bytes.")


class DocxRefused(Exception):
    """The document is not read: the message says why, and names the limit if one was reached.

    ``said`` keeps it translatable (this module imports no Django); ``str()`` is the English.
    """

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


@dataclass(frozen=True)
class DocxLimits:
    max_unpacked_bytes: int
    max_ratio: int
    max_paragraphs: int
    max_chars: int
    max_seconds: float


class _CappedStream(io.RawIOBase):
    """A member of the archive read for at most ``limit`` bytes, whatever its header declares."""

    def __init__(self, source: IO[bytes], limit: int) -> None:
        self.source = source
        self.limit = limit
        self.count = 0
        self.head = b""  # the start, to name a DOCTYPE the parser refused before any paragraph

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.source.read(64 * 1024 if size is None or size < 0 else size)
        self.count += len(chunk)
        if len(self.head) < 4096:
            self.head += chunk[: 4096 - len(self.head)]
        if self.count > self.limit:
            raise DocxRefused(message(UNPACKS_TOO_LARGE, limit=f"{self.limit:,}"))
        return chunk


def _check_members(archive: zipfile.ZipFile, limits: DocxLimits) -> None:
    total = 0
    for member in archive.infolist():
        if member.flag_bits & 0x1:
            raise DocxRefused(
                message("The Word document is encrypted (password-protected): save it without a password.")
            )
        total += member.file_size
        if total > limits.max_unpacked_bytes:
            raise DocxRefused(message(UNPACKS_TOO_LARGE, limit=f"{limits.max_unpacked_bytes:,}"))
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > limits.max_ratio:
            raise DocxRefused(
                message(
                    "The Word document's part {part} is compressed {ratio} to 1; "
                    "the limit is {limit} to 1 (a zip bomb?).",
                    part=member.filename,
                    ratio=f"{ratio:,.0f}",
                    limit=f"{limits.max_ratio:,}",
                )
            )


def _run_text(run: etree._Element) -> Iterator[str]:
    for child in run:
        if child.tag == f"{W}t":
            yield child.text or ""
        elif child.tag == f"{W}br":
            yield "" if child.get(f"{W}type") in ("page", "column") else "\n"
        else:
            yield RUN_TEXT.get(str(child.tag), "")


def _paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for child in paragraph:
        if child.tag == f"{W}r":
            parts.extend(_run_text(child))
        elif child.tag == f"{W}hyperlink":
            for run in child.iterchildren(f"{W}r"):
                parts.extend(_run_text(run))
    return "".join(parts)


def _refuse_doctype(element: etree._Element) -> None:
    # Entities are not resolved, so nothing was expanded before this check; a DOCTYPE still marks a forgery.
    if element.getroottree().docinfo.doctype:
        raise DocxRefused(DOCTYPE_REFUSED)


def _paragraphs(stream: _CappedStream, limits: DocxLimits, started: float) -> Iterator[str]:
    """The body's top-level paragraphs' texts, each element freed once read."""
    events = etree.iterparse(
        stream,
        events=("end",),
        tag=f"{W}p",
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    count = 0
    for _event, element in events:
        if count == 0:
            _refuse_doctype(element)
        count += 1
        if count > limits.max_paragraphs:
            raise DocxRefused(
                message(
                    "The Word document has more than the limit of {limit} paragraphs.",
                    limit=f"{limits.max_paragraphs:,}",
                )
            )
        if count % 1000 == 0 and time.monotonic() - started > limits.max_seconds:
            raise DocxRefused(
                message(
                    "Reading the Word document took longer than the limit of {limit} s.",
                    limit=f"{limits.max_seconds:g}",
                )
            )
        parent = element.getparent()
        if element.tag != f"{W}p" or parent is None or parent.tag != f"{W}body":
            continue  # a paragraph in a table or text box: not in python-docx's paragraphs either
        yield _paragraph_text(element)
        element.clear()
        while element.getprevious() is not None:
            del parent[0]
    if count == 0 and events.root is not None:
        _refuse_doctype(events.root)


def read_docx(data: bytes, limits: DocxLimits) -> str:
    """The document's text; DocxRefused naming the reason or the limit reached."""
    started = time.monotonic()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if DOCUMENT_PART not in archive.namelist():
                raise DocxRefused(message("The file is a zip archive but not a Word document."))
            _check_members(archive, limits)
            with archive.open(DOCUMENT_PART) as member:
                stream = _CappedStream(member, limits.max_unpacked_bytes)
                lines: list[str] = []
                chars = 0
                for text in _paragraphs(stream, limits, started):
                    chars += len(text) + 1
                    if chars > limits.max_chars:
                        raise DocxRefused(
                            message(
                                "The Word document's text is longer than the limit of {limit} characters.",
                                limit=f"{limits.max_chars:,}",
                            )
                        )
                    lines.append(text)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise DocxRefused(message("The file is named .docx but is not a Word document (damaged zip archive).")) from exc
    except NotImplementedError as exc:  # a compression method zipfile does not know
        raise DocxRefused(message("The Word document cannot be unpacked: {reason}.", reason=str(exc))) from exc
    except etree.XMLSyntaxError as exc:
        if b"<!DOCTYPE" in stream.head:  # e.g. libxml2 refusing an entity bomb in the DTD itself
            raise DocxRefused(DOCTYPE_REFUSED) from exc
        if "Resource limit exceeded" in str(exc):
            raise DocxRefused(
                message("The Word document exceeds a limit of the XML parser: {reason}.", reason=str(exc))
            ) from exc
        raise DocxRefused(
            message("The Word document could not be read (damaged file?): {reason}.", reason=str(exc))
        ) from exc
    return "\n".join(lines)
