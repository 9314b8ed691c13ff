from __future__ import annotations

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from cases.language.models import LanguagePreference
from cases.language.services import SESSION_KEY


@receiver(user_logged_in, dispatch_uid="cases.language.remember_at_login")
def _copy_choice_into_session(sender: object, request: HttpRequest | None, user: object, **kwargs: object) -> None:
    user_id = getattr(user, "pk", None)
    if request is None or not hasattr(request, "session") or user_id is None:
        return
    language = LanguagePreference.objects.filter(user_id=user_id).values_list("language", flat=True).first()
    if language:
        request.session[SESSION_KEY] = language
