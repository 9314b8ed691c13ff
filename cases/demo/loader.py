"""Load the demo study from ``cases.demo.content`` into the database, validated row by row."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Model

from cases.demo import content
from cases.demo.specs import RegionSpec
from cases.models import Actor, Interview, Membership, Region, Study, Wave
from coding.codebook.default_scheme import SCHEME_NAME, SCHEME_VERSION, default_scheme_codes
from coding.models import Code, Coding, CodingScheme, Interaction, Outcome

DEFAULT_PASSWORD = "demo-cluster-2026"  # noqa: S105 - documented public demo login


class DemoDataError(Exception):
    """The demo content is inconsistent (a phrase missing from its transcript, an unknown key, ...)."""


@dataclass(frozen=True)
class DemoSummary:
    study_id: int
    created: bool
    regions: int = 0
    waves: int = 0
    actors: int = 0
    interviews: int = 0
    codings: int = 0
    interactions: int = 0
    outcomes: int = 0


def find_demo_study() -> Study | None:
    return Study.objects.filter(title=content.STUDY_TITLE).first()


def delete_demo_study() -> bool:
    """Delete the demo study and everything in it (users and the shared scheme stay)."""
    study = find_demo_study()
    if study is None:
        return False
    with transaction.atomic():
        # Codings and interactions PROTECT their coder/wave: remove the dependent rows first.
        Interaction.objects.filter(region__study=study).delete()
        Outcome.objects.filter(region__study=study).delete()
        Coding.objects.filter(interview__region__study=study).delete()
        Interview.objects.filter(region__study=study).delete()
        study.delete()
    return True


def _save(obj: Model) -> Model:
    obj.full_clean()
    obj.save()
    return obj


def _scheme_codes() -> tuple[CodingScheme, dict[str, Code]]:
    scheme = CodingScheme.objects.filter(name=SCHEME_NAME, version=SCHEME_VERSION).first()
    if scheme is None:
        raise DemoDataError(f"The default coding scheme {SCHEME_NAME!r} v{SCHEME_VERSION} is not installed.")
    by_id = {code.pk: code for code in scheme.codes.all()}

    def path(code: Code) -> str:
        names = [code.name]
        parent_id = code.parent_id
        while parent_id is not None:
            names.append(by_id[parent_id].name)
            parent_id = by_id[parent_id].parent_id
        return "/".join(reversed(names))

    by_path = {path(code): code for code in by_id.values()}
    known = set(default_scheme_codes())
    codes: dict[str, Code] = {}
    for key, code_path in content.CODE_PATHS.items():
        if code_path not in by_path or code_path not in known:
            raise DemoDataError(f"Code {code_path!r} (demo key {key!r}) is not in {scheme}.")
        codes[key] = by_path[code_path]
    return scheme, codes


def _users(password: str) -> dict[str, object]:
    User = get_user_model()
    users: dict[str, object] = {}
    for username, (_role, first, last) in content.USERS.items():
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        user.set_password(password)
        user.save()
        users[username] = user
    return users


def _locate(transcript: str, phrase: str, where: str) -> tuple[int, int]:
    try:
        start = transcript.index(phrase)
    except ValueError:
        raise DemoDataError(f"{where}: phrase not in transcript: {phrase!r}") from None
    return start, start + len(phrase)


def _load_region(study: Study, spec: RegionSpec, codes: dict[str, Code], users: dict[str, object]) -> dict[str, int]:
    region = _save(
        Region(
            study=study,
            name=spec.name,
            country=spec.country,
            technology_field=spec.technology_field,
            lifecycle_phase=spec.lifecycle_phase,
            description=spec.description,
            centroid_latitude=spec.latitude,
            centroid_longitude=spec.longitude,
        )
    )
    waves = {w.label: _save(Wave(region=region, label=w.label, start=w.start, end=w.end)) for w in spec.waves}

    actors: dict[str, Actor] = {}
    for org in spec.orgs:
        actors[org.key] = _save(
            Actor(
                region=region,
                kind="organisation",
                name=org.name,
                org_type=org.org_type,
                location=org.location,
                size_band=org.size_band,
                founded=org.founded,
                spun_off_from=actors[org.spun_off_from] if org.spun_off_from else None,
                description=org.description,
            )
        )
    for person in spec.persons:
        actors[person.key] = _save(
            Actor(
                region=region,
                kind="person",
                name=person.name,
                location=person.location,
                affiliation=actors[person.affiliation],
                occupational_group=person.occupational_group,
                hierarchy_level=person.hierarchy_level,
                description=person.description,
            )
        )

    # (interview key, phrase) -> the lead coder's coding: ties and outcomes cite these as evidence.
    evidence: dict[tuple[str, str], Coding] = {}
    coding_count = 0
    for iv in spec.interviews:
        interview = _save(
            Interview(
                region=region,
                wave=waves[iv.wave],
                title=iv.title,
                interviewer=users[content.LEAD_USERNAME],
                date=iv.date,
                mode=iv.mode,
                language=iv.language,
                consent_status="given",
                pseudonymised=True,
                transcript=iv.transcript,
                memo=iv.memo,
            )
        )
        interview.interviewees.set([actors[key] for key in iv.interviewees])
        for code_spec in iv.codings:
            start, end = _locate(iv.transcript, code_spec.phrase, f"{spec.name} {iv.key}")
            coders = ["demo", "coder"] if code_spec.coder == "both" else [code_spec.coder]
            for coder in coders:
                coding = _save(
                    Coding(
                        interview=interview,
                        code=codes[code_spec.code],
                        coder=users[coder],
                        start=start,
                        end=end,
                        quote=iv.transcript[start:end],
                        memo=code_spec.memo,
                    )
                )
                coding_count += 1
                if coder == content.LEAD_USERNAME:
                    evidence.setdefault((iv.key, code_spec.phrase), coding)

    def cited(refs: tuple[tuple[str, str], ...], where: str) -> list[Coding]:
        missing = [ref for ref in refs if ref not in evidence]
        if missing:
            raise DemoDataError(f"{spec.name} {where}: evidence is not a lead coding: {missing!r}")
        return [evidence[ref] for ref in refs]

    for tie in spec.ties:
        where = f"tie {tie.source}-{tie.target}"
        if not 1 <= len(tie.evidence) <= 3:
            raise DemoDataError(f"{spec.name} {where}: needs 1-3 evidence codings.")
        time, emotion, intimacy, services = tie.ratings
        interaction = _save(
            Interaction(
                region=region,
                wave=waves[tie.wave],
                source=actors[tie.source],
                target=actors[tie.target],
                directed=tie.directed,
                content=tie.content,
                rating_time=time,
                rating_emotional_intensity=emotion,
                rating_intimacy=intimacy,
                rating_reciprocal_services=services,
                channel=tie.channel,
                setting=tie.setting,
                formality=tie.formality,
                trust_basis=tie.trust_basis,
                duration=tie.duration,
                includes_private_sphere=tie.private,
                coder=users[content.LEAD_USERNAME],
                confidence=tie.confidence,
                memo=tie.memo,
                **{f"mode_{mode}": True for mode in tie.modes},
            )
        )
        interaction.evidence.set(cited(tie.evidence, where))

    for out in spec.outcomes:
        outcome = _save(
            Outcome(region=region, name=out.name, kind=out.kind, year=out.year, description=out.description)
        )
        outcome.actors.set([actors[key] for key in out.actors])
        outcome.evidence.set(cited(out.evidence, f"outcome {out.name}"))

    return {
        "waves": len(waves),
        "actors": len(actors),
        "interviews": len(spec.interviews),
        "codings": coding_count,
        "interactions": len(spec.ties),
        "outcomes": len(spec.outcomes),
    }


def load_demo(*, password: str = DEFAULT_PASSWORD, reset: bool = False) -> DemoSummary:
    """Create the demo study with its users; a no-op (``created=False``) if it exists and not ``reset``.

    Everything happens in one transaction: a broken phrase or a failed validation leaves nothing behind.
    """
    if not password:
        raise DemoDataError("The demo password must not be empty.")
    with transaction.atomic():
        existing = find_demo_study()
        if existing is not None and not reset:
            return DemoSummary(study_id=existing.pk, created=False)
        if existing is not None:
            delete_demo_study()
        scheme, codes = _scheme_codes()
        users = _users(password)
        study = _save(
            Study(
                title=content.STUDY_TITLE,
                research_question=content.STUDY_RESEARCH_QUESTION,
                description=content.STUDY_DESCRIPTION,
                coding_scheme=scheme,
            )
        )
        for username, (role, _first, _last) in content.USERS.items():
            _save(Membership(study=study, user=users[username], role=role))
        totals = {"waves": 0, "actors": 0, "interviews": 0, "codings": 0, "interactions": 0, "outcomes": 0}
        for region_spec in content.REGIONS:
            for key, value in _load_region(study, region_spec, codes, users).items():
                totals[key] += value
        return DemoSummary(study_id=study.pk, created=True, regions=len(content.REGIONS), **totals)
