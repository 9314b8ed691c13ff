"""Yes/no flags in query strings (``?pseudonymised=1``), read the same strict way by pages and API.

``1``, ``true``, ``yes``, ``on`` (any case) mean yes; ``0``, ``false``, ``no``, ``off`` or no
parameter at all mean no. Anything else is the client's mistake and refused (400) rather than
guessed: a guess of "no" for ``?pseudonymised=True`` would hand out real names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import BadRequest
from django.http import QueryDict
from django.utils.translation import gettext as _

YES = ("1", "true", "yes", "on")
NO = ("0", "false", "no", "off")


def accepted() -> str:
    """The accepted words, as the error messages list them."""
    return _("%(yes)s or %(no)s") % {"yes": ", ".join(YES), "no": ", ".join(NO)}


class QueryParameterError(BadRequest):
    """A query parameter the sender can correct; Django answers it with 400 and this message
    (cluster_site/errors.py), the API with a 400 keyed by the parameter (coding/api/errors.py)."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        super().__init__(message)


def shown(value: str) -> str:
    """A sent value as an error message quotes it: at most 40 characters."""
    return value if len(value) <= 40 else value[:40] + "…"


class QueryFlagError(QueryParameterError):
    """A yes/no parameter with another value."""

    def __init__(self, name: str, value: str) -> None:
        message = _("The parameter “%(name)s” must be one of %(accepted)s, not “%(value)s”.")
        super().__init__(name, message % {"name": name, "accepted": accepted(), "value": shown(value)})


def parse_flag(value: str) -> bool:
    """``True`` or ``False`` for a yes/no word; ``ValueError`` for anything else."""
    word = value.lower()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValueError(value)


def query_flag(query: QueryDict, name: str) -> bool:
    """The flag ``name`` of a query string; ``QueryFlagError`` if it is malformed or given twice."""
    values = query.getlist(name)
    if not values:
        return False
    if len(values) > 1:
        raise QueryFlagError(name, "&".join(values))
    try:
        return parse_flag(values[0])
    except ValueError:
        raise QueryFlagError(name, values[0]) from None


def _is_yes(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in YES
    return value is True


class FlagCheckbox(forms.CheckboxInput):
    """A checkbox that hands the raw query value to its field, which then refuses a malformed one
    (Django's own checkbox reads ``?by_wave=off`` or ``=2`` as ticked)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, check_test=_is_yes)

    # The raw text, not a bool: the field must see a malformed value to refuse it.
    def value_from_datadict(  # type: ignore[override]
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> str | None:
        values = data.getlist(name) if isinstance(data, QueryDict) else [data[name]] if name in data else []
        return "&".join(values) if values else None


class FlagField(forms.Field):
    """A yes/no form field read like ``query_flag``: a malformed value is a form error."""

    widget = FlagCheckbox

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: object) -> bool:
        if value is None or isinstance(value, bool):
            return bool(value)
        try:
            return parse_flag(str(value))
        except ValueError:
            message = _("Use one of %(accepted)s, not “%(value)s”.") % {"accepted": accepted(), "value": value}
            raise forms.ValidationError(message, code="invalid") from None
