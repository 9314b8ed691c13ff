"""The study's memos in its JSON dump: written after the regions (whose keys they name), read last.

A memo names its target by the dump key of the code, actor, interview, region or wave. Waves and
interviews get their keys region by region while the dump streams; ``MemoKeys`` keeps the keys of
the few that memos are written on (known from one query before the regions are written).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from coding.exchange.dump.fields import CHUNK_ROWS
from coding.memos.models import TARGET_FIELDS, Memo

if TYPE_CHECKING:
    from cases.models import Study
    from coding.exchange.dump.importer import Importer

# Targets whose keys are handed out while the regions stream (actors and codes are numbered first).
STREAMED = ("interview", "region", "wave")


class MemoKeys:
    """The dump keys of the interviews, regions and waves that the study's memos are written on."""

    def __init__(self, study: Study) -> None:
        self.study = study
        rows = Memo.objects.filter(study=study).values_list(*(f"{kind}_id" for kind in STREAMED))
        self.wanted = {(kind, pk) for row in rows for kind, pk in zip(STREAMED, row, strict=True) if pk is not None}
        self.keys: dict[tuple[str, int], str] = {}

    def note(self, kind: str, pk: int, key: str) -> None:
        if (kind, pk) in self.wanted:
            self.keys[(kind, pk)] = key

    def records(
        self,
        actor_keys: Mapping[int, str],
        code_keys: Mapping[int, str],
        text: Callable[[str], str],
        researcher: Callable[[int | None, str | None], str | None],
    ) -> Iterator[dict[str, Any]]:
        """The memos in the order they were written (one query, streamed)."""
        fields = ("title", "text", "author_id", "author__username", *(f"{kind}_id" for kind in TARGET_FIELDS))
        rows = Memo.objects.filter(study=self.study).order_by("pk").values(*fields).iterator(chunk_size=CHUNK_ROWS)
        for row in rows:
            yield {
                "title": text(row["title"]),
                "text": text(row["text"]),
                "author": researcher(row["author_id"], row["author__username"]),
                "code": code_keys.get(row["code_id"]) if row["code_id"] else None,
                "actor": actor_keys.get(row["actor_id"]) if row["actor_id"] else None,
                **{kind: self.keys.get((kind, row[f"{kind}_id"])) for kind in STREAMED},
            }


def create_memos(importer: Importer) -> None:
    """The dump's memos on the rows just created; a memo whose target failed its checks is skipped
    (the target's problem is reported at the target)."""
    regions = importer.document["regions"]
    by_key: dict[str, Mapping[str, Any]] = {
        "code": importer.codes,
        "actor": importer.actors,
        "interview": {record["key"]: interview for _, interview, record in importer.interviews},
        "region": {record["key"]: importer.regions.get(index) for index, record in enumerate(regions)},
        "wave": importer.waves,
    }
    rows = []
    for index, record in enumerate(importer.document["memos"]):
        path = f"memos[{index}]"
        memo = Memo(
            study=importer.study_row,
            author=importer.coder(record["author"]) or importer.user,
            title=record["title"],
            text=record["text"],
        )
        targets = {kind: by_key[kind].get(record[kind]) for kind in TARGET_FIELDS if record[kind] is not None}
        if any(target is None or target.pk is None for target in targets.values()):
            continue
        for kind, target in targets.items():
            setattr(memo, kind, target)
        if importer.checked(memo, path, exclude=["study", "author", *TARGET_FIELDS]):
            rows.append((path, memo))
    importer.insert(Memo, rows)
