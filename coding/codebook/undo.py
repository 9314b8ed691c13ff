"""Undoing a codebook reorganisation from the history rows it wrote (see ``reorganise``).

The rows an operation wrote carry its ``reason``; for each, the version just before it is the state
to restore: codes it removed come back with their ids, codings take their code and memo back,
collapsed duplicates return with their ids and evidence links, re-parented codes their parent, and
a code it created goes. Only the latest operation of a study not undone yet can be undone, and
only while none of those rows changed since (409 otherwise, nothing written). The undo is written
to the history too, as a new version of every row, so it can itself be followed there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Interview
from coding.codebook.models import CodebookOperation
from coding.codebook.reorganise import BATCH, EVIDENCE, Recorder, lock_codes, refuse_integrity
from coding.codebook.selectors import Refused, last_undoable, study_scheme
from coding.models import Code, Coding
from coding.worker.services import mark_stale

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Fields whose values an operation sets; a row that differs in them was changed since.
WATCHED = {Code: ("parent_id", "name"), Coding: ("code_id", "memo")}


class _Written:
    """The history rows one operation wrote for a model, and the version before each."""

    def __init__(self, model: type[Code] | type[Coding], operation: CodebookOperation) -> None:
        history: Any = model.history.model  # added by simple_history
        self.model = model
        after = history.objects.filter(
            history_change_reason=operation.reason, history_date__gte=operation.created_at
        ).order_by("history_id")
        self.after: dict[int, Any] = {version.id: version for version in after}
        first = min((version.history_id for version in self.after.values()), default=0)
        # The latest version of each row before the operation's: two queries (a correlated
        # subquery per row took seconds for thousands of rows).
        earlier = history.objects.filter(id__in=list(self.after), history_id__lt=first).order_by()
        latest = earlier.values("id").annotate(last=Max("history_id")).values_list("last", flat=True)
        before = history.objects.filter(history_id__in=list(latest)) if self.after else history.objects.none()
        self.before: dict[int, Any] = {version.id: version for version in before}

    def restored(self, row_id: int) -> Any:
        """The row as it was before the operation (built here: simple-history's ``instance`` would
        query the live row for its excluded fields, once per row)."""
        version = self.before[row_id]
        return self.model(**{field.attname: getattr(version, field.attname) for field in version.tracked_fields})

    def of_kind(self, kind: str) -> list[Any]:
        return [version for version in self.after.values() if version.history_type == kind]

    def changed_since(self) -> list[str]:
        """Rows whose current state is not what the operation left."""
        live = self.model.objects.in_bulk(list(self.after))
        changed = []
        for row_id, version in self.after.items():
            row = live.get(row_id)
            if version.history_type == "-":
                if row is not None:
                    changed.append(
                        _("%(record)s %(id)s exists again") % {"record": self.model._meta.verbose_name, "id": row_id}
                    )
            elif row is None or any(getattr(row, name) != getattr(version, name) for name in WATCHED[self.model]):
                changed.append(
                    _("%(record)s %(id)s was changed or deleted")
                    % {"record": self.model._meta.verbose_name, "id": row_id}
                )
        return changed


@transaction.atomic
def operation_undo(*, operation: CodebookOperation, user: User) -> CodebookOperation:
    """Put the codes and codings back as they were before ``operation`` (its latest not undone)."""
    locked = CodebookOperation.objects.select_for_update().select_related("study").get(pk=operation.pk)
    if locked.undone_at is not None:
        raise Refused(_("“%(change)s” was undone already.") % {"change": locked.summary}, conflict=True)
    latest = last_undoable(locked.study)
    if latest is not None and latest.pk != locked.pk:
        raise Refused(
            _("Only the latest change can be undone: undo “%(change)s” first.") % {"change": latest.summary},
            conflict=True,
        )
    if locked.scheme_id != locked.study.coding_scheme_id:
        raise Refused(
            _("Not undone: the study uses another version of its coding scheme since this change."), conflict=True
        )
    study_scheme(locked.study)  # a version shared since is not changed for the other study
    lock_codes(locked.study)
    codes, codings = _Written(Code, locked), _Written(Coding, locked)
    changed = codes.changed_since() + codings.changed_since()
    codings_going_back = {version.id for version in codings.of_kind("~")}
    created = [version.id for version in codes.of_kind("+")]
    if Coding.objects.filter(code_id__in=created).exclude(pk__in=codings_going_back).exists():
        changed.append(_("the new code was used for other passages since"))
    if changed:
        shown = "; ".join(changed[:5])
        if len(changed) > 5:
            shown = _("%(changes)s and %(more)s more") % {"changes": shown, "more": len(changed) - 5}
        raise Refused(
            _("Not undone: %(changes)s after this change. Nothing was changed.") % {"changes": shown}, conflict=True
        )
    record = Recorder(user, locked.undo_reason)
    try:
        with transaction.atomic():
            _undo_rows(locked, codes, codings, record)
    except IntegrityError as error:
        raise refuse_integrity(error) from error
    locked.undone_at, locked.undone_by = timezone.now(), user
    locked.save(update_fields=["undone_at", "undone_by"])
    return locked


def _undo_rows(operation: CodebookOperation, codes: _Written, codings: _Written, record: Recorder) -> None:
    for version in codes.of_kind("-"):  # removed codes first: codings and sub-codes return to them
        record.save(codes.restored(version.id), force_insert=True)
    _codings_back(codings, record)
    _codings_return(codings, record)
    _evidence_back(operation.evidence_moves)
    interviews = {version.interview_id for version in codings.after.values()}
    mark_stale(Interview.objects.filter(pk__in=interviews).values_list("region_id", flat=True) if interviews else [])
    moved = Code.objects.in_bulk([version.id for version in codes.of_kind("~")])
    for code in moved.values():
        code.parent_id = codes.before[code.pk].parent_id
    Code.objects.bulk_update(list(moved.values()), ["parent"], batch_size=BATCH)
    record.rows(Code, moved.values(), "~")
    for code in Code.objects.filter(pk__in=[version.id for version in codes.of_kind("+")]):
        record.delete(code)


def _codings_back(codings: _Written, record: Recorder) -> None:
    """Codings the operation moved or gave a joined memo take their code and memo back."""
    rows = Coding.objects.in_bulk([version.id for version in codings.of_kind("~")])
    now = timezone.now()
    by_code: dict[int, list[int]] = {}  # one UPDATE per code (a CASE per row is slow for thousands)
    memos = []
    for coding in rows.values():
        before = codings.before[coding.pk]
        if coding.code_id != before.code_id:
            by_code.setdefault(before.code_id, []).append(coding.pk)
        if coding.memo != before.memo:
            memos.append(coding)
        coding.code_id, coding.memo, coding.updated_at = before.code_id, before.memo, now
    for code_id, ids in sorted(by_code.items()):
        Coding.objects.filter(pk__in=ids).update(code_id=code_id, updated_at=now)
    Coding.objects.bulk_update(memos, ["memo", "updated_at"], batch_size=BATCH)
    record.rows(Coding, rows.values(), "~")


def _codings_return(codings: _Written, record: Recorder) -> None:
    """Collapsed duplicates come back with their ids, where their quote still is in the transcript."""
    returning = [codings.restored(version.id) for version in codings.of_kind("-")]
    texts = dict(
        Interview.objects.filter(pk__in={coding.interview_id for coding in returning}).values_list("pk", "transcript")
    )
    lost = [
        coding for coding in returning if texts.get(coding.interview_id, "")[coding.start : coding.end] != coding.quote
    ]
    if lost:
        raise Refused(
            _(
                "Not undone: the transcript of %(count)s removed duplicate passage(s) changed since "
                "(“%(quote)s”). Nothing was changed."
            )
            % {"count": len(lost), "quote": lost[0].quote[:60]},
            conflict=True,
        )
    Coding.objects.bulk_create(returning, batch_size=BATCH)
    record.rows(Coding, returning, "+")


def _evidence_back(moves: list[list[Any]]) -> None:
    """Ties and outcomes link the returned duplicates again, and drop links the merge added."""
    for name, (through, owner) in EVIDENCE.items():
        mine = [move for move in moves if move[0] == name]
        through.objects.bulk_create(
            [through(**{owner: owner_id, "coding_id": dropped}) for _, owner_id, dropped, _, _ in mine],
            batch_size=BATCH,
        )
        added = Q(pk__in=[])
        for _model, owner_id, _dropped, kept, was_added in mine:
            if was_added:
                added |= Q(**{owner: owner_id, "coding_id": kept})
        through.objects.filter(added).delete()
