"""The "Agreement on recorded ties" section of the interview and study agreement pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from cases.models import Interview, Study
from coding.workbench import tie_selectors
from coding.workbench.tie_agreement import PRESENCE, per_interview, tie_agreement


def tie_agreement_section(*, study: Study | None = None, interview: Interview | None = None) -> dict[str, Any]:
    """The figures (presence, mode given presence) and the disagreeing dyads, named and linked."""
    recorded = tie_selectors.recorded_ties(study=study, interview=interview)
    found = tie_agreement(recorded)
    # On the study page, each counting interview's own figures as well.
    by_interview = per_interview(recorded) if interview is None else {}
    listed = found.disagreements
    names = tie_selectors.labels(
        {actor for item in listed for actor in item.pair},
        {coder for item in listed for coder, _value in item.values},
        {coding for item in listed for coding in item.coding_ids},
        {item.interview for item in listed} | set(by_interview),
    )
    rows = [
        {
            "kind": "presence" if item.kind == PRESENCE else "modes",
            "interview": {
                "title": names["interviews"].get(item.interview, ""),
                "url": reverse("coding:interview-agreement", args=[item.interview]),
            },
            "pair": " – ".join(names["actors"].get(actor, str(actor)) for actor in item.pair),
            "values": [(names["coders"].get(coder, str(coder)), value) for coder, value in item.values],
            "ties": [{"id": t, "url": reverse("coding:interaction-detail", args=[t])} for t in item.tie_ids],
            "passages": [
                {
                    "quote": names["passages"][c][1],
                    "url": reverse("coding:interview-code", args=[names["passages"][c][0]]),
                }
                for c in item.coding_ids
                if c in names["passages"]
            ],
        }
        for item in listed
    ]
    interviews = [
        {
            "title": names["interviews"].get(interview_id, ""),
            "url": reverse("coding:interview-agreement", args=[interview_id]),
            "result": result,
        }
        for interview_id, result in sorted(by_interview.items(), key=lambda item: str(item[0]))
    ]
    return {"tie_agreement": {"result": found, "disagreements": rows, "interviews": interviews}}


def _passage(found: tuple[int, str]) -> dict[str, str]:
    interview_id, quote = found
    return {"quote": quote, "url": reverse("coding:interview-code", args=[interview_id])}
