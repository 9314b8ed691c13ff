"""Reads of the codebook pages and API: the study's code tree, and the preview of a merge, split or
move (what will change, and the fingerprint the confirmation must match).

Each preview is three or four queries however many codings it touches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cases.models import Interview, Study
from coding.codebook.models import CodebookOperation, OperationKind
from coding.codebook.plan import CodingRow, Moves, collapse, descendants, fingerprint
from coding.codebook.services import code_tree
from coding.interviews.paragraphs import ParagraphIndex
from coding.models import Code, Coding, CodingScheme

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

ROW_FIELDS = ("id", "code_id", "interview_id", "coder_id", "start", "end", "memo")


class Refused(ValidationError):
    """The operation is refused and nothing was written. ``conflict``: the codebook's state forbids
    it (HTTP 409); otherwise the request itself is wrong (HTTP 400)."""

    def __init__(self, message: str, *, conflict: bool = False) -> None:
        super().__init__(message)
        self.conflict = conflict


@dataclass
class Preview:
    """What an operation will change; ``fingerprint`` digests every row it depends on."""

    kind: str
    summary: str
    source: Code
    target: Code | None = None  # the code receiving codings (merge, split into an existing code)
    new_parent: Code | None = None  # move: the new parent; split: the new code's parent
    new_name: str = ""  # split into a new code
    moves: Moves = field(default_factory=lambda: Moves([], []))
    children: list[Code] = field(default_factory=list)  # re-parented under the target (merge)
    removed: list[Code] = field(default_factory=list)
    subtree: list[Code] = field(default_factory=list)  # codes moving along (move)
    interviews: list[Interview] = field(default_factory=list)
    fingerprint: str = ""
    heading: str = ""  # the action still to confirm, in the reader's language (the summary is stored English)

    @property
    def title(self) -> str:
        """The action still to confirm ("Merge “A” into “B”")."""
        if self.heading:
            return self.heading
        verb, rest = self.summary.split(" ", 1)
        return {"Merged": "Merge", "Moved": "Move"}.get(verb, verb) + " " + rest

    @property
    def counts(self) -> dict[str, int]:
        return {
            "codings_moved": len(self.moves.moved),
            "duplicates_collapsed": len(self.moves.collapsed),
            "children_reparented": len(self.children),
            "codes_removed": len(self.removed),
            "codes_created": 1 if self.new_name else 0,
            "codes_moved": len(self.subtree),
            "interviews": len(self.interviews),
        }


def study_scheme(study: Study) -> CodingScheme:
    """The scheme version the study pins, if no other study pins it (409 otherwise).

    Reorganising changes the version in place; a version shared with another study (or used by
    the codings of one that pinned it before) would change that study's codebook and codings too.
    """
    scheme = study.coding_scheme
    if scheme is None:
        raise Refused(_("This study has no coding scheme yet."), conflict=True)
    others = list(Study.objects.filter(coding_scheme=scheme).exclude(pk=study.pk).values_list("title", flat=True)[:3])
    if others:
        names = ", ".join(f"“{title}”" for title in others)
        raise Refused(
            _(
                "The coding scheme %(scheme)s is also used by %(studies)s: reorganising it here would change their "
                "codebook and codings too. Give this study a version of its own first."
            )
            % {"scheme": scheme, "studies": names},
            conflict=True,
        )
    strangers = Coding.objects.filter(code__scheme=scheme).exclude(interview__region__study=study)
    if strangers.exists():  # left by a study that pinned this version before and moved on
        raise Refused(
            _(
                "Codings of another study still use codes of %(scheme)s: reorganising it would change them too. "
                "Give this study a version of its own first."
            )
            % {"scheme": scheme},
            conflict=True,
        )
    return scheme


def study_for_code(code: Code, user: User | AnonymousUser) -> Study:
    """The study of the user's whose scheme holds ``code`` (404 if none)."""
    study = Study.objects.for_user(user).filter(coding_scheme_id=code.scheme_id).order_by("pk").first()
    if study is None:
        raise Http404
    return study


def study_code(study: Study, code_id: Any) -> Code:
    """A code of the study's scheme, or 404."""
    try:
        code = Code.objects.filter(scheme_id=study.coding_scheme_id, pk=int(code_id)).first()
    except (TypeError, ValueError):
        code = None
    if code is None or study.coding_scheme_id is None:
        raise Http404
    return code


def same_scheme_code(source: Code, code_id: Any, role: str) -> Code:
    """The code ``code_id`` if it is in ``source``'s scheme; a 400 naming no other scheme's code."""
    try:
        code = Code.objects.filter(pk=int(code_id)).first()
    except (TypeError, ValueError):
        code = None
    if code is None or code.scheme_id != source.scheme_id:
        raise Refused(
            _("The %(role)s must be a code of the same coding scheme as “%(code)s”.")
            % {"role": role, "code": source.name}
        )
    return code


class _Tree:
    """The scheme's codes (one query), by id and as child -> parent."""

    def __init__(self, scheme_id: int) -> None:
        self.codes = {code.pk: code for code in Code.objects.filter(scheme_id=scheme_id).order_by("pk")}
        self.parents = {code.pk: code.parent_id for code in self.codes.values()}

    def children(self, code_id: int | None) -> list[Code]:
        return [code for code in self.codes.values() if code.parent_id == code_id]

    def below(self, code: Code) -> set[int]:
        return descendants(code.pk, self.parents)

    def digest(self, rows: Iterable[CodingRow]) -> str:
        codes = ((code.pk, code.parent_id, code.name) for code in self.codes.values())
        return fingerprint([*codes, *((row.id, *row.passage, row.code_id, row.memo) for row in rows)])

    def refuse_name_clash(self, parent: Code | None, names: Iterable[str], ignore: set[int]) -> None:
        taken = {code.name for code in self.children(parent.pk if parent else None) if code.pk not in ignore}
        clashes = sorted(set(names) & taken)
        if clashes:
            listed = ", ".join(f"“{name}”" for name in clashes)
            if parent:
                text = _("“%(parent)s” already has codes named %(names)s; rename or merge those first.")
            else:
                text = _("the top level already has codes named %(names)s; rename or merge those first.")
            raise Refused(text % {"parent": parent.name if parent else "", "names": listed}, conflict=True)


def _rows(queryset: QuerySet[Coding]) -> list[CodingRow]:
    return [CodingRow(*values) for values in queryset.order_by("pk").values_list(*ROW_FIELDS)]


def _interviews(ids: Iterable[int]) -> list[Interview]:
    return list(Interview.objects.filter(pk__in=set(ids)).select_related("region").order_by("region__name", "title"))


def merge_preview(*, study: Study, source: Code, target: Code) -> Preview:
    """Merge ``source`` into ``target``: its codings and sub-codes move, then it is removed."""
    scheme = study_scheme(study)
    if source.pk == target.pk:
        raise Refused(_("“%(code)s” cannot be merged into itself.") % {"code": source.name})
    if source.scheme_id != scheme.pk or target.scheme_id != scheme.pk:
        raise Refused(_("Only codes of the study's coding scheme can be merged."))
    tree = _Tree(scheme.pk)
    if target.pk in tree.below(source):
        raise Refused(
            _(
                "“%(target)s” is a sub-code of “%(source)s”: merging a code into its own sub-code would "
                "make a cycle. Move it out first, or merge the other way round."
            )
            % {"target": target.name, "source": source.name}
        )
    children = tree.children(source.pk)
    tree.refuse_name_clash(target, (child.name for child in children), ignore={source.pk})
    rows = _rows(Coding.objects.filter(code_id__in=[source.pk, target.pk]))
    moves = collapse(
        [row for row in rows if row.code_id == source.pk],
        [row for row in rows if row.code_id == target.pk],
        {source.pk: source.name},
    )
    return Preview(
        OperationKind.MERGE,
        f"Merged “{source.name}” into “{target.name}”",
        source,
        target,
        moves=moves,
        children=children,
        removed=[source],
        interviews=_interviews(row.interview_id for row in rows if row.code_id == source.pk),
        fingerprint=tree.digest(rows),
        heading=_("Merge “%(source)s” into “%(target)s”") % {"source": source.name, "target": target.name},
    )


def split_preview(
    *,
    study: Study,
    source: Code,
    coding_ids: Iterable[int],
    target: Code | None = None,
    new_name: str = "",
    new_parent: Code | None = None,
) -> Preview:
    """Move the chosen codings of ``source`` to ``target``, or to a new code ``new_name`` under ``new_parent``."""
    scheme = study_scheme(study)
    chosen = set(coding_ids)
    new_name = new_name.strip()
    if not chosen:
        raise Refused(_("Choose at least one passage to move."))
    if (target is None) == (not new_name):
        raise Refused(_("Choose either an existing code or a name for a new code, not both."))
    tree = _Tree(scheme.pk)
    if target is not None and (target.pk == source.pk or target.scheme_id != scheme.pk):
        raise Refused(_("Choose another code of the study's scheme than “%(code)s”.") % {"code": source.name})
    if new_parent is not None and new_parent.scheme_id != scheme.pk:
        raise Refused(_("The new code's parent must be a code of the study's scheme."))
    if new_name:
        max_length = Code._meta.get_field("name").max_length or 200
        if len(new_name) > max_length:
            raise Refused(_("A code's name has at most %(limit)s characters.") % {"limit": max_length})
        tree.refuse_name_clash(new_parent, [new_name], ignore=set())
    receiving = [target.pk] if target is not None else []
    rows = _rows(Coding.objects.filter(code_id__in=[source.pk, *receiving]))
    moving = [row for row in rows if row.code_id == source.pk and row.id in chosen]
    strangers = sorted(chosen - {row.id for row in moving})
    if strangers:
        listed = ", ".join(str(coding_id) for coding_id in strangers[:10])
        raise Refused(_("Passage(s) %(ids)s are not coded with “%(code)s”.") % {"ids": listed, "code": source.name})
    kept = [row for row in rows if row.code_id != source.pk]
    into = target.name if target is not None else new_name
    return Preview(
        OperationKind.SPLIT,
        f"Moved {len(moving)} passage(s) of “{source.name}” to {'' if target else 'the new code '}“{into}”",
        source,
        target,
        new_parent=new_parent,
        new_name=new_name,
        moves=collapse(moving, kept, {source.pk: source.name}),
        interviews=_interviews(row.interview_id for row in moving),
        fingerprint=tree.digest(rows),
        heading=(
            _("Move %(count)s passage(s) of “%(source)s” to “%(target)s”")
            if target
            else _("Move %(count)s passage(s) of “%(source)s” to the new code “%(target)s”")
        )
        % {"count": len(moving), "source": source.name, "target": into},
    )


def move_preview(*, study: Study, code: Code, new_parent: Code | None) -> Preview:
    """Give ``code`` a new parent (None: the top level); its sub-tree follows."""
    scheme = study_scheme(study)
    if code.scheme_id != scheme.pk or (new_parent is not None and new_parent.scheme_id != scheme.pk):
        raise Refused(_("Only codes of the study's coding scheme can be moved."))
    tree = _Tree(scheme.pk)
    below = tree.below(code)
    if new_parent is not None and (new_parent.pk == code.pk or new_parent.pk in below):
        raise Refused(
            _(
                "“%(code)s” cannot move under “%(parent)s”, which is itself or one of its sub-codes: "
                "that would make a cycle."
            )
            % {"code": code.name, "parent": new_parent.name}
        )
    if code.parent_id == (new_parent.pk if new_parent else None):
        raise Refused(_("“%(code)s” is already there.") % {"code": code.name})
    tree.refuse_name_clash(new_parent, [code.name], ignore={code.pk})
    where = f"under “{new_parent.name}”" if new_parent else "to the top level"
    subtree = [code, *(tree.codes[pk] for pk in sorted(below))]
    interview_ids = Coding.objects.filter(code_id__in=[each.pk for each in subtree]).values("interview_id")
    return Preview(
        OperationKind.MOVE,
        f"Moved “{code.name}” {where}",
        code,
        new_parent=new_parent,
        subtree=subtree,
        interviews=list(
            Interview.objects.filter(pk__in=interview_ids).select_related("region").order_by("region__name", "title")
        ),
        fingerprint=tree.digest([]),
        heading=(
            _("Move “%(code)s” under “%(parent)s”") % {"code": code.name, "parent": new_parent.name}
            if new_parent
            else _("Move “%(code)s” to the top level") % {"code": code.name}
        ),
    )


@dataclass(frozen=True)
class CodebookRow:
    code: Code
    depth: int
    codings: int


def codebook_rows(scheme: CodingScheme) -> list[CodebookRow]:
    """The scheme's codes in tree order with depth and number of codings (two queries)."""
    per_code = Coding.objects.filter(code__scheme=scheme).values("code_id").annotate(n=Count("pk"))
    counts = dict(per_code.values_list("code_id", "n"))
    return [CodebookRow(code, depth, counts.get(code.pk, 0)) for code, depth in code_tree(scheme)]


def recent_operations(study: Study, limit: int = 10) -> list[CodebookOperation]:
    return list(study.codebook_operations.select_related("user", "undone_by").order_by("-id")[:limit])


def last_undoable(study: Study) -> CodebookOperation | None:
    """The latest operation not undone yet: the one the page offers to undo."""
    return study.codebook_operations.filter(undone_at__isnull=True).order_by("-id").first()


def split_candidates(source: Code) -> list[dict[str, Any]]:
    """The codings of ``source`` with their passage's paragraph label, interview and coder (two queries)."""
    codings = list(
        source.codings.select_related("interview__region", "coder")
        .defer("interview__transcript")
        .order_by("interview__title", "start", "pk")
    )
    indexes: dict[int, ParagraphIndex] = {}
    texts = dict(Interview.objects.filter(pk__in={c.interview_id for c in codings}).values_list("pk", "transcript"))
    result = []
    for coding in codings:
        index = indexes.setdefault(coding.interview_id, ParagraphIndex(texts[coding.interview_id]))
        result.append({"coding": coding, "paragraph": index.label(coding.start, coding.end)})
    return result
