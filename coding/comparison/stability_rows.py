"""The comparison's section on the stability and caveats of each classification (docs/stability.md).

Three rows per classification, read from the ``stability`` entry the worker's follow-up run adds
to each record: the share of resamples that keep the label, the label without low-confidence ties,
and the share of the deciding actors that were interviewed (with "tentative" below the threshold).
Raw values (shares as fractions, labels as keys) so that the CSV and XLSX files carry them too.
No Django in here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from coding.analysis import glossary
from coding.analysis.caveats import stability_state
from coding.comparison.rows import CLASSIFICATIONS, LABEL, SHARE, Cell, Column, Evidence, Row, Section

MakeRow = Callable[[str, str, str, Sequence[Column], Callable[[Column], Cell | None]], Row]


def stability_section(columns: Sequence[Column], make_row: MakeRow) -> Section:
    """Rows of every classification's checks; ``make_row`` is the table's row builder."""
    rows = []
    for name in CLASSIFICATIONS:
        title = glossary.term(glossary.CLASSIFICATIONS, name).label
        for part, label, kind, read in (
            ("kept", "kept in resamples", SHARE, _kept),
            ("low_confidence", "without low-confidence ties", LABEL, _low_confidence),
            ("interviewed", "deciding actors interviewed", SHARE, _interviewed),
        ):
            rows.append(make_row(f"stability.{name}.{part}", f"{title}: {label}", kind, columns, _reader(name, read)))
    note = (
        "Share of resamples (the layer re-derived without a random share of its ties) that keep each label, "
        "the label without low-confidence ties, and how many of the actors deciding it were interviewed."
    )
    return Section("stability", "Stability of the classifications", rows, note)


def _reader(name: str, read: Callable[[Mapping[str, Any]], Cell]) -> Callable[[Column], Cell | None]:
    def cell(column: Column) -> Cell | None:
        result = column.stored_result
        record = next((item for item in result.get("classifications", []) if item.get("name") == name), None)
        if record is None:
            return None
        state = stability_state(result)
        entry = record.get("stability")
        if state != "computed" or not isinstance(entry, Mapping):
            return Cell(None, "being computed" if state == "computing" else "not computed")
        found = read(entry)
        found.evidence = Evidence("analysis", f"classification-{name}")
        return found

    return cell


def _kept(entry: Mapping[str, Any]) -> Cell:
    part = entry["resampling"]
    if "skipped" in part:
        return Cell(None, f"not resampled ({part['skipped']})")
    return Cell(part["kept_share"], f"{part['kept_share']:.0%} of {part['runs']}")


def _low_confidence(entry: Mapping[str, Any]) -> Cell:
    part = entry["without_low_confidence"]
    text = glossary.classification_label(part["label"])
    if not part["low_confidence_ties"]:
        return Cell(part["label"], f"{text} (no low-confidence ties)")
    return Cell(part["label"], f"{text} ({'same' if part['same'] else 'changed'})")


def _interviewed(entry: Mapping[str, Any]) -> Cell:
    part = entry["interviews"]
    text = f"{part['interviewed']} of {part['deciding_actors']}" + (", tentative" if part["tentative"] else "")
    return Cell(part["interviewed_share"], text)
