"""A study with variables of every type on regions, waves, actors and interviews, for the exchange tests.

The values are written here by hand (through ``coding.variables.services``, as the pages write
them); the tests compare what comes back from each file with these, never with our own export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cases.models import Actor, Interview, Region, Study, Wave
from coding.variables.models import Variable
from coding.variables.services import values_set_many, variable_create
from tests import factories

SECTORS = ["photonics", "software", "medical devices"]


@dataclass
class VariableWorld:
    study: Study
    region: Region
    wave: Wave
    firm: Actor
    lab: Actor
    person: Actor
    interview: Interview
    variables: dict[str, Variable]


def define(study: Study) -> dict[str, Variable]:
    """One variable of each type, on the kinds of record where a researcher would keep them."""
    return {
        "renewal": variable_create(
            study=study, target="region", name="renewal", label="Successful renewal", type="boolean"
        ),
        "gdp_growth": variable_create(
            study=study, target="region", name="gdp_growth", label="GDP growth", type="numeric", unit="% p.a."
        ),
        "funding_start": variable_create(
            study=study, target="wave", name="funding_start", label="Funding programme started", type="date"
        ),
        "sector": variable_create(
            study=study,
            target="actor",
            name="sector",
            label="Sector",
            type="categorical",
            categories=SECTORS,
            description="Main market of the actor, coded from the interviews.",
        ),
        "association_member": variable_create(
            study=study, target="actor", name="association_member", label="Member of the association", type="boolean"
        ),
        "employees": variable_create(
            study=study, target="actor", name="employees", label="Employees", type="numeric", unit="persons"
        ),
        "note": variable_create(study=study, target="actor", name="note", label="Note", type="text"),
        "setting_quality": variable_create(
            study=study,
            target="interview",
            name="setting_quality",
            label="Quality of the setting",
            type="categorical",
            categories=["good", "poor"],
        ),
        "recorded_on": variable_create(
            study=study, target="interview", name="recorded_on", label="Recorded on", type="date"
        ),
    }


def make_world(study: Study, region: Region) -> VariableWorld:
    """The ``world`` fixture of the variable tests: each test module declares it from this."""
    variables = define(study)
    wave = factories.WaveFactory(region=region, label="2019")
    firm = factories.OrganisationFactory(region=region, name="Lasertech GmbH")
    lab = factories.OrganisationFactory(region=region, name="Fraunhofer IMS")
    person = factories.PersonFactory(region=region, name="Petra Schmidt", affiliation=firm)
    interview = factories.InterviewFactory(region=region, wave=wave, title="Interview Lasertech")
    interview.interviewees.add(person)
    values_set_many(
        study=study,
        changes={
            variables["renewal"]: {region.pk: "yes"},
            variables["gdp_growth"]: {region.pk: "2,5"},
            variables["funding_start"]: {wave.pk: "2019-03-01"},
            variables["sector"]: {firm.pk: "photonics", lab.pk: "Medical devices"},  # spelling of the definition kept
            variables["association_member"]: {firm.pk: "true", lab.pk: "false"},
            variables["employees"]: {firm.pk: "120", lab.pk: "35.5"},
            variables["note"]: {firm.pk: "Spin-off of the university"},
            variables["setting_quality"]: {interview.pk: "good"},
            variables["recorded_on"]: {interview.pk: "2019-05-14"},
            # The person has no value of any actor variable: a missing value, which is fine.
        },
    )
    return VariableWorld(study, region, wave, firm, lab, person, interview, variables)


# What ``world`` holds, written out by hand: (target, record name, variable) -> typed value.
EXPECTED_VALUES = {
    ("region", "Dortmund", "renewal"): True,
    ("region", "Dortmund", "gdp_growth"): 2.5,
    ("wave", "2019", "funding_start"): dt.date(2019, 3, 1),
    ("actor", "Lasertech GmbH", "sector"): "photonics",
    ("actor", "Fraunhofer IMS", "sector"): "medical devices",
    ("actor", "Lasertech GmbH", "association_member"): True,
    ("actor", "Fraunhofer IMS", "association_member"): False,
    ("actor", "Lasertech GmbH", "employees"): 120.0,
    ("actor", "Fraunhofer IMS", "employees"): 35.5,
    ("actor", "Lasertech GmbH", "note"): "Spin-off of the university",
    ("interview", "Interview Lasertech", "setting_quality"): "good",
    ("interview", "Interview Lasertech", "recorded_on"): dt.date(2019, 5, 14),
}


def stored_values(study: Study) -> dict[tuple[str, str, str], object]:
    """The study's values by (target, record name, variable name), read straight from the rows."""
    from coding.variables.models import VariableValue

    found: dict[tuple[str, str, str], object] = {}
    rows = VariableValue.objects.filter(variable__study=study).select_related(
        "variable", "region", "wave", "actor", "interview"
    )
    for row in rows:
        target = row.variable.target
        record = getattr(row, target)
        name = {"region": "name", "wave": "label", "actor": "name", "interview": "title"}[target]
        found[(target, getattr(record, name), row.variable.name)] = row.value
    return found


def definitions(study: Study) -> list[tuple]:
    return list(
        Variable.objects.filter(study=study)
        .order_by("target", "position")
        .values_list("target", "name", "label", "type", "categories", "description", "unit", "position")
    )
