"""A small hand-built codebook with codings, shared by the codebook tests.

Transcript paragraphs (one per line):
  ¶ 1 "Interviewer: How did the foundry come about?"            offsets 0–44
  ¶ 2 "Respondent: We met the people from the institute."        offsets 45–94
  ¶ 3 "We shared the clean room."                                offsets 95–120

Codes (scheme of ``study``):           Codings (interview "Foundry founder"):
  Cooperation (A)                        c1 A  alice 45–94  memo "first look"
    Joint projects (A1)                  c2 A  bob   95–120 memo "bob on A"
  Collaboration (B)                      c3 A  alice 95–120 memo "A's note"
    Shared facilities (B1)               c4 B  alice 95–120 memo "B's note"   (same passage and coder as c3)
  Rivalry (C)                            c5 B  bob   95–120 memo ""           (same passage and coder as c2)
                                         c6 A1 bob   0–44   memo ""
The tie cites c3; the outcome cites c2 and c5.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from coding.models import Code, Coding, Interaction, Outcome
from tests import factories

TRANSCRIPT = (
    "Interviewer: How did the foundry come about?\n"
    "Respondent: We met the people from the institute.\n"
    "We shared the clean room."
)


@dataclass
class Book:
    a: Code
    a1: Code
    b: Code
    b1: Code
    c: Code
    codings: dict[str, Coding]
    tie: Interaction
    outcome: Outcome


@pytest.fixture
def book(study, region, alice, bob) -> Book:
    scheme = study.coding_scheme
    a = factories.CodeFactory(scheme=scheme, name="Cooperation")
    a1 = factories.CodeFactory(scheme=scheme, name="Joint projects", parent=a)
    b = factories.CodeFactory(scheme=scheme, name="Collaboration")
    b1 = factories.CodeFactory(scheme=scheme, name="Shared facilities", parent=b)
    c = factories.CodeFactory(scheme=scheme, name="Rivalry")
    interview = factories.InterviewFactory(region=region, title="Foundry founder", transcript=TRANSCRIPT)

    def coding(code: Code, coder, start: int, end: int, memo: str) -> Coding:
        return factories.CodingFactory(
            interview=interview, code=code, coder=coder, start=start, end=end, quote=TRANSCRIPT[start:end], memo=memo
        )

    codings = {
        "c1": coding(a, alice, 45, 94, "first look"),
        "c2": coding(a, bob, 95, 120, "bob on A"),
        "c3": coding(a, alice, 95, 120, "A's note"),
        "c4": coding(b, alice, 95, 120, "B's note"),
        "c5": coding(b, bob, 95, 120, ""),
        "c6": coding(a1, bob, 0, 44, ""),
    }
    tie = factories.InteractionFactory(region=region)
    tie.evidence.add(codings["c3"])
    outcome = factories.OutcomeFactory(region=region)
    outcome.evidence.add(codings["c2"], codings["c5"])
    return Book(a, a1, b, b1, c, codings, tie, outcome)


def state(study) -> dict:
    """Everything a reorganisation may touch, as plain values (to compare before and after)."""
    scheme_codes = Code.objects.filter(scheme=study.coding_scheme)
    codings = Coding.objects.filter(interview__region__study=study)
    return {
        "codes": set(scheme_codes.values_list("id", "name", "parent_id", "colour", "order")),
        "codings": set(
            codings.values_list("id", "code_id", "memo", "interview_id", "coder_id", "start", "end", "quote")
        ),
        "tie_evidence": set(Interaction.evidence.through.objects.values_list("interaction_id", "coding_id")),
        "outcome_evidence": set(Outcome.evidence.through.objects.values_list("outcome_id", "coding_id")),
    }
