"""Pages with hundreds of rows take a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def big_region(study, region, bob):
    orgs = factories.OrganisationFactory.create_batch(150, region=region)
    people = [factories.PersonFactory(region=region, affiliation=orgs[i]) for i in range(150)]
    wave = factories.WaveFactory(region=region)
    for i in range(120):
        interview = factories.InterviewFactory(region=region, wave=wave)
        interview.interviewees.add(people[i])
    for i in range(100):
        factories.InteractionFactory(region=region, source=orgs[i], target=orgs[i + 1])
    for i in range(60):
        factories.OutcomeFactory(region=region).actors.add(orgs[i])
    factories.RegionFactory.create_batch(100, study=study)
    return region


@pytest.mark.parametrize("name", ["cases:region-detail", "cases:actor-list", "interviews:list"])
def test_region_pages(client, carol, big_region, name, django_assert_max_num_queries):
    client.force_login(carol)
    with django_assert_max_num_queries(15):
        assert client.get(reverse(name, args=[big_region.pk])).status_code == 200


def test_study_page(client, alice, study, big_region, django_assert_max_num_queries):
    client.force_login(alice)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("cases:study-detail", args=[study.pk])).status_code == 200


def test_interview_and_actor_pages(client, carol, study, region, bob, django_assert_max_num_queries):
    interview = factories.InterviewFactory(region=region)
    code = factories.CodeFactory(scheme=study.coding_scheme)
    for start in range(0, 200):
        # 50 starts × 4 lengths: 200 distinct passages (an exact duplicate coding is refused)
        factories.CodingFactory(interview=interview, code=code, coder=bob, start=start % 50, length=5 + start // 50)
    org = factories.OrganisationFactory(region=region)
    for person in factories.PersonFactory.create_batch(100, region=region, affiliation=org):
        interview.interviewees.add(person)
    for _ in range(100):
        factories.InteractionFactory(region=region, source=org)
    client.force_login(carol)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("interviews:detail", args=[interview.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("cases:actor-detail", args=[org.pk])).status_code == 200
