"""Fixtures of the job tests: the analysis-worker tests' real broker queue and real worker processes."""

from __future__ import annotations

import json

import pytest

from coding.exchange.dump import study_dump
from tests import factories
from tests.analysis_worker.conftest import clean_broker, sent, start_worker  # noqa: F401


@pytest.fixture
def dump_bytes(study, region, bob) -> bytes:
    """A dump of ``study``: one region, two actors, an interview with two codings and a tie."""
    first, second = factories.OrganisationFactory(region=region), factories.PersonFactory(region=region)
    interview = factories.InterviewFactory(region=region)
    interview.interviewees.add(second)
    coding = factories.CodingFactory(interview=interview, coder=bob, start=0, length=11)
    factories.CodingFactory(interview=interview, coder=bob, start=13, length=5)
    tie = factories.InteractionFactory(region=region, source=first, target=second)
    tie.evidence.add(coding)
    return "".join(study_dump(study)).encode()


@pytest.fixture
def broken_dump(dump_bytes) -> bytes:
    """The same dump with two wrong values: an actor's kind and a coding's quote."""
    document = json.loads(dump_bytes)
    document["regions"][0]["actors"][0]["kind"] = "robot"
    document["regions"][0]["interviews"][0]["codings"][0]["quote"] = "not what the transcript says"
    return json.dumps(document).encode()
