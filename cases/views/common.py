"""Shared steps of the edit pages: save a valid form with a message, confirm-then-delete."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.db.models.deletion import ProtectedError
from django.forms import BaseForm, ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def save_form(request: HttpRequest, form: ModelForm, success: str) -> Model | None:
    """Save in one transaction; a database refusal or an edit conflict (someone saved the record
    after this form was opened) becomes a form error and nothing is kept."""
    try:
        with transaction.atomic():
            obj = form.save()
    except IntegrityError:
        form.add_error(None, "This conflicts with an existing record (is the name already used?).")
        return None
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    messages.success(request, success)
    return obj


def form_page(request: HttpRequest, form: BaseForm, context: dict, *, heading: str) -> HttpResponse:
    return render(request, "cases/form.html", {**context, "form": form, "heading": heading})


def confirm_delete(
    request: HttpRequest,
    obj: Model,
    context: dict,
    *,
    back: str,
    done: Callable[[], HttpResponse],
    consequences: str = "",
) -> HttpResponse:
    """GET: the confirmation page. POST: delete and go on; a protected row is refused with a reason."""
    if request.method == "POST":
        label = str(obj)
        try:
            with transaction.atomic():
                obj.delete()
        except ProtectedError:
            messages.error(request, f"“{label}” is still referred to by other records and was not deleted.")
            return redirect(back)
        messages.success(request, f"“{label}” was deleted.")
        return done()
    return render(
        request,
        "cases/confirm_delete.html",
        {**context, "object": obj, "back": back, "consequences": consequences},
    )
