"""Rate limiting of failed logins, per (user name, address) pair, per user name and per address.

Three counters, each a fixed window of ``LOGIN_LOCKOUT_SECONDS`` from its first failure:

- the pair (user name, client address): ``LOGIN_FAILURE_LIMIT`` failures (5) refuse that name
  from that address. Someone guessing alice's password from one address locks out only
  themselves, not alice at her own desk;
- the user name from all addresses: ``LOGIN_GLOBAL_FAILURE_LIMIT`` failures (50) refuse the name
  everywhere, so guessing from many addresses gains a bounded number of tries;
- the address for all user names: the same global limit, so one address spraying one password
  over many names is stopped too. It is deliberately as slow as the name's limit: colleagues
  behind one office NAT share an address and must not lock each other out by mistyping.

A refused attempt does not check the password (guessing gains nothing) and is not counted (the
window is not extended). Every way in says the same thing: "Too many failed logins. Try again in
N minutes.", N the minutes left of the longest window that locks: the login page and the admin's
login as a form error, the API's token endpoint as a 429 with that ``detail`` and Retry-After.
The backend refuses locked attempts too, so a login path that forgets the check is still closed.

Counts live in the ``login_throttle`` cache: in production that is Redis (CACHE_URL), shared by
all gunicorn workers. While that cache is unreachable the throttle fails open: logins are checked
by password alone and every check logs a warning. Failing closed would lock everyone out of the
pages, the admin and the API at once whenever Redis is down; failing open loses only the rate
limit, for as long as the outage lasts, and the warnings say so. (The default cache swallows Redis
errors, so the throttle uses an alias of its own that raises them and can tell "no failures" from
"cannot count".)

Why not django-axes (8.3): its ``AXES_LOCKOUT_PARAMETERS`` can combine name and address, but one
``AXES_FAILURE_LIMIT`` applies to every combination, so "5 per pair, 50 per name" needs two
limits it does not have; its cache handler lets Redis errors through (a 500 on every login while
Redis is down) or, with the swallowing cache, treats "cannot count" as "no failures" without a
word; and its lockout answer comes from its middleware and a backend that raises PermissionDenied,
which DRF's token serializer turns into "wrong credentials". Fitting it would take a handler, a
lockout callable and a token view of our own: more code than this module, plus a dependency.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest
from django.utils.translation import ngettext
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _cache() -> BaseCache:
    return caches["login_throttle"]


def _warn_unavailable(action: str) -> None:
    logger.warning("Login throttling is off: could not %s failed logins, the cache is unreachable", action)


def _digest(*parts: str) -> str:
    # Cache keys must be ASCII without spaces and short; user names and forwarded addresses are not.
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _counters(request: HttpRequest | None, username: str) -> list[tuple[str, int]]:
    """(cache key, limit) of every counter an attempt touches; the pair's comes first."""
    name = username.strip().casefold()
    by_name = (f"login-failures:user:{_digest(name)}", settings.LOGIN_GLOBAL_FAILURE_LIMIT)
    if request is None:
        return [by_name]
    address = client_address(request)
    return [
        (f"login-failures:pair:{_digest(name, address)}", settings.LOGIN_FAILURE_LIMIT),
        by_name,
        (f"login-failures:addr:{_digest(address)}", settings.LOGIN_GLOBAL_FAILURE_LIMIT),
    ]


def _until(key: str) -> str:
    # When the counter's window ends: the cache cannot say how long a key has left, portably.
    return f"{key}:until"


def client_address(request: HttpRequest) -> str:
    # Behind the proxy the address of the client is the last hop the proxy appended.
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def lockout_seconds(request: HttpRequest | None, username: str) -> int:
    """Seconds until this attempt would be allowed again; 0 when it is allowed now."""
    counters = _counters(request, username)
    try:
        values = _cache().get_many([k for key, _ in counters for k in (key, _until(key))])
    except RedisError:
        _warn_unavailable("read")
        return 0
    now = time.time()
    left = 0.0
    for key, limit in counters:
        if values.get(key, 0) >= limit:
            until = values.get(_until(key), now + settings.LOGIN_LOCKOUT_SECONDS)
            left = max(left, until - now, 1.0)
    return math.ceil(left)


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed logins. Try again in %(minutes)s minute.",
        "Too many failed logins. Try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def record_failure(request: HttpRequest | None, username: str) -> None:
    cache = _cache()
    timeout = settings.LOGIN_LOCKOUT_SECONDS
    try:
        for key, _ in _counters(request, username):
            # add() starts the window; incr() keeps its expiry.
            if cache.add(key, 1, timeout=timeout):
                cache.set(_until(key), time.time() + timeout, timeout=timeout)
                continue
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.set(key, 1, timeout=timeout)
                cache.set(_until(key), time.time() + timeout, timeout=timeout)
    except RedisError:
        _warn_unavailable("count")


def clear_failures(request: HttpRequest | None, username: str) -> None:
    # Only the pair's count: a success proves who sits at this address, nothing about the
    # guesses for this name from elsewhere, nor about the other names this address tried.
    key, _ = _counters(request, username)[0]
    try:
        _cache().delete_many([key, _until(key)])
    except RedisError:
        _warn_unavailable("clear")


class ThrottledModelBackend(ModelBackend):
    """Django's backend, refusing locked attempts and counting failures."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        username = username if username is not None else kwargs.get(get_user_model().USERNAME_FIELD)
        if not isinstance(username, str):
            return None
        if lockout_seconds(request, username):
            return None  # the password is not even checked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(request, username)
        else:
            clear_failures(request, username)
        return user


class ThrottledAuthenticationForm(AuthenticationForm):
    """The login form saying "locked, try again in N minutes" instead of "wrong password"."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        seconds = lockout_seconds(self.request, username)
        if seconds:
            raise forms.ValidationError(lockout_message(seconds), code="locked")
        return super().clean()  # the backend counts the outcome


class ThrottledAdminAuthenticationForm(ThrottledAuthenticationForm, AdminAuthenticationForm):
    """The admin's login form (staff only) with the same lockout message."""


class ThrottledLoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True
