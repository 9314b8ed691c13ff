"""The JSON dump of a study: round trip, pseudonymisation, access and bounded queries."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from cases.choices import ActorKind, Role
from cases.models import Actor, ConsentWithdrawal, Interview, Membership, Study
from coding.demo.loader import delete_demo_study, load_demo
from coding.exchange.dump import DumpRefused, study_dump, study_import
from coding.exchange.pseudonyms import Person, Pseudonymiser
from coding.models import Coding, CodingScheme, Interaction, Outcome
from coding.worker.models import RegionAnalysisState
from tests import factories
from tests.analysis_worker.conftest import BrokerQueue

pytestmark = pytest.mark.django_db


def dumped(study: Study, **options: bool) -> dict:
    return json.loads("".join(study_dump(study, **options)))


def comparable(document: dict) -> dict:
    """The dump without what may differ between two exports of the same content."""
    return {name: value for name, value in document.items() if name != "exported_at"}


@pytest.fixture
def demo_study() -> Study:
    return Study.objects.get(pk=load_demo(password="pw-for-tests").study_id)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Study, Actor, Interview, Coding, Interaction, Outcome, CodingScheme, Membership)
    }


def test_a_dump_imported_into_an_emptied_database_exports_the_same(demo_study, django_user_model):
    first = dumped(demo_study)
    assert first["format"] == "cluster-case-studies/study-dump" and first["version"] == 3
    assert len(first["memos"]) == 6  # the demo study's memos: on a code, an actor, an interview, a region, a wave, free
    assert sum(len(interview["codings"]) for region in first["regions"] for interview in region["interviews"]) > 50
    delete_demo_study()
    assert not Coding.objects.exists()
    lead = django_user_model.objects.get(username="demo")
    imported = study_import(data=json.dumps(first).encode(), user=lead)
    second = dumped(imported)
    assert comparable(second) == comparable(first)
    assert imported.role_of(lead) == Role.LEAD
    # The identical scheme already installed was reused, not copied.
    assert CodingScheme.objects.filter(name=first["scheme"]["name"]).count() == 1


def test_a_dump_can_be_imported_next_to_its_original(demo_study, django_user_model):
    first = dumped(demo_study)
    copy = study_import(data=json.dumps(first).encode(), user=django_user_model.objects.get(username="coder"))
    assert copy.pk != demo_study.pk
    assert comparable(dumped(copy)) == comparable(first)
    original_codings = Coding.objects.filter(interview__region__study=demo_study).count()
    assert Coding.objects.filter(interview__region__study=copy).count() == original_codings


def test_references_use_dump_keys_not_database_ids(demo_study):
    document = dumped(demo_study)
    region = document["regions"][0]
    actor_keys = {actor["key"] for actor in region["actors"]}
    assert all(re.fullmatch(r"a\d+", key) for key in actor_keys)
    tie = region["interactions"][0]
    assert {tie["source"], tie["target"]} <= actor_keys
    coding_keys = {coding["key"] for interview in region["interviews"] for coding in interview["codings"]}
    assert tie["evidence"] and set(tie["evidence"]) <= coding_keys
    persons = [actor for actor in region["actors"] if actor["kind"] == ActorKind.PERSON]
    assert all(person["affiliation"] in actor_keys for person in persons)


def test_a_new_scheme_is_created_when_none_of_that_name_and_version_exists(demo_study, django_user_model):
    document = dumped(demo_study)
    document["scheme"]["name"] = "Imported scheme"
    study = study_import(data=json.dumps(document).encode(), user=django_user_model.objects.get(username="demo"))
    assert study.coding_scheme.name == "Imported scheme"
    assert study.coding_scheme.codes.count() == len(document["scheme"]["codes"])
    assert study.coding_scheme.history.exists()


def person_names(study: Study) -> list[str]:
    names = Actor.objects.filter(region__study=study, kind=ActorKind.PERSON).values_list("name", flat=True)
    return [name for name in names if name]


def test_a_pseudonymised_dump_has_no_person_names_and_codings_cover_the_same_words(demo_study, settings):
    plain = dumped(demo_study)
    hidden = dumped(demo_study, pseudonymised=True)
    text = json.dumps(hidden, ensure_ascii=False)
    for name in person_names(demo_study):
        assert name not in text, name
        for part in name.split():
            if len(part) >= 3:
                assert not re.search(rf"\b{re.escape(part)}\b", text), part
    assert hidden["pseudonymised"] is True
    people = Actor.objects.filter(region__study=demo_study, kind=ActorKind.PERSON)
    pseudonymiser = Pseudonymiser([Person(a.pk, a.name, a.pseudonym) for a in people], settings.SECRET_KEY)
    moved = 0
    for region_plain, region_hidden in zip(plain["regions"], hidden["regions"], strict=True):
        for interview_plain, interview_hidden in zip(
            region_plain["interviews"], region_hidden["interviews"], strict=True
        ):
            transcript = interview_hidden["transcript"]
            for before, after in zip(interview_plain["codings"], interview_hidden["codings"], strict=True):
                assert after["quote"] == transcript[after["start"] : after["end"]]
                # The same words, with the names in them replaced.
                assert after["quote"] == pseudonymiser.text(before["quote"])
                moved += after["start"] != before["start"]
    assert moved > 0  # names before a passage moved it


def test_a_pseudonymised_dump_imports(demo_study, django_user_model):
    document = dumped(demo_study, pseudonymised=True)
    study = study_import(data=json.dumps(document).encode(), user=django_user_model.objects.get(username="demo"))
    assert not set(person_names(study)) & set(person_names(demo_study))


def test_a_pseudonymised_dump_names_researchers_as_the_tables_do(study, region, bob):
    """Researchers' usernames are personal data: ``coder_<id>`` as in the pseudonymised tables."""
    interview = factories.InterviewFactory(region=region, interviewer=bob)
    factories.CodingFactory(interview=interview, coder=bob)
    factories.InteractionFactory(region=region, coder=bob)
    hidden = dumped(study, pseudonymised=True)["regions"][0]
    record = hidden["interviews"][0]
    assert record["interviewer"] == record["codings"][0]["coder"] == hidden["interactions"][0]["coder"]
    assert record["interviewer"] == f"coder_{bob.pk}"
    assert dumped(study)["regions"][0]["interviews"][0]["interviewer"] == bob.username


def test_a_pseudonymised_dump_has_no_person_name_in_file_names_or_titles(study, region):
    """ "Interview_Nowak_2024-03.docx": names joined by "_" are names too."""
    person = factories.PersonFactory(region=region, name="Jana Nowak")
    interview = factories.InterviewFactory(
        region=region, title="Nowak_2024-03", source_filename="Interview_Nowak_2024-03.docx"
    )
    interview.interviewees.add(person)
    record = dumped(study, pseudonymised=True)["regions"][0]["interviews"][0]
    assert "Nowak" not in record["source_filename"] and "Nowak" not in record["title"], record


@pytest.fixture
def coded_region(region, bob):
    def grow(interviews: int) -> None:
        for _ in range(interviews):
            interview = factories.InterviewFactory(region=region)
            person = factories.PersonFactory(region=region)
            interview.interviewees.add(person)
            code = factories.CodeFactory(scheme=region.study.coding_scheme)
            codings = [
                factories.CodingFactory(interview=interview, code=code, coder=bob, start=start, length=10)
                for start in (0, 15)
            ]
            tie = factories.InteractionFactory(region=region, wave=factories.WaveFactory(region=region))
            tie.evidence.add(*codings)
            outcome = factories.OutcomeFactory(region=region)
            outcome.actors.add(person)
            outcome.evidence.add(codings[0])

    return grow


def count_queries(client, study: Study, django_assert_max_num_queries, limit: int) -> int:
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(reverse("exports:study-dump", args=[study.pk]))
        body = b"".join(response.streaming_content)
    json.loads(body)
    return len(captured)


def test_the_export_runs_the_same_number_of_queries_for_2_or_40_interviews(
    client, carol, study, coded_region, django_assert_max_num_queries
):
    client.force_login(carol)
    coded_region(2)
    few = count_queries(client, study, django_assert_max_num_queries, 30)
    coded_region(38)
    many = count_queries(client, study, django_assert_max_num_queries, 30)
    assert few == many, (few, many)
    assert len(dumped(study)["regions"][0]["interviews"]) == 40


def test_the_exports_page_and_the_study_list_link_the_dump(client, carol, study):
    client.force_login(carol)
    page = client.get(reverse("exports:study-list", args=[study.pk])).content.decode()
    assert reverse("exports:study-dump", args=[study.pk]) + "?pseudonymised=1" in page
    assert reverse("exports:study-import") in client.get(reverse("cases:study-list")).content.decode()


def test_a_non_member_gets_404_and_members_get_the_file(client, mallory, carol, study, region):
    client.force_login(mallory)
    assert client.get(reverse("exports:study-dump", args=[study.pk])).status_code == 404
    client.force_login(carol)
    response = client.get(reverse("exports:study-dump", args=[study.pk]) + "?pseudonymised=1")
    assert response.status_code == 200
    assert 'filename="study-' in response["Content-Disposition"]
    assert json.loads(b"".join(response.streaming_content))["regions"][0]["name"] == region.name


@pytest.mark.usefixtures("jobs_in_the_request")
def test_the_import_page_makes_the_importer_lead(client, demo_study, mallory):
    document = dumped(demo_study)
    client.force_login(mallory)
    page = client.get(reverse("exports:study-import"))
    assert page.status_code == 200
    upload = _upload(json.dumps(document).encode())
    response = client.post(reverse("exports:study-import"), {"dump": upload}, follow=True)
    assert response.status_code == 200
    study = Study.objects.exclude(pk=demo_study.pk).get(title=demo_study.title)
    assert f'href="{reverse("cases:study-detail", args=[study.pk])}"' in response.content.decode()
    assert study.role_of(mallory) == Role.LEAD
    assert list(study.memberships.values_list("user__username", flat=True)) == ["mallory"]


@pytest.mark.usefixtures("jobs_in_the_request")
def test_the_import_page_lists_every_problem_and_saves_nothing(client, demo_study, mallory):
    document = dumped(demo_study)
    document["regions"][0]["actors"][0]["kind"] = "robot"
    document["regions"][1]["interviews"][0]["codings"][0]["quote"] = "not what it says"
    before = counts()
    client.force_login(mallory)
    upload = _upload(json.dumps(document).encode())
    response = client.post(reverse("exports:study-import"), {"dump": upload}, follow=True)
    assert response.status_code == 200  # the job's page: the import failed, the page did not
    page = response.content.decode()
    assert "Nothing was imported" in page
    assert "regions[0].actors[0].kind" in page and "regions[1].interviews[0].codings[0].quote" in page
    assert counts() == before


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("study.json", data, content_type="application/json")


def test_the_commands_export_and_import(demo_study, tmp_path, capsys):
    path = tmp_path / "study.json"
    call_command("export_study", str(demo_study.pk), "--output", str(path))
    document = json.loads(path.read_text(encoding="utf-8"))
    delete_demo_study()
    call_command("import_study", str(path), "--user", "demo")
    assert "Imported study" in capsys.readouterr().out
    study = Study.objects.get(title=document["study"]["title"])
    assert comparable(dumped(study)) == comparable(document)


def test_the_export_command_writes_to_stdout(demo_study, capsys):
    call_command("export_study", str(demo_study.pk), "--pseudonymised")
    assert json.loads(capsys.readouterr().out)["pseudonymised"] is True


def test_the_import_queues_the_analysis_of_every_new_region(
    demo_study, django_user_model, django_capture_on_commit_callbacks
):
    data = json.dumps(dumped(demo_study)).encode()
    queue = BrokerQueue()
    with django_capture_on_commit_callbacks(execute=True):
        study = study_import(data=data, user=django_user_model.objects.get(username="demo"))
    regions = sorted(study.regions.values_list("pk", flat=True))
    assert len(regions) == len(json.loads(data)["regions"])
    assert sorted(args[0] for args, _ in queue.runs()) == regions, "one run per new region, in the real queue"
    for state in RegionAnalysisState.objects.filter(region__in=regions):
        assert state.version > state.computed_version


def test_a_study_with_codings_outside_its_scheme_is_refused_before_any_byte(client, carol, study, bob):
    interview = factories.InterviewFactory(region=factories.RegionFactory(study=study))
    factories.CodingFactory(interview=interview, coder=bob)
    study.coding_scheme = factories.CodingSchemeFactory()
    study.save()
    with pytest.raises(DumpRefused, match="1 coding"):
        study_dump(study)
    client.force_login(carol)
    response = client.get(reverse("exports:study-dump", args=[study.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("exports:study-list", args=[study.pk])


def test_the_writer_streams_lazily():
    from coding.exchange.dump import writer as dump

    consumed: list[int] = []

    def rows():
        for n in range(3):
            consumed.append(n)
            yield {"key": f"k{n}", "nested": dump.Stream(iter([n]))}

    pieces = dump.iter_json({"format": "x", "rows": dump.Stream(rows())})
    assert next(pieces) == "{" and consumed == []
    text = "".join(pieces)
    assert json.loads("{" + text) == {"format": "x", "rows": [{"key": f"k{n}", "nested": [n]} for n in range(3)]}
    assert list(dump.chunked(["ab", "cd", "e"], size=3)) == ["abcd", "e"]


def test_a_study_without_scheme_with_forward_references_and_a_withdrawal_round_trips(alice):
    import datetime

    study = factories.StudyFactory(coding_scheme=None, analysis_settings={})
    region = factories.RegionFactory(study=study, centroid_latitude=51.5, centroid_longitude=7.4)
    spin_off = factories.OrganisationFactory(region=region, org_type="firm_spinoff", founded=2019)
    parent = factories.OrganisationFactory(region=region, org_type="university")
    spin_off.spun_off_from = parent  # refers to an actor written after it
    spin_off.save()
    factories.InterviewFactory(
        region=region,
        consent_status="withdrawn",
        consent_withdrawn_at=datetime.datetime(2025, 2, 3, 4, 5, 6, tzinfo=datetime.UTC),
        transcript="",
    )
    first = dumped(study)
    assert first["scheme"] is None
    assert first["regions"][0]["actors"][0]["spun_off_from"] == first["regions"][0]["actors"][1]["key"]
    copy = study_import(data=json.dumps(first).encode(), user=alice)
    assert copy.coding_scheme is None
    assert comparable(dumped(copy)) == comparable(first)


def test_a_dump_round_trip_keeps_the_record_of_a_consent_withdrawal(alice):
    """README: "A record of the withdrawal (when, by whom, how much) remains" — in a dump's copy too."""
    import datetime

    study = factories.StudyFactory()
    region = factories.RegionFactory(study=study)
    actor = factories.PersonFactory(region=region, name="Person 3F9A2C")
    withdrawal = ConsentWithdrawal.objects.create(
        study=study, region=region, actor=actor, pseudonym="Person 3F9A2C", recorded_by=alice,
        interviews_cleared=2, codings_removed=7, ties_kept=1, ties_removed=3, history_rows_purged=4,
    )  # fmt: skip
    withdrawn_at = datetime.datetime(2025, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
    ConsentWithdrawal.objects.filter(pk=withdrawal.pk).update(withdrawn_at=withdrawn_at)
    first = dumped(study)
    assert first["regions"][0]["consent_withdrawals"] == [
        {
            "pseudonym": "Person 3F9A2C", "withdrawn_at": "2025-02-03T04:05:06+00:00",
            "actor": first["regions"][0]["actors"][0]["key"], "recorded_by": alice.username,
            "interviews_cleared": 2, "codings_removed": 7, "ties_kept": 1, "ties_removed": 3, "history_rows_purged": 4,
        }
    ]  # fmt: skip
    copy = study_import(data=json.dumps(first).encode(), user=alice)
    kept = ConsentWithdrawal.objects.get(study=copy)
    # withdrawn_at is auto_now_add: the import must not stamp the time of the import.
    assert (kept.withdrawn_at, kept.recorded_by, kept.region.study) == (withdrawn_at, alice, copy)
    assert kept.actor.region == kept.region and kept.actor.name == "Person 3F9A2C"
    assert comparable(dumped(copy)) == comparable(first)
