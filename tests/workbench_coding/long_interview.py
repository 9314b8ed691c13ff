"""A long interview for the coding view's benchmark and its size test: TEXT_CHARS characters in
speaker turns (blank lines between), CODES codes in a two-level tree, CODINGS codings by three
coders (random but seeded, so every run builds the same)."""

from __future__ import annotations

import random

from cases.choices import Role
from cases.models import Interview
from coding.models import Code, Coding
from tests import factories

TEXT_CHARS, CODES, CODINGS = 50_000, 55, 300

WORDS = ["we", "cooperate", "with", "the", "institute", "on", "clean", "room", "and", "share", "staff", "foundry"]
WORDS += ["our", "customers", "come", "from", "region", "university", "sends", "students", "to", "lab"]


def transcript(rng: random.Random) -> str:
    """Speaker turns of 40–120 words separated by blank lines, cut at TEXT_CHARS characters."""
    turns: list[str] = []
    while sum(len(turn) + 2 for turn in turns) < TEXT_CHARS:
        speaker = "I" if len(turns) % 2 == 0 else "R"
        turns.append(f"{speaker}: " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))))
    return "\n\n".join(turns)[:TEXT_CHARS]


def fixture_interview(lead) -> Interview:
    """The interview, in a new study led by ``lead``."""
    rng = random.Random(15)
    study = factories.StudyFactory(title="Coding view benchmark")
    factories.MembershipFactory(study=study, user=lead, role=Role.LEAD)
    coders = [lead] + [factories.UserFactory(username=f"bench-coder-{i}") for i in range(2)]
    for coder in coders[1:]:
        factories.MembershipFactory(study=study, user=coder, role=Role.CODER)
    region = factories.RegionFactory(study=study)
    text = transcript(rng)
    interview = Interview.objects.create(region=region, title="Long interview", transcript=text)
    parents = [factories.CodeFactory(scheme=study.coding_scheme, name=f"Theme {i}") for i in range(11)]
    codes = parents + [
        factories.CodeFactory(scheme=study.coding_scheme, parent=parents[i % 11], name=f"Sub-code {i}")
        for i in range(CODES - len(parents))
    ]
    rows = []
    for i in range(CODINGS):
        start = rng.randrange(0, TEXT_CHARS - 800)
        end = start + rng.randint(20, 800)
        rows.append(
            Coding(
                interview=interview,
                code=codes[i % len(codes)],
                coder=coders[i % 3],
                start=start,
                end=end,
                quote=text[start:end],
                memo="" if i % 4 else f"Memo {i}",
            )
        )
    Coding.objects.bulk_create(rows)
    assert Code.objects.filter(scheme=study.coding_scheme).count() == CODES
    return interview
