"""The variables pages: leads define, edit and delete variables; coders set a record's values;
viewers read; the record pages show the values next to the fixed attributes."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.choices import Role
from coding.variables import services
from coding.variables.models import Variable, VariableValue
from coding.variables.selectors import record_values
from tests import factories


def _sector(study):
    return services.variable_create(
        study=study, target="actor", name="sector", label="Sector", type="categorical", categories=["ICT", "Bio"]
    )


def test_a_lead_defines_a_categorical_actor_variable(client, alice, study):
    client.force_login(alice)
    response = client.post(
        reverse("variables:create", args=[study.pk]),
        {
            "target": "actor",
            "name": "association_member",
            "label": "Member of the cluster association",
            "type": "categorical",
            "categories_text": "member\nnon-member\n",
            "description": "From the association's list of 2024.",
            "unit": "",
        },
    )
    assert response.status_code == 302
    variable = Variable.objects.get(study=study, name="association_member")
    assert (variable.target, variable.type, variable.categories) == ("actor", "categorical", ["member", "non-member"])
    page = client.get(reverse("variables:page", args=[study.pk])).content.decode()
    assert "Member of the cluster association" in page and "member, non-member" in page


def test_a_refused_definition_names_the_field_and_saves_nothing(client, alice, study):
    client.force_login(alice)
    response = client.post(
        reverse("variables:create", args=[study.pk]),
        {"target": "actor", "name": "org_type", "label": "", "type": "text", "categories_text": ""},
    )
    assert response.status_code == 200
    assert "is a fixed attribute of every actor" in response.content.decode()
    response = client.post(
        reverse("variables:create", args=[study.pk]),
        {"target": "actor", "name": "size", "label": "", "type": "numeric", "categories_text": "a\nold => new"},
    )
    assert "a new variable has nothing to rename" in response.content.decode()
    assert not Variable.objects.exists()


def test_editing_renames_and_reorders_categories_with_their_values(client, alice, study, region):
    sector = _sector(study)
    actor = factories.OrganisationFactory(region=region)
    services.values_set(variable=sector, values={actor.pk: "Bio"})
    client.force_login(alice)
    response = client.post(
        reverse("variables:edit", args=[sector.pk]),
        {
            "name": "sector",
            "label": "Sector of activity",
            "type": "categorical",
            "categories_text": "Bio => Life sciences\nICT",
            "description": "",
            "unit": "",
            "position": 3,
        },
    )
    assert response.status_code == 302
    sector.refresh_from_db()
    assert (sector.label, sector.categories, sector.position) == ("Sector of activity", ["Life sciences", "ICT"], 3)
    assert record_values([sector], [actor.pk]) == {actor.pk: {"sector": "Life sciences"}}


def test_removing_a_category_in_use_is_refused_naming_the_count(client, alice, study, region):
    sector = _sector(study)
    actor = factories.OrganisationFactory(region=region)
    services.values_set(variable=sector, values={actor.pk: "Bio"})
    client.force_login(alice)
    data = {"name": "sector", "label": "Sector", "type": "categorical", "categories_text": "ICT", "position": 1}
    response = client.post(reverse("variables:edit", args=[sector.pk]), data)
    assert response.status_code == 200
    assert "1 record(s) hold" in response.content.decode()
    sector.refresh_from_db()
    assert sector.categories == ["ICT", "Bio"]


def test_deleting_a_variable_asks_naming_how_many_values_go(client, alice, study, region):
    sector = _sector(study)
    actors = [factories.OrganisationFactory(region=region) for _ in range(3)]
    services.values_set(variable=sector, values={actor.pk: "ICT" for actor in actors})
    client.force_login(alice)
    confirm = client.get(reverse("variables:delete", args=[sector.pk])).content.decode()
    assert "3 values" in confirm
    assert VariableValue.objects.count() == 3  # asking deletes nothing
    client.post(reverse("variables:delete", args=[sector.pk]))
    assert not Variable.objects.exists() and not VariableValue.objects.exists()


@pytest.mark.parametrize("persona", ["bob", "carol"])
def test_coders_and_viewers_read_the_variables_but_do_not_define_them(client, request, study, persona):
    _sector(study)
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("variables:page", args=[study.pk])).content.decode()
    assert "Sector" in page and "New actor variable" not in page
    assert client.get(reverse("variables:create", args=[study.pk])).status_code == 403


def test_a_coder_sets_an_actors_values_on_its_page_and_the_actor_page_shows_them(client, bob, study, region):
    _sector(study)
    services.variable_create(study=study, target="actor", name="staff", label="Staff", type="numeric", unit="FTE")
    actor = factories.OrganisationFactory(region=region, name="Photonics GmbH")
    client.force_login(bob)
    url = reverse("variables:record-values", args=[study.pk, "actor", actor.pk])
    page = client.get(url).content.decode()
    assert "Organisation type" in page  # the fixed attributes alongside, read-only
    response = client.post(url, {"sector": "ICT", "staff": "12,5"})
    assert response.status_code == 302 and response["Location"] == reverse("cases:actor-detail", args=[actor.pk])
    detail = client.get(reverse("cases:actor-detail", args=[actor.pk])).content.decode()
    assert "Sector" in detail and "ICT" in detail and "12.5 FTE" in detail


def test_a_bad_value_on_the_record_page_is_shown_at_its_field_and_nothing_is_saved(client, bob, study, region):
    _sector(study)
    services.variable_create(study=study, target="actor", name="staff", label="Staff", type="numeric")
    actor = factories.OrganisationFactory(region=region)
    client.force_login(bob)
    url = reverse("variables:record-values", args=[study.pk, "actor", actor.pk])
    response = client.post(url, {"sector": "ICT", "staff": "a dozen"})
    assert response.status_code == 200
    assert "“a dozen” is not a number (“Staff” is numeric)." in response.content.decode()
    assert not VariableValue.objects.exists()


def test_a_record_of_another_study_or_kind_is_not_found(client, bob, study, region, other_region):
    outsider = factories.OrganisationFactory(region=other_region)
    client.force_login(bob)
    assert client.get(reverse("variables:record-values", args=[study.pk, "actor", outsider.pk])).status_code == 404
    assert client.get(reverse("variables:record-values", args=[study.pk, "memo", region.pk])).status_code == 404


def test_region_wave_and_interview_values_are_shown_on_their_pages(client, carol, study, region):
    services.variable_create(study=study, target="region", name="renewal", label="Renewal", type="boolean")
    services.variable_create(study=study, target="interview", name="recorded", label="Recorded on", type="date")
    interview = factories.InterviewFactory(region=region)
    services.values_set_many(
        study=study,
        changes={
            Variable.objects.get(name="renewal"): {region.pk: "ja"},
            Variable.objects.get(name="recorded"): {interview.pk: "2024-05-02"},
        },
    )
    client.force_login(carol)
    region_page = client.get(reverse("cases:region-detail", args=[region.pk])).content.decode()
    assert "Renewal</th><td>yes" in region_page and "Edit variable values" not in region_page
    interview_page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "Recorded on</th><td>2024-05-02" in interview_page


def test_the_admin_lists_a_studys_variables_read_only_to_its_members(client, study, other_study):
    member = factories.UserFactory(username="operator", is_staff=True, is_superuser=True)
    factories.MembershipFactory(study=study, user=member, role=Role.LEAD)
    _sector(study)
    _sector(other_study)
    client.force_login(member)
    changelist = client.get(reverse("admin:coding_variable_changelist"))
    assert changelist.status_code == 200 and changelist.context["cl"].result_count == 1
    assert client.get(reverse("admin:coding_variable_add")).status_code == 403


def test_a_waves_values_are_set_from_its_regions_page_and_shown_there(client, bob, study, region):
    phase = services.variable_create(
        study=study, target="wave", name="phase", label="Phase", type="categorical", categories=["growth", "decline"]
    )
    wave = factories.WaveFactory(region=region)
    client.force_login(bob)
    region_page = client.get(reverse("cases:region-detail", args=[region.pk])).content.decode()
    url = reverse("variables:record-values", args=[study.pk, "wave", wave.pk])
    assert url in region_page
    response = client.post(url, {"phase": "decline"})
    assert response["Location"] == reverse("cases:region-detail", args=[region.pk])
    assert record_values([phase], [wave.pk]) == {wave.pk: {"phase": "decline"}}
    assert "Phase: decline" in client.get(reverse("cases:region-detail", args=[region.pk])).content.decode()
    grid = client.get(reverse("variables:region-grid", args=[region.pk, "wave"])).context["grid"]
    assert [(row.label, row.cells) for row in grid.rows] == [(wave.label, [(phase, "decline")])]


def test_the_region_page_shows_wave_and_region_values_in_constant_queries(client, carol, study, region):
    phase = services.variable_create(study=study, target="wave", name="phase", label="Phase", type="text")
    renewal = services.variable_create(study=study, target="region", name="renewal", label="Renewal", type="boolean")
    services.values_set(variable=renewal, values={region.pk: "yes"})
    client.force_login(carol)
    counts = []
    for waves in (2, 12):
        while region.waves.count() < waves:
            factories.WaveFactory(region=region)
        services.values_set(variable=phase, values={wave.pk: f"w{wave.pk}" for wave in region.waves.all()})
        with CaptureQueriesContext(connection) as captured:
            page = client.get(reverse("cases:region-detail", args=[region.pk])).content.decode()
        assert page.count("Phase: w") == waves
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_region_page_has_the_anchors_that_qca_case_values_link_to(client, alice, study, region):
    # coding.qca.selectors.PageLinks.variable links a region value to #variable-<name> and a wave
    # value to #wave-<id> of the region page.
    renewal = services.variable_create(study=study, target="region", name="renewal", label="Renewal", type="numeric")
    services.values_set(variable=renewal, values={region.pk: "0.6"})
    wave = factories.WaveFactory(region=region)
    client.force_login(alice)
    page = client.get(reverse("cases:region-detail", args=[region.pk])).content.decode()
    assert '<tr id="variable-renewal">' in page and f'<tr id="wave-{wave.pk}">' in page
