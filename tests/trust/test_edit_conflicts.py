"""Two people editing one record: the second save is refused with who changed it, nothing lost."""

from __future__ import annotations

import pytest
from django import forms

from cases.concurrency import EditConflict, OptimisticLockMixin, has_version
from cases.models import Actor
from tests import factories

pytestmark = pytest.mark.django_db


class ActorNameForm(OptimisticLockMixin, forms.ModelForm):
    class Meta:
        model = Actor
        fields = ["name", "description"]


def opened(actor: Actor) -> dict:
    """The data a browser posts back: the fields plus the hidden version it was given."""
    form = ActorNameForm(instance=Actor.objects.get(pk=actor.pk))
    return {"name": actor.name, "description": actor.description, "loaded_version": form["loaded_version"].initial}


def test_second_editor_gets_a_conflict_and_the_first_edit_stays(alice, bob, region):
    actor = factories.OrganisationFactory(region=region, name="Infineon Dresden")
    alice_data, bob_data = opened(actor), opened(actor)

    alice_form = ActorNameForm({**alice_data, "description": "Alice's notes"}, instance=Actor.objects.get(pk=actor.pk))
    assert alice_form.is_valid()
    saved = alice_form.save(commit=False)
    saved._history_user = alice
    alice_form.save()

    bob_form = ActorNameForm({**bob_data, "description": "Bob's notes"}, instance=Actor.objects.get(pk=actor.pk))
    assert not bob_form.is_valid()
    [message] = bob_form.non_field_errors()
    assert message.startswith("This record was changed by alice at ")
    assert "Your changes were not saved" in message
    assert Actor.objects.get(pk=actor.pk).description == "Alice's notes"


def test_change_between_validation_and_save_is_caught_under_the_lock(region):
    actor = factories.OrganisationFactory(region=region)
    form = ActorNameForm({**opened(actor), "description": "mine"}, instance=Actor.objects.get(pk=actor.pk))
    assert form.is_valid()
    Actor.objects.filter(pk=actor.pk).update(description="theirs", updated_at=actor.updated_at.replace(year=2030))
    with pytest.raises(EditConflict):
        form.save()
    assert Actor.objects.get(pk=actor.pk).description == "theirs"


def test_unchanged_record_saves(region):
    actor = factories.OrganisationFactory(region=region)
    form = ActorNameForm({**opened(actor), "description": "fine"}, instance=Actor.objects.get(pk=actor.pk))
    assert form.is_valid(), form.errors
    form.save()
    assert Actor.objects.get(pk=actor.pk).description == "fine"


def test_pages_turn_a_conflict_at_save_time_into_a_form_error(rf, alice, region):
    from django.contrib.messages.storage.fallback import FallbackStorage

    from cases.views.common import save_form

    actor = factories.OrganisationFactory(region=region)
    form = ActorNameForm({**opened(actor), "description": "mine"}, instance=Actor.objects.get(pk=actor.pk))
    assert form.is_valid()
    Actor.objects.filter(pk=actor.pk).update(description="theirs", updated_at=actor.updated_at.replace(year=2030))
    request = rf.post("/")
    request.user, request.session = alice, {}
    request._messages = FallbackStorage(request)
    assert save_form(request, form, "Saved.") is None
    assert "Your changes were not saved" in form.non_field_errors()[0]
    assert Actor.objects.get(pk=actor.pk).description == "theirs"


def test_a_stale_wave_edit_is_refused_on_the_page(client, alice, region):
    import datetime

    from django.urls import reverse

    wave = factories.WaveFactory(region=region, label="2024", start=datetime.date(2024, 1, 1), end=None)
    client.force_login(alice)
    url = reverse("cases:wave-edit", args=[wave.pk])
    first, second = (client.get(url).context["form"] for _ in range(2))
    stale, fresh = ({name: form[name].value() or "" for name in form.fields} for form in (first, second))
    assert client.post(url, {**fresh, "end": "2024-12-31"}).status_code == 302
    response = client.post(url, {**stale, "label": "2024 (spring)"})
    wave.refresh_from_db()
    assert response.status_code == 200 and "Your changes were not saved" in response.content.decode()
    assert (wave.label, wave.end) == ("2024", datetime.date(2024, 12, 31))


def test_every_edit_form_of_a_versioned_model_locks():
    """A model with ``updated_at`` is edited concurrently somewhere: its forms must check the version."""
    from cases import forms as case_forms
    from coding.interviews import forms as interview_forms
    from coding.workbench import forms as coding_forms

    create_only = {"StudyCreateForm"}  # makes new rows: nothing to overwrite
    unlocked = [
        form.__name__
        for module in (case_forms, interview_forms, coding_forms)
        for form in vars(module).values()
        if isinstance(form, type)
        and issubclass(form, forms.ModelForm)
        and form.__module__ == module.__name__
        and getattr(getattr(form, "_meta", None), "model", None) is not None
        and has_version(form._meta.model)
        and not issubclass(form, OptimisticLockMixin)
        and form.__name__ not in create_only
    ]
    assert not unlocked, f"edit forms without optimistic locking: {unlocked}"
