"""A small coded study for Boolean retrieval and co-occurrence, offsets and paragraphs worked out by hand.

Transcript of "Founder, spring" (paragraphs are non-blank lines):
    ¶ 1  [0, 23)   "We trust the institute."
         (blank line)
    ¶ 2  [25, 48)  "But the rivals copy us."
    ¶ 3  [49, 71)  "Then we left the park."

Codings (code, coder, [start, end), paragraph):
    trust    Trust    bob    [3, 8)    "trust"                    ¶ 1   memo "Trust in the institute"
    whole    Rivalry  alice  [0, 23)   "We trust the institute."  ¶ 1
    rivals   Rivalry  bob    [33, 39)  "rivals"                   ¶ 2
    left     Exit     bob    [57, 61)  "left"                     ¶ 3
    later    Exit     bob    [0, 5) of a second interview "Engineer, autumn" (no other code there)
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cases.models import Interview
from coding.models import Code, Coding
from tests import factories

TRANSCRIPT = "We trust the institute.\n\nBut the rivals copy us.\nThen we left the park.\n"


@dataclass
class World:
    trust: Code
    rivalry: Code
    exit: Code
    interview: Interview
    second: Interview
    codings: dict[str, Coding]


def coding(interview, code, coder, start, end, memo=""):
    return factories.CodingFactory(
        interview=interview, code=code, coder=coder, start=start, length=end - start, memo=memo
    )


@pytest.fixture
def world(study, region, alice, bob, carol) -> World:
    wave = factories.WaveFactory(region=region, label="Spring 2024")
    trust = factories.CodeFactory(scheme=study.coding_scheme, name="Trust")
    rivalry = factories.CodeFactory(scheme=study.coding_scheme, name="Rivalry")
    exit_code = factories.CodeFactory(scheme=study.coding_scheme, name="Exit")
    interview = factories.InterviewFactory(region=region, wave=wave, title="Founder, spring", transcript=TRANSCRIPT)
    second = factories.InterviewFactory(region=region, title="Engineer, autumn", transcript="Later we left too.")
    codings = {
        "trust": coding(interview, trust, bob, 3, 8, memo="Trust in the institute"),
        "whole": coding(interview, rivalry, alice, 0, 23),
        "rivals": coding(interview, rivalry, bob, 33, 39),
        "left": coding(interview, exit_code, bob, 57, 61),
        "later": coding(second, exit_code, bob, 0, 5),
    }
    return World(trust, rivalry, exit_code, interview, second, codings)
