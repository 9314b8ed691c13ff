from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from cases.language.services import SESSION_KEY, supported


class UserLanguageMiddleware:
    """Activate the language a signed-in user chose (after ``LocaleMiddleware`` guessed one).

    Reads the session only: the choice is copied there at login and by the switcher, so pages
    keep their query counts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        language = session.get(SESSION_KEY) if session is not None else None
        if language and supported(language) and request.user.is_authenticated:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)
