"""Withdrawing a person's consent deletes the memos about them, with every version of those."""

from __future__ import annotations

import pytest

from coding.models import Memo
from coding.privacy.services import withdraw_consent
from tests import factories

pytestmark = pytest.mark.django_db


def test_memos_on_the_person_and_their_interviews_go_with_their_versions_others_stay(study, region, alice, bob):
    person = factories.PersonFactory(region=region, name="Anna Lindqvist")
    other = factories.OrganisationFactory(region=region)
    interview = factories.InterviewFactory(region=region)
    interview.interviewees.add(person)
    on_person = factories.MemoFactory(study=study, author=bob, actor=person, text="Anna brokers.")
    on_person.text = "Anna Lindqvist brokers between the labs."
    on_person.save()  # a second version
    on_interview = factories.MemoFactory(study=study, author=bob, interview=interview)
    kept = factories.MemoFactory(study=study, author=bob, actor=other, text="Lindqvist recommended them.")
    gone = [on_person.pk, on_interview.pk]
    withdraw_consent(person, by=alice)
    assert list(Memo.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not Memo.history.filter(id__in=gone).exists()
    # The kept memo's versions name the person no longer (the pseudonym stands in their place).
    assert all("Lindqvist" not in version.text for version in kept.history.all())
