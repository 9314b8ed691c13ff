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
from coding.analysis.message import Message, message
from coding.comparison.rows import CLASSIFICATIONS, LABEL, SHARE, Cell, Column, Evidence, Row, Section, percent, section

MakeRow = Callable[[str, Message, str, Sequence[Column], Callable[[Column], Cell | None]], Row]


def stability_section(columns: Sequence[Column], make_row: MakeRow) -> Section:
    """Rows of every classification's checks; ``make_row`` is the table's row builder."""
    rows = []
    for name in CLASSIFICATIONS:
        title = glossary.term(glossary.CLASSIFICATIONS, name).label
        for part, label, kind, read in (
            ("kept", message("kept in resamples"), SHARE, _kept),
            ("low_confidence", message("without low-confidence ties"), LABEL, _low_confidence),
            ("interviewed", message("deciding actors interviewed"), SHARE, _interviewed),
        ):
            label = Message("{title}: {part}", {"title": Message(title), "part": label})
            rows.append(make_row(f"stability.{name}.{part}", label, kind, columns, _reader(name, read)))
    note = message(
        "Share of resamples (the layer re-derived without a random share of its ties) that keep each label, "
        "the label without low-confidence ties, and how many of the actors deciding it were interviewed."
    )
    return section("stability", message("Stability of the classifications"), rows, note)


def _reader(name: str, read: Callable[[Mapping[str, Any]], Cell]) -> Callable[[Column], Cell | None]:
    def cell(column: Column) -> Cell | None:
        result = column.stored_result
        record = next((item for item in result.get("classifications", []) if item.get("name") == name), None)
        if record is None:
            return None
        state = stability_state(result)
        entry = record.get("stability")
        if state != "computed" or not isinstance(entry, Mapping):
            said = message("being computed") if state == "computing" else message("not computed")
            return Cell(None, str(said), said=said)
        found = read(entry)
        found.evidence = Evidence("analysis", f"classification-{name}")
        return found

    return cell


def _kept(entry: Mapping[str, Any]) -> Cell:
    part = entry["resampling"]
    if "skipped" in part:
        said = message("not resampled ({reason})", reason=str(part["skipped"]))
        return Cell(None, str(said), said=said)
    said = message("{share} of {runs}", share=percent(part["kept_share"]), runs=part["runs"])
    return Cell(part["kept_share"], f"{part['kept_share']:.0%} of {part['runs']}", said=said)


def _low_confidence(entry: Mapping[str, Any]) -> Cell:
    part = entry["without_low_confidence"]
    text = glossary.classification_label(part["label"])
    if not part["low_confidence_ties"]:
        said = message("{label} (no low-confidence ties)", label=Message(text))
    elif part["same"]:
        said = message("{label} (same)", label=Message(text))
    else:
        said = message("{label} (changed)", label=Message(text))
    return Cell(part["label"], str(said), said=said)


def _interviewed(entry: Mapping[str, Any]) -> Cell:
    part = entry["interviews"]
    text = f"{part['interviewed']} of {part['deciding_actors']}" + (", tentative" if part["tentative"] else "")
    counts = {"interviewed": part["interviewed"], "deciding": part["deciding_actors"]}
    said = (
        message("{interviewed} of {deciding}, tentative", **counts)
        if part["tentative"]
        else message("{interviewed} of {deciding}", **counts)
    )
    return Cell(part["interviewed_share"], text, said=said)
