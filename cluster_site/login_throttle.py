"""Rate limiting of failed logins, per user name and per client address.

After ``LOGIN_FAILURE_LIMIT`` failures within ``LOGIN_LOCKOUT_SECONDS`` further attempts for that
user name (from anywhere) or from that address (for any name) are refused until the window has
passed, without checking the password, so guessing gains nothing. Counts live in the
``login_throttle`` cache: in production that is Redis (CACHE_URL), shared by all gunicorn workers.

While that cache is unreachable the throttle fails open: logins are checked by password alone and
every check logs a warning. Failing closed would lock everyone out of the pages, the admin and the
API at once whenever Redis is down; failing open loses only the rate limit, for as long as the
outage lasts, and the warnings say so. (The default cache swallows Redis errors, so the throttle
uses an alias of its own that raises them and can tell "no failures" from "cannot count".)

The counting sits in the authentication backend, so every way in is covered alike: the login
page, the admin's login and the API's token endpoint. The login page's form only adds the message.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _cache() -> BaseCache:
    return caches["login_throttle"]


def _warn_unavailable(action: str) -> None:
    logger.warning("Login throttling is off: could not %s failed logins, the cache is unreachable", action)


def _keys(request: HttpRequest | None, username: str) -> list[str]:
    # Hash the user name: cache keys must be ASCII without spaces and short.
    name = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    keys = [f"login-failures:user:{name}"]
    if request is not None:
        keys.append(f"login-failures:addr:{client_address(request)}")
    return keys


def client_address(request: HttpRequest) -> str:
    # Behind the proxy the address of the client is the last hop the proxy appended.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def is_locked(request: HttpRequest | None, username: str) -> bool:
    try:
        counts = _cache().get_many(_keys(request, username))
    except RedisError:
        _warn_unavailable("read")
        return False
    return any(count >= settings.LOGIN_FAILURE_LIMIT for count in counts.values())


def record_failure(request: HttpRequest | None, username: str) -> None:
    cache = _cache()
    try:
        for key in _keys(request, username):
            # add() starts the window; incr() keeps its expiry.
            if not cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS):
                try:
                    cache.incr(key)
                except ValueError:  # expired between add() and incr()
                    cache.add(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)
    except RedisError:
        _warn_unavailable("count")


def clear_failures(request: HttpRequest | None, username: str) -> None:
    # Only the user name's count: logging in to one's own account must not reset an address
    # that has been guessing other names.
    try:
        _cache().delete_many(_keys(request, username)[:1])
    except RedisError:
        _warn_unavailable("clear")


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing locked user names and addresses and counting failures."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        username = username if username is not None else kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None:
            return None
        if is_locked(request, username):
            return None  # the password is not even checked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(request, username)
        else:
            clear_failures(request, username)
        return user


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": "Too many failed logins. Try again in %(minutes)d minutes.",
    }

    def clean(self) -> dict:
        username = self.cleaned_data.get("username") or ""
        if is_locked(self.request, username):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)},
            )
        return super().clean()  # the backend counts the outcome


class ThrottledLoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True
