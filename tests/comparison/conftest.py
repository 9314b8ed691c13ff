"""A small two-region study whose comparison figures are computed by hand in the tests.

Alpha: firms F1, F2, F3 (SMEs), university U with its apprentice P (an isolate), ministry M
(external). Ties: F1–F2 cooperation (strong, long-lasting, private sphere: communality), F2–F3 cooperation (weak,
face to face, fleeting: sociality), F1–F3 cooperation and rivalry, U–F1 cooperation, M–U
competition. Interviewed: F1 and P.

Beta: start-up G1, large firm G2 with its works councillor W, institute R, transregional
community E (quasi-external). Ties: G1–G2 rivalry, G2–R cooperation by e-mail on professional
norms, R–E cooperation by video on institutional trust (both connectivity), W–G1 conflict.
Interviewed: W, R and E.
"""

from __future__ import annotations

import pytest

from coding.worker import tasks
from coding.worker.models import RegionAnalysisState
from tests import factories


def compute(region) -> None:
    """Every snapshot of ``region``, stored as the worker does (called directly, no broker)."""
    tasks.recompute_region(region.pk, RegionAnalysisState.objects.get(region=region).version)


def _tie(region, source, target, **fields):
    chosen = fields.pop("modes", ("cooperation",))
    modes = {f"mode_{mode}": mode in chosen for mode in ("cooperation", "competition", "rivalry", "conflict")}
    return factories.InteractionFactory(region=region, source=source, target=target, **modes, **fields)


@pytest.fixture
def alpha(study):
    region = factories.RegionFactory(study=study, name="Alpha")
    org = lambda name, kind="firm_sme", **kw: factories.OrganisationFactory(  # noqa: E731
        region=region, name=name, org_type=kind, **kw
    )
    f1, f2, f3 = org("F1"), org("F2"), org("F3")
    university = org("U", "university")
    ministry = org("M", "politics", location="external")
    apprentice = factories.PersonFactory(region=region, name="P", affiliation=university, hierarchy_level="apprentice")
    strong = {f"rating_{c}": 4 for c in ("time", "emotional_intensity", "intimacy", "reciprocal_services")}
    weak = {f"rating_{c}": 1 for c in ("time", "emotional_intensity", "intimacy", "reciprocal_services")}
    ties = {
        # issue 19: communality needs the private sphere, not only a strong, long-lasting tie
        "f1_f2": _tie(region, f1, f2, duration="long_lasting", includes_private_sphere=True, **strong),
        "f2_f3": _tie(region, f2, f3, channel="face_to_face", duration="fleeting", **weak),
        "f1_f3": _tie(region, f1, f3, modes=("cooperation", "rivalry")),
        "u_f1": _tie(region, university, f1),
        "m_u": _tie(region, ministry, university, modes=("competition",)),
    }
    interview = factories.InterviewFactory(region=region, title="Alpha interview")
    interview.interviewees.add(f1, apprentice)
    return {"region": region, "ties": ties, "interview": interview, "f1": f1, "ministry": ministry}


@pytest.fixture
def beta(study):
    region = factories.RegionFactory(study=study, name="Beta")
    org = lambda name, kind, **kw: factories.OrganisationFactory(  # noqa: E731
        region=region, name=name, org_type=kind, **kw
    )
    g1, g2 = org("G1", "firm_startup"), org("G2", "firm_large")
    institute = org("R", "research_institute")
    community = org("E", "transregional_community", location="quasi_external")
    councillor = factories.PersonFactory(region=region, name="W", affiliation=g2, hierarchy_level="works_council")
    ties = {
        "g1_g2": _tie(region, g1, g2, modes=("rivalry",)),
        "g2_r": _tie(region, g2, institute, channel="email", trust_basis="none"),
        "r_e": _tie(region, institute, community, channel="video", trust_basis="institutional"),
        "w_g1": _tie(region, councillor, g1, modes=("conflict",)),
    }
    interview = factories.InterviewFactory(region=region, title="Beta interview")
    interview.interviewees.add(councillor, institute, community)
    return {"region": region, "ties": ties, "interview": interview}


@pytest.fixture
def computed(alpha, beta):
    compute(alpha["region"])
    compute(beta["region"])
    return alpha, beta


ORG_TYPES = ("firm_startup", "firm_sme", "firm_large", "university", "research_institute", "intermediary", "politics")
MODES = ("cooperation", "rivalry", "competition", "conflict")


def big_region(study, name: str, actors: int, *, coder=None):
    """A region of ``actors`` organisations in a ring with chords, two interviews with codings, and its
    "all ties, all waves" snapshot stored as the worker would (rows written in bulk, for speed)."""
    from cases.models import Actor, Interview
    from coding.models import Coding, Interaction
    from coding.worker.loader import compute_snapshot
    from coding.worker.models import AnalysisSnapshot, RegionAnalysisState

    region = factories.RegionFactory(study=study, name=name)
    rows = Actor.objects.bulk_create(
        Actor(region=region, kind="organisation", name=f"{name} org {i}", org_type=ORG_TYPES[i % len(ORG_TYPES)],
              location="external" if i % 10 == 0 else "inside")
        for i in range(actors)
    )  # fmt: skip
    Interaction.objects.bulk_create(
        Interaction(region=region, source=rows[i], target=rows[(i + step) % actors], channel="face_to_face",
                    **{f"mode_{MODES[(i + step) % 4]}": True, "rating_time": i % 5})
        for i in range(actors)
        for step in (1, 7)
    )  # fmt: skip
    interviews = Interview.objects.bulk_create(
        Interview(region=region, title=f"{name} interview {k}", transcript=factories.TRANSCRIPT) for k in range(2)
    )
    for interview in interviews:
        interview.interviewees.add(rows[0])
    code = factories.CodeFactory(scheme=study.coding_scheme)
    coder = coder or factories.UserFactory()
    Coding.objects.bulk_create(
        Coding(interview=interview, code=code, coder=coder, start=0, end=5, quote=factories.TRANSCRIPT[:5])
        for interview in interviews
    )
    state = RegionAnalysisState.objects.get(region=region)
    AnalysisSnapshot.objects.create(
        region=region,
        layer="all",
        status="ok",
        input_version=state.version,
        result=compute_snapshot(region.pk, None, "all"),
    )
    RegionAnalysisState.objects.filter(region=region).update(computed_version=state.version)
    return region
