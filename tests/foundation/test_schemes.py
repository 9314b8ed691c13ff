"""Scheme versions: copying to a new version, and the guard on versions a study uses (service and admin)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coding.codebook import services as schemes
from coding.models import Code, CodingScheme
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    scheme = factories.CodingSchemeFactory(name="Clusters", version=1)
    trust = factories.CodeFactory(scheme=scheme, name="Trust", colour="#54a24b", definition="Why one relies on another")
    factories.CodeFactory(scheme=scheme, parent=trust, name="Competence", order=2)
    integrity = factories.CodeFactory(scheme=scheme, parent=trust, name="Integrity", order=1)
    factories.CodeFactory(scheme=scheme, parent=integrity, name="Whistle-blowing")
    return scheme


def shape(scheme: CodingScheme) -> set[tuple]:
    return {
        (code.name, code.parent.name if code.parent else None, code.colour, code.definition, code.order)
        for code in scheme.codes.select_related("parent")
    }


def test_copy_keeps_the_whole_tree_as_the_next_version(tree):
    copy = schemes.scheme_copy(scheme=tree)
    assert (copy.name, copy.version, copy.based_on) == ("Clusters", 2, tree)
    assert shape(copy) == shape(tree)
    assert not Code.objects.filter(scheme=copy, parent__scheme=tree).exists()
    assert schemes.scheme_copy(scheme=tree).version == 3


def test_tree_order_and_depth(tree):
    assert [(code.name, depth) for code, depth in schemes.code_tree(tree)] == [
        ("Trust", 0),
        ("Integrity", 1),
        ("Whistle-blowing", 2),
        ("Competence", 1),
    ]


class TestInUseGuard:
    @pytest.fixture
    def in_use(self, tree):
        factories.StudyFactory(coding_scheme=tree, title="Dortmund and Göteborg")
        return tree

    def test_rename_refused(self, in_use):
        code = in_use.codes.get(name="Competence")
        code.name = "Skill"
        with pytest.raises(ValidationError, match=r"cannot be renamed.*Copy the scheme to a new version"):
            schemes.check_code_change(code)

    def test_move_refused(self, in_use):
        code = in_use.codes.get(name="Whistle-blowing")
        code.parent = in_use.codes.get(name="Trust")
        with pytest.raises(ValidationError, match="cannot be moved"):
            schemes.check_code_change(code)

    def test_delete_refused(self, in_use):
        with pytest.raises(ValidationError, match="cannot be deleted"):
            schemes.check_code_deletion(in_use.codes.get(name="Competence"))
        with pytest.raises(ValidationError, match="is used by Dortmund and Göteborg"):
            schemes.check_scheme_deletion(in_use)

    def test_wording_changes_allowed(self, in_use):
        code = in_use.codes.get(name="Competence")
        code.definition = "Shows ability"
        code.colour = "#123456"
        schemes.check_code_change(code)

    def test_unused_scheme_may_change(self, tree):
        code = tree.codes.get(name="Competence")
        code.name = "Skill"
        schemes.check_code_change(code)


class TestAdmin:
    def test_changelist_and_change_page_show_the_tree(self, admin_client, tree):
        assert admin_client.get(reverse("admin:coding_codingscheme_changelist")).status_code == 200
        response = admin_client.get(reverse("admin:coding_codingscheme_change", args=[tree.pk]))
        assert response.status_code == 200
        assert "Whistle-blowing" in response.content.decode()

    def test_copy_action(self, admin_client, tree):
        url = reverse("admin:coding_codingscheme_changelist")
        response = admin_client.post(url, {"action": "copy_to_new_version", "_selected_action": [tree.pk]}, follow=True)
        assert "Copied Clusters v1 to Clusters v2 (4 codes)." in response.content.decode()

    def test_the_scheme_page_links_each_code_to_its_own_page_and_a_new_sub_code(self, admin_client, tree):
        page = admin_client.get(reverse("admin:coding_codingscheme_change", args=[tree.pk])).content.decode()
        competence = tree.codes.get(name="Competence")
        assert f'<a href="{reverse("admin:coding_code_change", args=[competence.pk])}">Competence</a>' in page
        assert f"{reverse('admin:coding_code_add')}?scheme={tree.pk}&amp;parent={competence.pk}" in page
        assert f"{reverse('admin:coding_code_changelist')}?scheme__id__exact={tree.pk}" in page
        assert "the 4 codes" in page

    def test_an_in_use_code_cannot_be_deleted_on_its_page(self, admin_client, tree):
        factories.StudyFactory(coding_scheme=tree)
        code = tree.codes.get(name="Competence")
        response = admin_client.post(reverse("admin:coding_code_delete", args=[code.pk]), {"post": "yes"})
        assert response.status_code == 403
        assert tree.codes.count() == 4

    def test_a_code_with_sub_codes_is_not_deleted_and_the_reason_is_shown(self, admin_client, tree):
        trust = tree.codes.get(name="Trust")
        response = admin_client.post(reverse("admin:coding_code_delete", args=[trust.pk]), {"post": "yes"}, follow=True)
        assert "“Trust” cannot be deleted: delete or move its sub-codes first." in response.content.decode()
        assert tree.codes.count() == 4

    def test_a_leaf_code_of_an_unused_scheme_is_deleted_on_its_page(self, admin_client, tree):
        code = tree.codes.get(name="Competence")
        response = admin_client.post(reverse("admin:coding_code_delete", args=[code.pk]), {"post": "yes"})
        assert response.status_code == 302 and tree.codes.count() == 3

    def test_a_new_sub_code_of_an_in_use_scheme_is_added_and_leads_back_to_the_tree(self, admin_client, tree):
        factories.StudyFactory(coding_scheme=tree)
        trust = tree.codes.get(name="Trust")
        add = reverse("admin:coding_code_add")
        form = admin_client.get(f"{add}?scheme={tree.pk}&parent={trust.pk}").content.decode()
        assert f'<option value="{trust.pk}" selected>Trust</option>' in form  # pre-filled from the tree's link
        data = {"scheme": tree.pk, "parent": trust.pk, "name": "Commitment", "order": 3, "colour": "#00aa00"}
        response = admin_client.post(add, data)
        assert response.status_code == 302
        assert response["Location"] == reverse("admin:coding_codingscheme_change", args=[tree.pk])
        assert tree.codes.filter(name="Commitment", parent__name="Trust").exists()

    def test_in_use_scheme_cannot_be_deleted(self, admin_client, tree):
        factories.StudyFactory(coding_scheme=tree)
        assert admin_client.get(reverse("admin:coding_codingscheme_delete", args=[tree.pk])).status_code == 403

    @staticmethod
    def code_data(code: Code, **changes) -> dict:
        """The Code change form's POST data with the code as it is, plus ``changes``."""
        fields = ("scheme", "parent", "name", "definition", "example", "colour", "concept", "order")
        data = {field: getattr(code, f"{field}_id" if field in ("scheme", "parent") else field) for field in fields}
        return {**{field: "" if value is None else value for field, value in data.items()}, **changes}

    @pytest.mark.parametrize(
        ("change", "refusal"),
        [({"name": "Skill"}, "“Competence” cannot be renamed"), ({"parent": ""}, "cannot be moved to another parent")],
    )
    def test_renaming_or_moving_an_in_use_code_on_its_own_page_is_a_form_error(
        self, admin_client, tree, change, refusal
    ):
        factories.StudyFactory(coding_scheme=tree)
        code = tree.codes.get(name="Competence")
        url = reverse("admin:coding_code_change", args=[code.pk])
        response = admin_client.post(url, self.code_data(code, **change))
        assert response.status_code == 200  # the form again, with the error
        assert refusal in response.content.decode()
        code.refresh_from_db()
        assert (code.name, code.parent.name) == ("Competence", "Trust")

    def test_new_wording_of_an_in_use_code_is_saved_on_its_own_page(self, admin_client, tree):
        factories.StudyFactory(coding_scheme=tree)
        code = tree.codes.get(name="Competence")
        url = reverse("admin:coding_code_change", args=[code.pk])
        response = admin_client.post(url, self.code_data(code, definition="Demonstrated ability"))
        assert response.status_code == 302, response.content.decode()[:3000]
        code.refresh_from_db()
        assert code.definition == "Demonstrated ability"
