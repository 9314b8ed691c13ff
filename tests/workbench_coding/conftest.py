from __future__ import annotations

import pytest

from tests import factories

# Non-ASCII and an astral-plane character: offsets are code points (Python str indices).
TRANSCRIPT = "Ärger 🙂 first.\nWe met at the Thursday lecture series and shared the clean room."


@pytest.fixture
def code(study):
    return factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation", colour="#2d7a46")


@pytest.fixture
def sub_code(study, code):
    return factories.CodeFactory(scheme=study.coding_scheme, parent=code, name="Shared facilities")


@pytest.fixture
def interview(region):
    return factories.InterviewFactory(region=region, title="Foundry founder", transcript=TRANSCRIPT)


@pytest.fixture
def actors(region):
    return factories.OrganisationFactory(region=region, name="Institute"), factories.OrganisationFactory(
        region=region, name="Foundry"
    )
