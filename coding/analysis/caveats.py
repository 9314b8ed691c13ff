"""Who decides a classification, whether they were interviewed, and the caveat sentence (docs/stability.md).

Tentative rule (Kossinets 2006; Borgatti, Carley & Krackhardt 2006): ties of actors who were not
interviewed are known only from what others said, so a label that rests on such actors may change
once they are asked. The **deciding actors** of a record are its ``actor_ids`` together with the
endpoints of its ``tie_ids`` (brokers and their bridges, a club's core, co-opetition pairs and the
mode-coded ties, the organisations judged, the boundary spanners and their crossing ties); a record
that names neither (e.g. "no club-like core") is decided by every actor with a tie in the layer.
The label is **tentative** when the share of deciding actors interviewed is below
``tentative_min_interviewed_share`` (a convention, 0.5 by default, to be set per study: the
literature shows the bias grows with the share missing, not a cut-off).

An actor counts as interviewed when the observation coverage lists it (``coverage``: an
interviewee) or, for an organisation, when one of its persons is an interviewee: the interview
reported the organisation's ties from inside.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from coding.analysis.coverage import observation_coverage
from coding.analysis.glossary import classification_label
from coding.analysis.inputs import ORGANISATION, ActorNode
from coding.analysis.message import Arg, Figure, Message, message, plural_message

# How a record that a run (or the derivation without low-confidence ties) does not produce is
# counted among its labels: e.g. a community's Grabher mix when the communities moved.
NO_RECORD = "(no such record)"


def interviewed_actors(actors: Sequence[ActorNode]) -> set[int]:
    """Interviewees (as the observation coverage lists them) and the organisations they belong to."""
    listed = observation_coverage(actors)["interviewed_actor_ids"]
    interviewed = set(listed) if isinstance(listed, list) else set()
    organisations = {actor.id for actor in actors if actor.kind == ORGANISATION}
    employers = {actor.affiliation_id for actor in actors if actor.id in interviewed}
    return interviewed | {actor_id for actor_id in organisations if actor_id in employers}


def deciding_actors(
    record: Mapping[str, Any], endpoints: Mapping[int, tuple[int, int]], layer_actors: Collection[int]
) -> set[int]:
    """The record's actors and the endpoints of its ties; all actors of the layer's ties if it names none."""
    actors = set(record.get("actor_ids") or ())
    for tie_id in record.get("tie_ids") or ():
        actors.update(endpoints.get(tie_id, ()))
    return actors or set(layer_actors)


def interviews(deciding: set[int], interviewed: set[int], min_share: float) -> dict[str, Any]:
    """How many deciding actors were interviewed, and whether that makes the label tentative."""
    reached = deciding & interviewed
    share = len(reached) / len(deciding) if deciding else None
    return {
        "deciding_actors": len(deciding),
        "interviewed": len(reached),
        "interviewed_share": share,
        "not_interviewed_ids": sorted(deciding - interviewed),
        "min_interviewed_share": min_share,
        "tentative": share is not None and share < min_share,
    }


def caveat_sentence(entry: Mapping[str, Any]) -> str:
    """E.g. "kept in 62% of 500 resamples dropping 10% of ties (2 of 20); same without the 3
    low-confidence ties; tentative: 3 of 5 deciding actors not interviewed"."""
    return str(caveat_message(entry))


def caveat_message(entry: Mapping[str, Any]) -> Message:
    """The caveat sentence as a message, so a page can say it in its reader's language."""
    return message(
        "{resampling}; {low}; {tentative}",
        resampling=_resampling(entry["resampling"]),
        low=_low(entry["without_low_confidence"]),
        tentative=_tentative(entry),
    )


def _percent(share: float) -> Figure:
    return Figure(share * 100, 0)


def _resampling(part: Mapping[str, Any]) -> Message:
    if "skipped" in part:
        return message("not resampled ({reason})", reason=str(part["skipped"]))
    args: dict[str, Arg] = {
        "kept": _percent(part["kept_share"]),
        "runs": part["runs"],
        "dropped": _percent(part["drop_share"]),
        "dropped_ties": part["dropped_ties"],
        "pool": part["pool_ties"],
    }
    if part.get("planned_runs", part["runs"]) > part["runs"]:
        return message(
            # xgettext:no-python-format
            "kept in {kept}% of {runs} resamples dropping {dropped}% of ties ({dropped_ties} of {pool}), "
            "stopped at the time limit of {planned} planned",
            planned=part["planned_runs"],
            **args,
        )
    return message(
        # xgettext:no-python-format
        "kept in {kept}% of {runs} resamples dropping {dropped}% of ties ({dropped_ties} of {pool})",
        **args,
    )


def _low(part: Mapping[str, Any]) -> Message:
    count = part["low_confidence_ties"]
    if not count:
        return message("no low-confidence ties")
    if part["same"]:
        return plural_message(
            "same without the {count} low-confidence tie", "same without the {count} low-confidence ties", count
        )
    if part["label"] == NO_RECORD:
        return plural_message(
            "without the {count} low-confidence tie the record is not produced (e.g. its community changed)",
            "without the {count} low-confidence ties the record is not produced (e.g. its community changed)",
            count,
        )
    return plural_message(
        "without the {count} low-confidence tie: {label}",
        "without the {count} low-confidence ties: {label}",
        count,
        label=Message(classification_label(part["label"])),
    )


def _tentative(entry: Mapping[str, Any]) -> Message:
    part = entry["interviews"]
    deciding, missing = part["deciding_actors"], part["deciding_actors"] - part["interviewed"]
    if not deciding:
        return message("no deciding actors")
    if part["tentative"]:
        return message(
            "tentative: {missing} of {deciding} deciding actors not interviewed", missing=missing, deciding=deciding
        )
    return message(
        "{interviewed} of {deciding} deciding actors interviewed", interviewed=part["interviewed"], deciding=deciding
    )


def stability_state(result: Mapping[str, Any]) -> str:
    """Of a stored result: "computed", "failed", or "computing" while the follow-up run is pending."""
    summary = result.get("stability")
    if not isinstance(summary, Mapping):
        return "computing"
    return "failed" if summary.get("status") == "failed" else "computed"


def stability_text(result: Mapping[str, Any], record: Mapping[str, Any]) -> str:
    """What a page or file says next to a record's label about its stability and caveats."""
    return str(stability_message(result, record))


def stability_message(result: Mapping[str, Any], record: Mapping[str, Any]) -> Message | str:
    """``stability_text`` as a message (rebuilt from the stored entry); a page renders it per language."""
    state = stability_state(result)
    if state == "computing":
        return message("being computed")
    if state == "failed":
        error = result["stability"].get("error")
        return (
            message("not computed: {error}", error=error)
            if error is not None
            else message("not computed: the run failed")
        )
    entry = record.get("stability")
    if not isinstance(entry, Mapping):
        return message("not computed for this record")
    try:
        return caveat_message(entry)
    except (KeyError, TypeError):  # an entry stored by an earlier version: its English sentence
        return str(entry.get("sentence", ""))
