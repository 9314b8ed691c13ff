"""Writes of interviews: saving one, and replacing a coded transcript without losing its codings.

Each coding is re-anchored onto the new text (``coding.interviews.anchoring``), or the edit is
refused with ``TranscriptEditRefused`` and nothing is saved. History restores and pseudonymisation
use ``defer_transcript_checks`` and ``move_codings`` for the same reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection, transaction
from simple_history.utils import bulk_update_with_history

from coding.interviews.anchoring import Anchor, reanchor
from coding.models import Coding

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.contrib.auth.models import User

    from cases.models import Interview


class TranscriptEditRefused(Exception):
    """Some codings have no place in the new text; nothing was saved."""

    def __init__(self, lost: list[Coding]) -> None:
        super().__init__(f"{len(lost)} coding(s) could not be re-anchored")
        self.lost = lost


@transaction.atomic
def replace_transcript(
    *,
    interview: Interview,
    new_text: str,
    source_filename: str | None = None,
    user: User | None = None,
) -> int:
    """Save ``new_text`` as the transcript and move every coding onto it, all or nothing.

    Returns the number of codings re-anchored. Raises TranscriptEditRefused (nothing saved).
    """
    defer_transcript_checks()
    locked = type(interview).objects.select_for_update().get(pk=interview.pk)
    old_text = locked.transcript
    interview.transcript = new_text
    if source_filename is not None:
        interview.source_filename = source_filename
    interview.save()
    return move_codings(interview=interview, old_text=old_text, new_text=new_text, user=user)


@transaction.atomic
def save_interview(
    interview: Interview,
    save: Callable[[], object],
    *,
    source_filename: str | None = None,
    user: User | None = None,
) -> int:
    """Save the interview with ``save`` (a form's or the model's); a changed transcript is written by
    ``replace_transcript`` so its codings move along, all in one transaction.

    The interview and ``save`` come first, by position, as the interview API calls it.
    Returns the number of codings re-anchored. Raises TranscriptEditRefused (nothing saved).
    """
    new_text = interview.transcript
    stored = type(interview).objects.filter(pk=interview.pk).values_list("transcript", flat=True).first()
    if interview._state.adding or stored is None or new_text == stored:
        if source_filename is not None:
            interview.source_filename = source_filename
        save()
        return 0
    interview.transcript = stored  # the new text is written by replace_transcript
    save()
    return replace_transcript(interview=interview, new_text=new_text, source_filename=source_filename, user=user)


def defer_transcript_checks() -> None:
    """Inside a transaction: let transcript and codings disagree until commit.

    They are briefly inconsistent while one is saved before the other; the constraint triggers
    (coding migration 0002) check the final state at commit.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS coding_inside_transcript, interview_codings_still_match DEFERRED")


def move_codings(
    *,
    interview: Interview,
    old_text: str,
    new_text: str,
    user: User | None = None,
    reason: str = "re-anchored after a transcript edit",
    use_history: bool = False,
) -> int:
    """Re-anchor the interview's codings from ``old_text`` onto ``new_text``; the number moved.

    ``use_history``: an earlier transcript comes back, so codings return to where they were
    then if that still fits. Raises TranscriptEditRefused if any coding has no place in the new
    text (roll back then), so call it inside the transaction that saved the new text.
    """
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
