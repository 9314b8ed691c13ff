"""Rules of one actor or interview row that span its fields, as field errors in the reader's language.

``Actor.clean()`` and ``Interview.clean()`` (``cases.models``) raise what these return.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from cases.choices import ActorKind, ConsentStatus

if TYPE_CHECKING:
    from cases.models import Actor, Interview


def actor_errors(actor: Actor) -> dict[str, str]:
    errors: dict[str, str] = {}
    if actor.kind == ActorKind.ORGANISATION and not actor.org_type:
        errors["org_type"] = _("An organisation needs an organisation type.")
    if actor.kind == ActorKind.PERSON:
        for field in ("org_type", "size_band", "spun_off_from", "founded"):
            if getattr(actor, field):
                errors[field] = _("Only organisations have this field.")
    if actor.kind == ActorKind.ORGANISATION:
        for field in ("hierarchy_level", "affiliation", "occupational_group"):
            if getattr(actor, field):
                errors[field] = _("Only persons have this field.")
    for field in ("affiliation", "spun_off_from"):
        other = getattr(actor, field)
        if other is None:
            continue
        if other.region_id != actor.region_id:
            errors[field] = _("Must be an actor of the same region.")
        elif other.kind != ActorKind.ORGANISATION:
            errors[field] = _("Must be an organisation.")
        elif actor.pk and other.pk == actor.pk:
            errors[field] = _("An actor cannot refer to itself.")
    if actor.pk and actor.kind != ActorKind.ORGANISATION:
        # Affiliations and spin-offs may only point at organisations.
        people, spin_offs = actor.people.count(), actor.spin_offs.count()
        if people or spin_offs:
            errors["kind"] = _(
                "%(people)s person(s) are affiliated with this organisation and %(spin_offs)s spun off from it: "
                "change those first."
            ) % {"people": people, "spin_offs": spin_offs}
    return errors


def interview_errors(interview: Interview) -> dict[str, str]:
    errors: dict[str, str] = {}
    if interview.region_id and interview.wave is not None and interview.wave.region_id != interview.region_id:
        errors["wave"] = _("The wave must belong to the interview's region.")
    if interview.consent_status == ConsentStatus.WITHDRAWN:
        for field in ("transcript", "memo"):
            if getattr(interview, field):
                errors[field] = _("Consent was withdrawn: this interview's text cannot be stored again.")
    return errors
