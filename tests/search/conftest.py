from __future__ import annotations

import pytest

from tests import factories

# Hand-written transcripts whose stems are known (Snowball, as PostgreSQL's german/english/swedish):
# german "Kooperationen" and "Kooperation" → "kooperation"; english "firms"/"firm" → "firm",
# "cooperating"/"cooperation" → "cooper"; swedish "samarbeten"/"samarbete" → "samarbet" (but "samarbetet" stays itself).
GERMAN = "Die Kooperation mit der Uni war eng.\n\nSpäter kamen Messen dazu. Wir trafen uns oft."
ENGLISH = "Our firm shares a clean room.\nTwo firms cooperate on training. Nobody mentioned the fair."
SWEDISH = "Samarbeten med högskolan var viktiga. Vi träffades ofta."


@pytest.fixture
def code(study):
    return factories.CodeFactory(scheme=study.coding_scheme, name="Cooperation", colour="#2d7a46")


@pytest.fixture
def german(region):
    return factories.InterviewFactory(region=region, title="Gießerei", language="de", transcript=GERMAN)


@pytest.fixture
def english(study):
    cambridge = factories.RegionFactory(study=study, name="Cambridgeshire", country="UK")
    return factories.InterviewFactory(region=cambridge, title="Spin-off founder", language="en", transcript=ENGLISH)


@pytest.fixture
def swedish(study):
    goteborg = factories.RegionFactory(study=study, name="Göteborg", country="Sweden")
    return factories.InterviewFactory(region=goteborg, title="Chalmers", language="sv", transcript=SWEDISH)
