from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases.language.models import LanguagePreference

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

# The session key the middleware reads; set at login from the stored choice and by the switcher.
SESSION_KEY = "interface_language"


def supported(language: str) -> bool:
    return language in dict(settings.LANGUAGES)


@transaction.atomic
def choose_language(*, user: AbstractBaseUser | AnonymousUser, language: str) -> None:
    """Remember ``language`` for a signed-in user; for anyone else the caller's cookie does."""
    if not supported(language):
        raise ValidationError(_("This language is not offered: %(language)s.") % {"language": language})
    if user.is_authenticated:
        LanguagePreference.objects.update_or_create(user_id=user.pk, defaults={"language": language})
