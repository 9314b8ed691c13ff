"""A scheme version shared with another study: refused until the study gets a version of its own."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coding.models import Code, Coding
from tests import factories
from tests.codebook.conftest import TRANSCRIPT

pytestmark = pytest.mark.django_db


@pytest.fixture
def sister(study, book):
    """Another study pinning the same version, with a coding of Cooperation of its own."""
    sister = factories.StudyFactory(title="Sister study", coding_scheme=study.coding_scheme)
    interview = factories.InterviewFactory(region=factories.RegionFactory(study=sister), transcript=TRANSCRIPT)
    coding = factories.CodingFactory(interview=interview, code=book.a, start=0, end=11, quote=TRANSCRIPT[:11])
    return sister, coding


def tree(scheme) -> set[tuple[str, str | None]]:
    return {(code.name, code.parent.name if code.parent else None) for code in Code.objects.filter(scheme=scheme)}


def test_the_codebook_page_explains_the_shared_version_and_offers_a_copy(client, study, alice, book, sister):
    client.force_login(alice)
    page = client.get(reverse("codebook:page", args=[study.pk])).content.decode()
    assert "also used by “Sister study”" in page
    assert "Give this study its own version" in page
    assert "Preview the merge" not in page


def test_the_own_version_copies_the_tree_and_moves_only_this_studys_codings(client, study, alice, book, sister):
    sister_study, sister_coding = sister
    old = study.coding_scheme
    ours = {name: coding.pk for name, coding in book.codings.items()}
    client.force_login(alice)
    client.post(reverse("codebook:own-version", args=[study.pk]))
    study.refresh_from_db()
    new = study.coding_scheme
    assert (new.name, new.version, new.based_on_id) == (old.name, 2, old.pk)
    # The same five codes in the same places: A and B at the top with A1 and B1 below, C at the top.
    assert (
        tree(new)
        == tree(old)
        == {
            ("Cooperation", None),
            ("Joint projects", "Cooperation"),
            ("Collaboration", None),
            ("Shared facilities", "Collaboration"),
            ("Rivalry", None),
        }
    )
    # c1–c3 were Cooperation, c4–c5 Collaboration, c6 Joint projects: now the copies of those.
    moved = dict(Coding.objects.filter(pk__in=ours.values()).values_list("pk", "code__name"))
    assert moved == {
        ours["c1"]: "Cooperation",
        ours["c2"]: "Cooperation",
        ours["c3"]: "Cooperation",
        ours["c4"]: "Collaboration",
        ours["c5"]: "Collaboration",
        ours["c6"]: "Joint projects",
    }
    assert set(Coding.objects.filter(pk__in=ours.values()).values_list("code__scheme", flat=True)) == {new.pk}
    assert Coding.objects.get(pk=sister_coding.pk).code_id == book.a.pk  # the sister study keeps v1
    sister_study.refresh_from_db()
    assert sister_study.coding_scheme_id == old.pk
    page = client.get(reverse("codebook:page", args=[study.pk])).content.decode()
    assert "Preview the merge" in page


def test_only_leads_give_a_study_its_own_version(client, study, bob, book, sister):
    client.force_login(bob)
    assert client.post(reverse("codebook:own-version", args=[study.pk])).status_code == 403
    study.refresh_from_db()
    assert study.coding_scheme_id == book.a.scheme_id


def test_codings_of_a_study_that_left_the_version_also_block_a_reorganisation(study, book):
    from coding.codebook import selectors
    from coding.codebook.selectors import Refused

    former = factories.StudyFactory(title="Former user")  # pins a scheme of its own now
    interview = factories.InterviewFactory(region=factories.RegionFactory(study=former), transcript=TRANSCRIPT)
    factories.CodingFactory(interview=interview, code=book.b, start=0, end=11, quote=TRANSCRIPT[:11])
    with pytest.raises(Refused, match="Codings of another study still use codes") as refused:
        selectors.merge_preview(study=study, source=book.a, target=book.b)
    assert refused.value.conflict


def test_an_undo_after_the_study_moved_to_its_own_version_is_refused(study, alice, book, sister):
    from coding.codebook import reorganise, selectors, services, undo
    from coding.codebook.selectors import Refused

    sister_study, _ = sister
    sister_study.coding_scheme = factories.CodingSchemeFactory()  # the sister leaves: the version is ours alone
    sister_study.save()
    Coding.objects.filter(interview__region__study=sister_study).delete()
    preview = selectors.move_preview(study=study, code=book.c, new_parent=book.b)
    operation = reorganise.code_move(
        study=study, code=book.c, new_parent=book.b, fingerprint=preview.fingerprint, user=alice
    )
    sister_study.coding_scheme = study.coding_scheme  # the sister comes back, so the study takes a copy
    sister_study.save()
    services.study_own_version(study=study, user=alice)
    with pytest.raises(Refused, match="another version of its coding scheme"):
        undo.operation_undo(operation=operation, user=alice)
    assert Code.objects.get(pk=book.c.pk).parent_id == book.b.pk  # the shared version is untouched


def test_the_studys_memos_on_codes_follow_them_to_its_own_version(study, alice, book):
    from coding.codebook import services
    from coding.memos.models import Memo

    code = book.a1  # a sub-code: its copy must sit under the copy of its parent
    memo = Memo.objects.create(study=study, code=code, author=alice, title="On a code", text="A thought")
    new = services.study_own_version(study=study, user=alice)
    memo.refresh_from_db()
    assert memo.code.scheme_id == new.pk
    assert (memo.code.name, memo.code.parent.name if memo.code.parent else None) == (
        code.name,
        code.parent.name if code.parent else None,
    )
