"""The access-control matrix: every route × every persona, against objects of the persona's own
study and of another study.

Rule (cases/access.py): anonymous users are sent to log in; a user who is not a member of an
object's study gets 404 (staff included: being staff gives the admin, not the research data;
the admin itself: tests/trust/test_admin_scope.py); a member below the route's role gets 403;
everyone else gets the page. A route that is not in
MATRIX (or EXEMPT) fails ``test_every_route_is_in_the_matrix``, so a new page cannot ship
without a decision on who may see it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from cases.choices import Role
from coding.variables.services import variable_create
from tests import factories
from tests.trust.routes import all_routes

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Entry:
    """Who may use the route: ``min_role`` (None = any logged-in user) and the object it is about."""

    target: str | None  # key of the objects in ``world``; None for routes without an object
    min_role: str | None = Role.VIEWER
    kwargs: Callable[[dict], dict] | None = None  # URL kwargs from the world; default {"pk": obj.pk}
    query: Callable[[dict], str] | None = None
    method: str = "get"  # "post" for POST-only routes (GET answers 405 to everyone)


V, C, L = Role.VIEWER, Role.CODER, Role.LEAD

MATRIX: dict[str, Entry] = {
    "cases:study-list": Entry(None, None),
    "cases:study-detail": Entry("study"),
    "cases:region-detail": Entry("region"),
    "cases:actor-detail": Entry("actor"),
    "interviews:detail": Entry("interview"),
    "analysis:region": Entry("region"),
    "analysis:region-status": Entry("region"),
    "analysis:region-network": Entry("region"),
    "analysis:region-reciprocity": Entry("region"),
    "analysis:classification-docs": Entry(None, None),
    "analysis:region-evidence": Entry("region", query=lambda w: _evidence_query(w)),
    "partitions:region": Entry("region"),
    "layout:relayout": Entry("region", C, method="post"),
    "comparison:partition": Entry("study"),
    "comparison:page": Entry("study"),
    "comparison:networks": Entry("study"),
    "comparison:export": Entry("study", kwargs=lambda w: {"pk": w["study"].pk, "fmt": "csv"}),
    # QCA: members run and read, coders and leads save and delete (coding/qca/views.py)
    "qca:page": Entry("study"),
    "qca:save": Entry("study", C, method="post"),
    "qca:delete": Entry(
        "study", C, kwargs=lambda w: {"pk": w["study"].pk, "model_pk": _qca_model(w).pk}, method="post"
    ),
    "qca:download": Entry(
        "study",
        kwargs=lambda w: {"pk": w["study"].pk, "what": "analysis.R"},
        query=lambda w: f"?model={_qca_model(w).pk}",
    ),
    "coding:interview-code": Entry("interview"),
    "coding:interview-agreement": Entry("interview"),
    "coding:interaction-new": Entry("interview", C, query=lambda w: f"?coding={w['coding'].pk}"),
    "coding:interview-code-new": Entry("interview", C, method="post"),
    "coding:code-edit": Entry("code", L, kwargs=lambda w: {"study_pk": w["study"].pk, "pk": w["code"].pk}),
    "coding:coding-edit": Entry("coding", C),
    "coding:coding-delete": Entry("coding", C, method="post"),
    "coding:interaction-list": Entry("study"),
    "coding:interaction-detail": Entry("interaction"),
    "coding:interaction-edit": Entry("interaction", C),
    "coding:interaction-delete": Entry("interaction", C, method="post"),
    "coding:retrieval": Entry("study"),
    "coding:boolean-retrieval": Entry("study"),
    "coding:boolean-export": Entry(
        "study",
        kwargs=lambda w: {"pk": w["study"].pk, "fmt": "csv"},
        query=lambda w: f"?code_1={w['coding'].code_id}",
    ),
    "coding:cooccurrence": Entry("study"),
    "search:search": Entry("study", query=lambda w: "?q=foundry"),
    "search:autocode": Entry("study", C, query=lambda w: f"?q=foundry&code={w['coding'].code_id}&unit=sentence"),
    "search:autocode-run": Entry("study", kwargs=lambda w: {"pk": w["study"].pk, "token": autocode_run(w)}),
    "exports:study-list": Entry("study"),
    "exports:study-file": Entry("study", kwargs=lambda w: {"pk": w["study"].pk, "fmt": "graphml"}),
    "exports:study-qdpx-import": Entry("study", L),
    "exports:region-file": Entry("region", kwargs=lambda w: {"pk": w["region"].pk, "fmt": "pajek"}),
    "exports:study-table": Entry(
        "study", kwargs=lambda w: {"pk": w["study"].pk, "table": "codings", "extension": "csv"}
    ),
    "exports:region-table": Entry(
        "region", kwargs=lambda w: {"pk": w["region"].pk, "table": "actors", "extension": "xlsx"}
    ),
    "exports:csv-import": Entry("region", C),
    "exports:csv-import-map": Entry("region", C),
    "exports:study-dump": Entry("study"),
    "exports:study-import": Entry(None, None),
    # Import jobs: a .qdpx job is the study leads' (coding/jobs/selectors.py; dump jobs: tests/jobs/).
    "jobs:detail": Entry("study", L, kwargs=lambda w: {"pk": _job(w).pk}),
    "jobs:status": Entry("study", L, kwargs=lambda w: {"pk": _job(w).pk}),
    # A .qdpx export job: members start it and download its file, as the download itself.
    "jobs:qdpx-export": Entry("study", method="post"),
    "jobs:download": Entry("study", kwargs=lambda w: {"pk": _export_job(w).pk}),
    # A statistics table's .xlsx as a job: members, as the direct download (tests/jobs/test_table_export_job.py).
    "jobs:study-table-export": Entry("study", kwargs=lambda w: {"pk": w["study"].pk, "table": "actors"}, method="post"),
    "jobs:region-table-export": Entry(
        "region", kwargs=lambda w: {"pk": w["region"].pk, "table": "actors"}, method="post"
    ),
    "coding:matrix": Entry("study"),
    "coding:memos": Entry("study"),
    "memos:create": Entry("study", C, query=lambda w: f"?on=actor:{w['actor'].pk}"),
    "memos:on": Entry("wave", kwargs=lambda w: {"pk": w["study"].pk, "kind": "wave", "target_id": w["wave"].pk}),
    "memos:edit": Entry("memo", C),
    "memos:delete": Entry("memo", C),
    "coding:study-agreement": Entry("study"),
    "variables:page": Entry("study"),
    "variables:create": Entry("study", L),
    "variables:edit": Entry("variable", L),
    "variables:delete": Entry("variable", L),
    "variables:record-values": Entry(
        "actor", C, kwargs=lambda w: {"pk": w["study"].pk, "target": "actor", "record_id": w["actor"].pk}
    ),
    "variables:study-grid": Entry("study"),
    "variables:region-grid": Entry("region", kwargs=lambda w: {"pk": w["region"].pk, "target": "actor"}),
    "consent:withdraw": Entry("person", L),
    "consent:pseudonymise": Entry("person", L),
    "cases:study-create": Entry(None, None),
    "cases:study-settings": Entry("study", L),
    "cases:member-add": Entry("study", L),
    "cases:member-edit": Entry("membership", L),
    "cases:member-remove": Entry("membership", L),
    "cases:region-create": Entry("study", L),
    "cases:region-edit": Entry("region", L),
    "cases:region-delete": Entry("region", L),
    "cases:wave-create": Entry("region", L),
    "cases:wave-edit": Entry("wave", L),
    "cases:wave-delete": Entry("wave", L),
    "cases:actor-list": Entry("region"),
    "cases:actor-create": Entry("region", C),
    "cases:actor-edit": Entry("actor", C),
    "cases:actor-delete": Entry("actor", C),
    "interviews:list": Entry("region"),
    "interviews:create": Entry("region", C),
    "interviews:edit": Entry("interview", C),
    "interviews:delete": Entry("interview", C),
    "coding:outcome-create": Entry("region", C),
    "coding:outcome-edit": Entry("outcome", C),
    "coding:outcome-delete": Entry("outcome", C),
    "history:object": Entry("actor", C, lambda w: {"kind": "actor", "pk": w["actor"].pk}),
    "history:restore": Entry(
        "actor",
        L,
        lambda w: {"kind": "actor", "pk": w["actor"].pk, "history_id": w["actor"].history.earliest().history_id},
        method="post",
    ),
    "history:deleted": Entry("study", L),
    "codebook:page": Entry("study", L),
    "codebook:own-version": Entry("study", L, method="post"),
    "codebook:merge": Entry("study", L, query=lambda w: f"?source={w['coding'].code_id}&target={_code(w).pk}"),
    "codebook:move": Entry("study", L, query=lambda w: f"?code={w['coding'].code_id}&parent={_code(w).pk}"),
    "codebook:split": Entry("study", L, lambda w: {"pk": w["study"].pk, "code_id": w["coding"].code_id}),
    "codebook:undo": Entry(
        "study", L, lambda w: {"pk": w["study"].pk, "operation_id": _operation(w).pk}, method="post"
    ),
    "history:restore-deleted": Entry(
        "study",
        L,
        lambda w: {"pk": w["study"].pk, "kind": "interaction", "record_id": w["interaction"].pk},
        method="post",
    ),
}


def _code(world: dict):
    """Another code of the world's scheme (a merge or move target)."""
    return factories.CodeFactory(scheme=world["study"].coding_scheme)


def _qca_model(world: dict):
    """A saved QCA model of the world's study (one per world): country as outcome and condition."""
    from coding.qca.services import qca_model_create

    if "qca_model" not in world:
        other = factories.RegionFactory(study=world["study"], country="Sweden")
        country = {"kind": "variable", "target": "region", "name": "country"}
        spec = {
            "cases": [world["region"].pk, other.pk],
            "outcome": {
                "name": "Y",
                "source": country,
                "calibration": {"method": "manual", "scores": {"Germany": 1, "Sweden": 0}},
            },
            "conditions": [
                {
                    "name": "X",
                    "source": country,
                    "calibration": {"method": "manual", "scores": {"Germany": 0, "Sweden": 1}},
                }
            ],
        }
        world["qca_model"] = qca_model_create(study=world["study"], user=None, name="Growth", spec_json=spec)
    return world["qca_model"]


def _evidence_query(world: dict) -> str:
    """A stored result of the world's region whose record names one tie (one per world)."""
    from coding.worker.evidence import snapshot_fields
    from coding.worker.models import AnalysisSnapshot

    if "evidence_snapshot" not in world:
        record = {"name": "structure", "label": "x", "figures": {}, "tie_ids": [world["interaction"].pk]}
        world["evidence_snapshot"] = AnalysisSnapshot.objects.create(
            region=world["region"], layer="all", **snapshot_fields({"classifications": [record]})
        )
    return "?record=structure"


def _job(world: dict):
    """A .qdpx import job of the world's study (one per world)."""
    from coding.jobs.models import Job, JobKind

    if "job" not in world:
        lead = world["study"].memberships.get(role=L).user
        world["job"] = Job.objects.create(kind=JobKind.QDPX_IMPORT, study=world["study"], user=lead, filename="p.qdpx")
    return world["job"]


def _export_job(world: dict):
    """A finished .qdpx export job of the world's study, with its file (one per world)."""
    from django.core.files.base import ContentFile

    from coding.jobs.models import Job, JobKind

    if "export_job" not in world:
        lead = world["study"].memberships.get(role=L).user
        job = Job(kind=JobKind.QDPX_EXPORT, study=world["study"], user=lead, filename="s.qdpx", status="done")
        job.output.save("s.qdpx", ContentFile(b"PK"), save=True)
        world["export_job"] = job
    return world["export_job"]


def _operation(world: dict):
    """A recorded codebook change of the world's study (with no rows to undo)."""
    from coding.codebook.models import CodebookOperation

    study = world["study"]
    return CodebookOperation.objects.create(study=study, scheme=study.coding_scheme, kind="move", summary="Moved")


# Routes outside the per-study rule, each with the reason.
EXEMPT = {
    "login": "public: the login form",
    "logout": "POST only; ends the session",
    "password_change": "the user's own password (login required: tested below)",
    "password_change_done": "confirmation page of the user's own password change",
    "cases:home": "redirects to the study list",
    "favicon": "public: redirects to the site icon (a static file)",
    "language": "POST only; the interface language, open to signed-out visitors (tests/i18n/test_language.py)",
    "javascript-catalog": "the scripts' interface texts, no study data (login required: tests/i18n/test_language.py)",
}


def autocode_run(world: dict) -> str:
    """The token of an auto-coding run in the world's study (one per world, made on first use)."""
    if "autocode_run" not in world:
        from coding.search import plans, services
        from coding.search.query import parse
        from coding.search.selectors import Filters

        args = {"study": world["study"], "query": parse("foundry"), "filters": Filters(), "unit": "hit"}
        coder, code = world["coding"].coder, world["coding"].code
        token = plans.plan(coder=coder, code=code, **args).token
        world["autocode_run"] = services.autocode_hits(coder=coder, code=code, plan_token=token, **args).token
    return world["autocode_run"]


def is_admin(name: str) -> bool:
    return name.startswith(("admin:", "<unnamed admin/"))


def make_world(study, coder) -> dict:
    region = factories.RegionFactory(study=study)
    actor = factories.OrganisationFactory(region=region)
    person = factories.PersonFactory(region=region)
    interview = factories.InterviewFactory(region=region)
    coding = factories.CodingFactory(interview=interview, coder=coder, start=0, length=11)
    interaction = factories.InteractionFactory(region=region)
    interaction.evidence.add(coding)
    wave = factories.WaveFactory(region=region)
    outcome = factories.OutcomeFactory(region=region)
    membership = factories.MembershipFactory(study=study, role=Role.VIEWER)
    memo = factories.MemoFactory(study=study, author=coder, actor=actor)
    variable = variable_create(study=study, target="actor", name="sector", label="Sector", type="text")
    return {
        "variable": variable,
        "memo": memo,
        "wave": wave,
        "outcome": outcome,
        "membership": membership,
        "study": study,
        "region": region,
        "actor": actor,
        "person": person,
        "interview": interview,
        "coding": coding,
        "code": coding.code,
        "interaction": interaction,
    }


@pytest.fixture
def world(study, alice, bob, carol):
    return make_world(study, bob)


@pytest.fixture
def foreign_world(other_study, mallory):
    return make_world(other_study, mallory)


def url_of(name: str, entry: Entry, world: dict) -> str:
    if entry.target is None:
        return reverse(name)
    kwargs = entry.kwargs(world) if entry.kwargs else {"pk": world[entry.target].pk}
    return reverse(name, kwargs=kwargs) + (entry.query(world) if entry.query else "")


def test_every_route_is_in_the_matrix():
    names = {route.name for route in all_routes() if not is_admin(route.name)}
    # API routes are walked by tests/api/test_api_access.py (which fails on an unknown API route).
    names = {name for name in names if not name.startswith("api:")}
    missing = sorted(names - set(MATRIX) - set(EXEMPT))
    assert not missing, f"routes without an access decision in the matrix: {missing}"
    stale = sorted((set(MATRIX) | set(EXEMPT)) - names)
    assert not stale, f"matrix entries for routes that no longer exist: {stale}"


RANK = {V: 1, C: 2, L: 3}
PERSONAS = {"alice": L, "bob": C, "carol": V, "staff": None, "mallory": None}


def allowed(status: int) -> bool:
    # POSTs without form data may redirect or answer 400 with the form; never a denial or a crash.
    return status not in (403, 404, 405) and status < 500


@pytest.mark.parametrize("persona", sorted(PERSONAS))
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_route_for_every_persona(client, request, name, persona, world, foreign_world):
    """``persona`` against the study's objects (own for alice/bob/carol) and the other study's
    (own for mallory, who leads it). A member below the role gets 403, an outsider 404."""
    entry = MATRIX[name]
    client.force_login(request.getfixturevalue(persona))
    for target_world, owner_side in ((world, "study"), (foreign_world, "other_study")):
        role = PERSONAS[persona] if owner_side == "study" else (L if persona == "mallory" else None)
        response = getattr(client, entry.method)(url_of(name, entry, target_world))
        if entry.min_role is None or (role is not None and RANK[role] >= RANK[entry.min_role]):
            assert allowed(response.status_code), f"{name} {persona} on {owner_side}: {response.status_code}"
            if entry.method == "get":
                assert response.status_code == 200, f"{name} {persona} on {owner_side}: {response.status_code}"
        else:
            want = 403 if role is not None else 404
            assert response.status_code == want, f"{name} {persona} on {owner_side}: {response.status_code} != {want}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_users_are_sent_to_log_in(client, name, world):
    entry = MATRIX[name]
    response = getattr(client, entry.method)(url_of(name, entry, world))
    assert response.status_code == 302, name
    assert response["Location"].startswith(reverse("login"))


def test_password_change_needs_login(client):
    assert client.get(reverse("password_change")).status_code == 302


def test_admin_is_for_staff_only(client, alice, staff):
    client.force_login(alice)
    assert client.get(reverse("admin:index")).status_code == 302  # to the admin login
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Site administration" in response.content.decode()
