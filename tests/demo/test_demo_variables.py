"""The demo study's own variables: region conditions and an outcome a QCA across the three regions
can use, and every actor's sector, with the values the demo's texts give (written out here by hand
from the interviews and descriptions, never read back from our own export)."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from coding.demo.loader import STUDY_TITLE
from coding.variables.models import Variable, VariableValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def values() -> dict[tuple[str, str, str], object]:
    call_command("seed_demo", "--password", "test-demo-pw-1", stdout=StringIO())
    found: dict[tuple[str, str, str], object] = {}
    rows = VariableValue.objects.filter(variable__study__title=STUDY_TITLE).select_related(
        "variable", "region", "actor"
    )
    for row in rows:
        record = row.region if row.variable.target == "region" else row.actor
        found[(row.variable.target, record.name, row.variable.name)] = row.value
    return found


def test_the_regions_carry_conditions_and_a_fuzzy_outcome_as_their_stories_tell(values):
    regions = {key: value for key, value in values.items() if key[0] == "region"}
    assert regions == {
        # The Combined Authority funds part of the Cluster Network's programme (i1); trust "is mostly
        # reputation" (i1); a shared apprenticeship programme and a rivals' open-source plugin in 2025.
        ("region", "Cambridgeshire", "public_programme"): True,
        ("region", "Cambridgeshire", "cluster_association"): True,
        ("region", "Cambridgeshire", "universities"): 1.0,
        ("region", "Cambridgeshire", "trust_basis"): "reputation",
        ("region", "Cambridgeshire", "renewal"): 0.8,
        # The region pays for the science park and single projects only; no association ("a building,
        # not a community", i8); two universities; "I trust the contract" (i5); the imaging platform failed.
        ("region", "Göteborg", "public_programme"): False,
        ("region", "Göteborg", "cluster_association"): False,
        ("region", "Göteborg", "universities"): 2.0,
        ("region", "Göteborg", "trust_basis"): "contract",
        ("region", "Göteborg", "renewal"): 0.4,
        # The ministry funds the foundry and co-funds the training network (i9); MST-Netzwerk Ruhr e.V.;
        # trust "built over thirty years" (i10); the first generation hands over (i11).
        ("region", "Dortmund", "public_programme"): True,
        ("region", "Dortmund", "cluster_association"): True,
        ("region", "Dortmund", "universities"): 1.0,
        ("region", "Dortmund", "trust_basis"): "personal",
        ("region", "Dortmund", "renewal"): 0.6,
    }
    renewal = Variable.objects.get(study__title=STUDY_TITLE, target="region", name="renewal")
    assert (renewal.type, renewal.unit) == ("numeric", "membership 0-1")


def test_every_actor_has_a_sector_and_a_person_takes_their_employers(values):
    sectors = {name: value for (target, name, variable), value in values.items() if variable == "sector"}
    actors = Variable.objects.get(study__title=STUDY_TITLE, target="actor", name="sector")
    assert actors.categories == ["industry", "academia", "government", "civil society", "intermediary"]
    assert len(sectors) == 53  # a1 ... a53: every actor of the demo
    assert sectors["Tom Barker"] == sectors["Cambridge Cluster Network"] == "intermediary"
    assert sectors["Andrzej Kowalski"] == sectors["Westfalia Elektronik AG"] == "industry"  # works council of a firm
    assert sectors["IG Metall Dortmund"] == "civil society"
    assert sectors["Dr Anna Nilsson"] == sectors["Chalmers University of Technology"] == "academia"
    assert sectors["Vinnova"] == "government"
    # Cambridgeshire, a1-a18 by hand: industry a2 a3 a4 a5 a8 (firms, angels) and the persons a14 a15
    # a17 a18; academia a1 a9 a13; intermediary a6 a7 a16; government a10 a11; civil society a12.
    cambridgeshire = Counter(
        value for (_, name, variable), value in values.items()
        if variable == "sector" and name in CAMBRIDGESHIRE
    )  # fmt: skip
    assert cambridgeshire == {"industry": 9, "academia": 3, "intermediary": 3, "government": 2, "civil society": 1}


CAMBRIDGESHIRE = {
    "University of Cambridge, Computer Laboratory", "Arden Silicon Ltd", "FenLogic Ltd", "Quaystack Ltd",
    "Granta Data Systems Ltd", "Cambridge Cluster Network", "St John's Innovation Hub", "Fenland Angels",
    "Cambridge Regional College", "Cambridgeshire & Peterborough Combined Authority",
    "Department for Science, Innovation and Technology", "PyData community (Cambridge, London, Berlin)",
    "Dr Sarah Hughes", "Daniel Okafor", "Mei Lin", "Tom Barker", "Priya Shah", "Jamie Wells",
}  # fmt: skip
