from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cases.language.services import SESSION_KEY, choose_language


@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """The header's switcher: remember the language (user, session and cookie), then go back.

    Open to signed-out visitors too, so the login page can be read in German; for them only the
    cookie remembers. An unknown language is a 400 with the reason, nothing stored.
    """
    language = request.POST.get("language", "")
    try:
        choose_language(user=request.user, language=language)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain; charset=utf-8")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.user.is_authenticated:
        request.session[SESSION_KEY] = language
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )
    return response
