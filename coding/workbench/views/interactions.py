"""Interactions recorded from evidence: create from a passage or coding, list, detail, edit, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.access import get_for_user, role_allows
from cases.choices import Role
from cases.models import Interview, Study
from coding.choices import CoordinationMode
from coding.interviews.paragraphs import ParagraphIndex
from coding.models import Coding, Interaction
from coding.workbench import selectors, services
from coding.workbench.forms import InteractionForm, PassageForm, loaded_version, model_values

if TYPE_CHECKING:
    from cases.access import AuthenticatedHttpRequest

INTERACTION_QS = Interaction.objects.select_related("region__study", "wave", "source", "target", "coder")


def _evidence_coding(request: HttpRequest, interview: Interview) -> Coding | None:
    """The existing coding named by ``?coding=`` (it must belong to this interview)."""
    coding_id = request.POST.get("coding") or request.GET.get("coding")
    if not coding_id:
        return None
    coding = interview.codings.select_related("code").filter(pk=coding_id).first() if coding_id.isdigit() else None
    if coding is None:
        raise ValidationError(_("The evidence coding is not part of this interview."))
    return coding


@login_required
def interaction_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record a tie from interview ``pk``: from an existing coding, or a fresh passage coded on the way."""
    interview = get_for_user(
        Interview.objects.select_related("region__study"), request.user, min_role=Role.CODER, pk=pk
    )
    region = interview.region
    data = request.POST if request.method == "POST" else None
    try:
        evidence = _evidence_coding(request, interview)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("coding:interview-code", pk=pk)
    passage = None if evidence else PassageForm(request.POST or request.GET, interview=interview)
    if passage is not None and not passage.is_valid():
        return _render_new(request, interview, InteractionForm(data, region=region), passage, evidence, status=400)
    suggestions = _suggestions(interview, evidence, passage)
    initial = {"wave": interview.wave_id, **{f"mode_{mode}": True for mode in suggestions.modes}}
    form = InteractionForm(data, region=region, initial=initial, suggested=suggestions.actors)
    if data is not None and form.is_valid():
        try:
            interaction = services.interaction_create(
                region=region,
                coder=request.user,
                values=model_values(form),
                evidence=[evidence] if evidence else [],
                passage=passage.passage() if passage else None,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Interaction %(tie)s recorded with its evidence.") % {"tie": interaction})
            return redirect("coding:interaction-detail", pk=interaction.pk)
    status = 400 if form.errors else 200
    return _render_new(request, interview, form, passage, evidence, status=status, suggestions=suggestions)


def _suggestions(
    interview: Interview, evidence: Coding | None, passage: PassageForm | None
) -> selectors.InteractionSuggestions:
    """What the passage (an existing coding, or a fresh selection with its chosen code) suggests."""
    if evidence is not None:
        start, end, quote, code_ids = evidence.start, evidence.end, evidence.quote, [evidence.code_id]
    else:
        assert passage is not None  # a valid fresh passage: the caller returned on an invalid one
        cleaned = passage.cleaned_data
        start, end, quote, code_ids = cleaned["start"], cleaned["end"], cleaned["quote"], [cleaned["code"].pk]
    return selectors.interaction_suggestions(interview, start=start, end=end, quote=quote, code_ids=code_ids)


def _position(interview: Interview, coding: Coding | None) -> str:
    return ParagraphIndex(interview.transcript).label(coding.start, coding.end) if coding else ""


def _render_new(
    request: HttpRequest,
    interview: Interview,
    form: InteractionForm,
    passage: PassageForm | None,
    evidence: Coding | None,
    *,
    status: int,
    suggestions: selectors.InteractionSuggestions | None = None,
) -> HttpResponse:
    context = {
        "suggestions": suggestions,
        "interview": interview,
        "region": interview.region,
        "study": interview.region.study,
        "form": form,
        "passage": passage,
        "evidence": evidence,
        "evidence_position": _position(interview, evidence),
    }
    return render(request, "coding/interaction_new.html", context, status=status)


@login_required
def interaction_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The study's ties, narrowed by ``region``, ``wave`` and coordination ``mode`` (links of the comparison)."""
    study = get_for_user(Study.objects.all(), request.user, pk=pk)
    interactions = selectors.interactions_of_study(study)
    region_id, wave_id, mode = (request.GET.get(name, "") for name in ("region", "wave", "mode"))
    used = {}
    if region_id.isdigit():
        interactions, used["region"] = interactions.filter(region_id=region_id), region_id
    if wave_id.isdigit():
        interactions, used["wave"] = interactions.filter(wave_id=wave_id), wave_id
    if mode in CoordinationMode.values:
        interactions, used["mode"] = interactions.with_mode(mode), mode
    page = Paginator(interactions, 50).get_page(request.GET.get("page"))
    context = {
        "study": study,
        "page": page,
        "regions": study.regions.order_by("name"),
        "modes": CoordinationMode.choices,
        "region_id": region_id,
        "wave_id": used.get("wave", ""),
        "mode": used.get("mode", ""),
        "query": urlencode(used),
    }
    return render(request, "coding/interaction_list.html", context)


@login_required
def interaction_detail(request: HttpRequest, pk: int) -> HttpResponse:
    interaction = get_for_user(INTERACTION_QS, request.user, pk=pk)
    evidence = list(selectors.evidence_of(interaction))
    labels = selectors.paragraph_labels(evidence)
    context = {
        "interaction": interaction,
        "region": interaction.region,
        "study": interaction.region.study,
        "evidence": [(coding, labels[coding.pk]) for coding in evidence],
        "can_code": role_allows(interaction.user_role, Role.CODER),
    }
    return render(request, "coding/interaction_detail.html", context)


@login_required
def interaction_edit(request: HttpRequest, pk: int) -> HttpResponse:
    interaction = get_for_user(INTERACTION_QS, request.user, min_role=Role.CODER, pk=pk)
    form = InteractionForm(request.POST or None, instance=interaction, region=interaction.region)
    if request.method == "POST" and form.is_valid():
        try:
            services.interaction_update(
                interaction=interaction, values=model_values(form), loaded_version=loaded_version(form)
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Interaction updated."))
            return redirect("coding:interaction-detail", pk=pk)
    context = {"interaction": interaction, "form": form, "region": interaction.region}
    context["study"] = interaction.region.study
    return render(request, "coding/interaction_edit.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def interaction_delete(request: HttpRequest, pk: int) -> HttpResponse:
    interaction = get_for_user(INTERACTION_QS, request.user, min_role=Role.CODER, pk=pk)
    study_id = interaction.region.study_id
    services.interaction_delete(interaction=interaction)
    messages.success(request, _("Interaction deleted (its evidence codings are kept)."))
    return redirect("coding:interaction-list", pk=study_id)
