"""The demo data command: counts, exact quotes, evidence inside its region, idempotence, logins."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cases.models import Actor, Interview, Region, Study, Wave
from coding.codebook.default_scheme import SCHEME_NAME, SCHEME_VERSION
from coding.demo import loader
from coding.demo.loader import STUDY_TITLE, DemoDataError, find_demo_study, load_demo
from coding.models import Coding, CodingScheme, Interaction, Outcome

pytestmark = pytest.mark.django_db

PASSWORD = "test-demo-pw-1"


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--password", PASSWORD, *args, stdout=out)
    return out.getvalue()


def test_loads_three_regions_with_two_waves_and_plausible_counts():
    output = seed()
    study = Study.objects.get(title=STUDY_TITLE)
    assert study.coding_scheme.name == "Regional cluster sociology"
    regions = Region.objects.filter(study=study)
    assert sorted(regions.values_list("name", flat=True)) == ["Cambridgeshire", "Dortmund", "Göteborg"]
    assert Wave.objects.filter(region__study=study).count() == 6
    for region in regions:
        assert region.waves.count() == 2
        assert 12 <= region.actors.count() <= 20
        assert region.actors.filter(location__in=["external", "quasi_external"]).exists()
        assert 4 <= region.interviews.count() <= 6
        assert {i.wave_id for i in region.interviews.all()} == set(region.waves.values_list("pk", flat=True))
        assert 10 <= region.interactions.count() <= 25
        assert region.outcomes.count() >= 2
    levels = set(Actor.objects.filter(region__study=study).values_list("hierarchy_level", flat=True))
    assert {"apprentice", "works_council", "executive"} <= levels
    for interview in Interview.objects.filter(region__study=study):
        assert 2000 <= len(interview.transcript) <= 5000, interview.title
    assert "Log in at http://127.0.0.1:8000/ as demo / test-demo-pw-1" in output
    assert "3 regions, 6 waves" in output


def test_every_quote_is_the_transcript_slice_and_both_coders_coded():
    seed()
    codings = Coding.objects.filter(interview__region__study__title=STUDY_TITLE).select_related("interview")
    assert codings.count() > 100
    for coding in codings:
        assert coding.quote == coding.interview.transcript[coding.start : coding.end]
    assert set(codings.values_list("coder__username", flat=True)) == {"demo", "coder"}
    # Overlapping passages: some identical (agreement), some with different codes (disagreement).
    by_range: dict[tuple[int, int, int], set[tuple[str, int]]] = {}
    for coding in codings:
        by_range.setdefault((coding.interview_id, coding.start, coding.end), set()).add(
            (coding.coder.username, coding.code_id)
        )
    coders_per_range = [{c for c, _ in v} for v in by_range.values()]
    assert sum(1 for c in coders_per_range if c == {"demo", "coder"}) >= 30
    disagreements = [v for v in by_range.values() if len({code for _, code in v}) > 1]
    assert len(disagreements) >= 5


def test_every_evidence_coding_is_from_the_ties_region_and_co_opetition_exists():
    seed()
    interactions = Interaction.objects.filter(region__study__title=STUDY_TITLE).prefetch_related("evidence__interview")
    for tie in interactions:
        evidence = list(tie.evidence.all())
        assert 1 <= len(evidence) <= 3
        assert all(c.interview.region_id == tie.region_id for c in evidence)
        assert tie.source.region_id == tie.region_id == tie.target.region_id
    assert interactions.filter(mode_rivalry=True, mode_cooperation=True).exists()
    assert interactions.filter(directed=True).exists() and interactions.filter(directed=False).exists()
    for outcome in Outcome.objects.filter(region__study__title=STUDY_TITLE):
        assert all(c.interview.region_id == outcome.region_id for c in outcome.evidence.all())
    assert any(o.with_external for o in Outcome.objects.filter(region__study__title=STUDY_TITLE))


def test_regions_differ_in_coordination_regime():
    seed()

    def share(region: str, **flags: bool) -> float:
        ties = Interaction.objects.filter(region__name=region, region__study__title=STUDY_TITLE)
        return ties.filter(**flags).count() / ties.count()

    assert share("Dortmund", mode_cooperation=True) > share("Göteborg", mode_cooperation=True)
    assert share("Göteborg", mode_rivalry=True) > share("Dortmund", mode_rivalry=True)
    # Cambridgeshire meets in low-threshold places, Göteborg hardly does.
    low_threshold = {"cafe", "lecture_series", "event", "foundry_incubator", "training_network"}
    assert share("Cambridgeshire", setting__in=low_threshold) > share("Göteborg", setting__in=low_threshold)
    # Dortmund's ties are strong (communality), Cambridgeshire's mostly weak (sociality).
    assert share("Dortmund", includes_private_sphere=True) > share("Cambridgeshire", includes_private_sphere=True)

    def mean_rating(region: str) -> float:
        ties = Interaction.objects.filter(region__name=region, region__study__title=STUDY_TITLE)
        values = [getattr(t, f) for t in ties for f in Interaction.RATING_FIELDS]
        return sum(values) / len(values)

    assert mean_rating("Dortmund") > mean_rating("Cambridgeshire") > mean_rating("Göteborg")


def test_running_twice_does_not_duplicate():
    seed()
    counts = (Study.objects.count(), Coding.objects.count(), Interaction.objects.count(), Actor.objects.count())
    output = seed("--url", "http://127.0.0.1:8765/")
    assert "already exists" in output
    assert (Study.objects.count(), Coding.objects.count(), Interaction.objects.count(), Actor.objects.count()) == counts
    # The login is printed again (at the address given), but not with a password that no longer opens it.
    assert f"Log in at http://127.0.0.1:8765/ as demo / {PASSWORD}" in output
    out = StringIO()
    call_command("seed_demo", "--password", "not-the-password", stdout=out)
    assert "Log in" not in out.getvalue()


def test_reset_reloads_only_the_demo_study(study):
    seed()
    first = find_demo_study()
    expected = Interaction.objects.filter(region__study=first).count()
    Interaction.objects.filter(region__study=first).delete()
    output = seed("--reset")
    assert "Loaded demo study" in output
    reloaded = find_demo_study()
    assert reloaded.pk != first.pk
    assert reloaded.regions.count() == 3
    assert Interaction.objects.filter(region__study=reloaded).count() == expected
    assert not Interaction.objects.filter(region__study_id=first.pk).exists()
    assert Study.objects.filter(pk=study.pk).exists()
    assert Study.objects.filter(title=STUDY_TITLE).count() == 1


def test_password_from_environment(monkeypatch, client):
    monkeypatch.setenv("DEMO_PASSWORD", "from-env-pw")
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "as demo / from-env-pw" in out.getvalue()
    assert client.login(username="viewer", password="from-env-pw")


@pytest.mark.parametrize("username", ["demo", "coder", "viewer"])
def test_demo_users_log_in_and_see_the_study_and_regions(client, username):
    seed()
    study = find_demo_study()
    assert client.login(username=username, password=PASSWORD)
    response = client.get(reverse("cases:study-detail", args=[study.pk]))
    assert response.status_code == 200
    for region in study.regions.all():
        assert region.name in response.content.decode()
        assert client.get(reverse("cases:region-detail", args=[region.pk])).status_code == 200


def test_roles_interviewer_and_the_installed_scheme_are_restored():
    schemes = CodingScheme.objects.count()
    seed()
    study = find_demo_study()
    roles = dict(study.memberships.values_list("user__username", "role"))
    assert roles == {"demo": "lead", "coder": "coder", "viewer": "viewer"}
    interviewers = Interview.objects.filter(region__study=study).values_list("interviewer__username", flat=True)
    assert set(interviewers) == {"demo"}
    # The file's scheme equals the installed default: reused, not copied.
    assert (study.coding_scheme.name, study.coding_scheme.version) == (SCHEME_NAME, SCHEME_VERSION)
    assert CodingScheme.objects.count() == schemes


def test_a_quote_not_in_its_transcript_fails_loudly_and_saves_nothing(monkeypatch, tmp_path, django_user_model):
    document = json.loads(loader.DATA_FILE.read_text(encoding="utf-8"))
    document["regions"][0]["interviews"][0]["codings"][0]["quote"] = "not in the transcript"
    broken = tmp_path / "demo_study.json"
    broken.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(loader, "DATA_FILE", broken)
    with pytest.raises(DemoDataError, match=r"regions\[0\]\.interviews\[0\]\.codings\[0\]\.quote"):
        load_demo(password=PASSWORD)
    assert find_demo_study() is None
    assert not django_user_model.objects.filter(username__in=loader.USERS).exists()
    with pytest.raises(CommandError, match="does not match the transcript"):
        seed()
