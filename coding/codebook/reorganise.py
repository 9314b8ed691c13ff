"""Writes of codebook reorganisation for leads: merge codes, split a code, move a sub-tree.

Each operation is previewed first (``coding.codebook.selectors``), then run with the preview's
fingerprint: under a lock on the scheme's codes the preview is computed again, and if the rows it
depends on changed in between the operation is refused (409) rather than doing something else.

Scheme versions. The reorganisation happens in place, on the version the study pins, and only if
no other study pins it (``selectors.study_scheme``). The admin's rule that an in-use version is
never renamed, pruned or re-parented guards codings against edits that silently change what they
mean; here the codings move with the codes, a lead confirms a preview that lists them, and every
row changed is written to the history, so the change is explained and can be undone. Copying the
scheme to a new version for every merge would give every code a new id and rewrite every coding
of the study each time.

History and undo. Every code and coding changed, created or removed gets a history row
(django-simple-history, the app's history) with the operation's ``reason`` as change reason; the
codings' history pages show it, and collapsed duplicates are on the study's deleted-records page.
``operation_undo`` (``coding.codebook.undo``) reads those rows back: the version before each row
is the state to restore (a row with no history yet, e.g. bulk-inserted, first gets a version of
its current state, so that version always exists). Only the evidence links of ties and outcomes
moved off a collapsed duplicate are kept on the ``CodebookOperation`` row, as outcomes have no
history. The history's change reason holds 100 characters: the operation's id comes first.

Writes are a fixed number of statements however many codings move (one UPDATE for the moved
codings, one per batch of memos and of history rows); bulk writes send no signals, so the
analyses of the regions concerned are marked stale here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cases.services import in_use_message
from coding.codebook import selectors
from coding.codebook.models import CodebookOperation, OperationKind
from coding.codebook.plan import change_reason
from coding.codebook.selectors import Preview, Refused
from coding.models import Code, Coding, Interaction, Outcome
from coding.worker.services import mark_stale

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.contrib.auth.models import User

    from cases.models import Study
    from coding.codebook.plan import Moves

BATCH = 1000
CHANGED_SINCE = gettext_noop(
    "The codebook or these passages changed since the preview (someone coded, edited or reorganised "
    "meanwhile); nothing was changed. Look at the new preview and confirm again."
)
# The tables linking evidence codings to ties and outcomes, by the name stored in evidence_moves.
EVIDENCE: dict[str, tuple[Any, str]] = {
    "interaction": (Interaction.evidence.through, "interaction_id"),
    "outcome": (Outcome.evidence.through, "outcome_id"),
}


class Recorder:
    """Writes the history rows of one operation (or its undo): same author, reason and moment."""

    def __init__(self, user: User, reason: str) -> None:
        self.user, self.reason, self.when = user, reason, timezone.now()

    def rows(self, model: type[Code] | type[Coding], instances: Iterable[models.Model], kind: str) -> None:
        """One history row of ``kind`` ("+", "~", "-") per instance, in one insert per batch."""
        history: Any = model.history.model  # added by simple_history
        versions = [
            history(
                history_date=self.when,
                history_user=self.user,
                history_change_reason=self.reason,
                history_type=kind,
                **{field.attname: getattr(instance, field.attname) for field in history.tracked_fields},
            )
            for instance in instances
        ]
        history.objects.bulk_create(versions, batch_size=BATCH)

    def baseline(self, model: type[Code] | type[Coding], instances: Iterable[models.Model], pk: int) -> None:
        """A version of the current state for rows with no history yet (bulk inserts write none),
        so that the undo finds the state before the operation for every row it changes."""
        rows = list(instances)
        history: Any = model.history.model  # added by simple_history
        versions = history.objects.filter(id__in=[row.pk for row in rows]).order_by()
        known = set(versions.values_list("id", flat=True).distinct())
        missing = [row for row in rows if row.pk not in known]
        if missing:
            Recorder(self.user, change_reason(f"State before codebook change {pk}")).rows(model, missing, "~")

    def save(self, instance: models.Model, **kwargs: Any) -> None:
        """Save one row; simple-history's signal writes its history row with our author and reason."""
        instance._history_user = self.user  # type: ignore[attr-defined]  # read by simple_history
        instance._change_reason = self.reason  # type: ignore[attr-defined]  # read by simple_history
        instance.save(**kwargs)

    def delete(self, instance: models.Model) -> None:
        instance._history_user = self.user  # type: ignore[attr-defined]  # read by simple_history
        instance._change_reason = self.reason  # type: ignore[attr-defined]  # read by simple_history
        try:
            instance.delete()
        except ProtectedError as error:  # a coding made with it since the lock was taken cannot exist
            raise Refused(
                _("“%(record)s” is still in use; nothing was changed.") % {"record": instance}, conflict=True
            ) from error
        except RestrictedError as error:  # memos on the code: the researcher decides where they go
            message = in_use_message(str(instance), error).replace("nothing was deleted", "nothing was changed")
            raise Refused(
                _("%(refusal)s Move or delete those memos first.") % {"refusal": message}, conflict=True
            ) from error


def lock_codes(study: Study) -> None:
    """Serialise reorganisations of one scheme, and codings made with its codes meanwhile."""
    list(Code.objects.select_for_update().filter(scheme_id=study.coding_scheme_id).order_by("pk").values("pk"))


def _fresh(code: Code) -> Code:
    """The code as stored now (after the lock): a concurrent merge may have removed it."""
    current = Code.objects.filter(pk=code.pk).first()
    if current is None:
        raise Refused(_("“%(code)s” no longer exists; nothing was changed.") % {"code": code.name}, conflict=True)
    return current


@transaction.atomic
def codes_merge(*, study: Study, source: Code, target: Code, fingerprint: str, user: User) -> CodebookOperation:
    """Merge ``source`` into ``target`` as previewed (``selectors.merge_preview``)."""
    lock_codes(study)
    preview = selectors.merge_preview(study=study, source=_fresh(source), target=_fresh(target))
    return _apply(preview, study=study, fingerprint=fingerprint, user=user)


@transaction.atomic
def codings_split(
    *,
    study: Study,
    source: Code,
    coding_ids: Iterable[int],
    fingerprint: str,
    user: User,
    target: Code | None = None,
    new_name: str = "",
    new_parent: Code | None = None,
) -> CodebookOperation:
    """Move chosen codings of ``source`` to ``target`` or a new code, as previewed."""
    lock_codes(study)
    preview = selectors.split_preview(
        study=study,
        source=_fresh(source),
        coding_ids=coding_ids,
        target=_fresh(target) if target is not None else None,
        new_name=new_name,
        new_parent=_fresh(new_parent) if new_parent is not None else None,
    )
    return _apply(preview, study=study, fingerprint=fingerprint, user=user)


@transaction.atomic
def code_move(*, study: Study, code: Code, new_parent: Code | None, fingerprint: str, user: User) -> CodebookOperation:
    """Give ``code`` a new parent (None: top level) as previewed; its sub-tree follows."""
    lock_codes(study)
    parent = _fresh(new_parent) if new_parent is not None else None
    preview = selectors.move_preview(study=study, code=_fresh(code), new_parent=parent)
    return _apply(preview, study=study, fingerprint=fingerprint, user=user)


def _apply(preview: Preview, *, study: Study, fingerprint: str, user: User) -> CodebookOperation:
    if preview.fingerprint != fingerprint:
        raise Refused(_(CHANGED_SINCE), conflict=True)
    operation = CodebookOperation.objects.create(
        study=study,
        scheme_id=preview.source.scheme_id,
        kind=preview.kind,
        summary=preview.summary,
        counts=preview.counts,
        user=user,
    )
    record = Recorder(user, operation.reason)
    touched = [*preview.children, *preview.removed, *([preview.source] if preview.kind == OperationKind.MOVE else [])]
    record.baseline(Code, touched, operation.pk)
    target = preview.target
    if preview.new_name:
        target = _new_code(preview, record)
    if target is not None and (preview.moves.moved or preview.moves.collapsed):
        operation.evidence_moves = _move_codings(preview.moves, target, record, operation.pk)
        # Bulk writes send no signals: the analyses of the regions concerned are marked stale here.
        mark_stale({interview.region_id for interview in preview.interviews})
    if preview.children and target is not None:
        _reparent(preview.children, target, record)
    if preview.kind == OperationKind.MOVE:
        preview.source.parent = preview.new_parent
        record.save(preview.source, update_fields=["parent"])
    for code in preview.removed:
        record.delete(code)
    operation.save(update_fields=["evidence_moves"])
    return operation


def _new_code(preview: Preview, record: Recorder) -> Code:
    source = preview.source
    code = Code(
        scheme_id=source.scheme_id,
        parent=preview.new_parent,
        name=preview.new_name,
        colour=source.colour,
        concept=source.concept,
        order=source.order,
    )
    try:
        code.full_clean()
    except ValidationError as error:
        raise Refused(" ".join(error.messages)) from error
    record.save(code)
    return code


def _move_codings(moves: Moves, target: Code, record: Recorder, pk: int) -> list[list[Any]]:
    """Moved codings take ``target``; duplicates go, their memos and evidence onto the kept coding."""
    now = timezone.now()
    moved_ids = [row.id for row in moves.moved]
    kept_memo = {item.kept.id: item.memo for item in moves.collapsed}
    dropped_to_kept = {item.dropped.id: item.kept.id for item in moves.collapsed}
    rows = Coding.objects.in_bulk([*moved_ids, *kept_memo, *dropped_to_kept])
    record.baseline(Coding, rows.values(), pk)
    Coding.objects.filter(pk__in=moved_ids).update(code=target, updated_at=now)
    for coding_id in moved_ids:
        rows[coding_id].code_id = target.pk
    kept = [rows[coding_id] for coding_id, memo in kept_memo.items() if rows[coding_id].memo != memo]
    for coding in kept:
        coding.memo, coding.updated_at = kept_memo[coding.pk], now
    Coding.objects.bulk_update(kept, ["memo", "updated_at"], batch_size=BATCH)
    record.rows(Coding, [rows[coding_id] for coding_id in moved_ids] + kept, "~")
    evidence_moves = _move_evidence(dropped_to_kept)
    record.rows(Coding, [rows[coding_id] for coding_id in dropped_to_kept], "-")
    # The evidence links are gone already; a plain DELETE (no per-row signal: the history rows are written).
    Coding.objects.filter(pk__in=list(dropped_to_kept))._raw_delete(Coding.objects.db)
    return evidence_moves


def _move_evidence(dropped_to_kept: dict[int, int]) -> list[list[Any]]:
    """Links from ties and outcomes to a removed duplicate now point to the coding kept."""
    moves: list[list[Any]] = []
    if not dropped_to_kept:
        return moves
    for name, (through, owner) in EVIDENCE.items():
        links = list(through.objects.filter(coding_id__in=list(dropped_to_kept)).values_list(owner, "coding_id"))
        kept_ids = set(dropped_to_kept.values())
        present = set(through.objects.filter(coding_id__in=kept_ids).values_list(owner, "coding_id"))
        added = []
        for owner_id, dropped in sorted(links):
            link = (owner_id, dropped_to_kept[dropped])
            is_new = link not in present
            if is_new:
                present.add(link)
                added.append(through(**{owner: owner_id, "coding_id": link[1]}))
            moves.append([name, owner_id, dropped, link[1], is_new])
        through.objects.filter(coding_id__in=list(dropped_to_kept)).delete()
        through.objects.bulk_create(added, batch_size=BATCH)
    return moves


def _reparent(children: list[Code], parent: Code, record: Recorder) -> None:
    Code.objects.filter(pk__in=[child.pk for child in children]).update(parent=parent)
    for child in children:
        child.parent = parent
    record.rows(Code, children, "~")


def refuse_integrity(error: IntegrityError) -> Refused:
    """A database rule broken by an undo (e.g. a name taken since), as a 409 message."""
    detail = str(error).split("\nCONTEXT")[0].split("\nDETAIL")[0]
    return Refused(_("Not undone: %(error)s") % {"error": detail}, conflict=True)
