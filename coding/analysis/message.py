"""Texts the analysis writes for people, kept translatable although this core imports no Django.

A classification's reason is computed once by the worker and read later in English or German,
so the core cannot translate it: it stores *what to say* — an English message with named
placeholders, its arguments, and for counts the plural form — and the page renders it in the
reader's language (``coding/templatetags/says.py`` with Django's gettext). ``str()`` renders
English, so logs, tests and files read as before.

- ``N_("Density")`` marks a fixed text (a glossary term) for ``makemessages``; pages translate it
  where they show it (``{% translate term.label %}``).
- ``message("{share} of ties", share=...)`` and ``plural_message("{count} tie", "{count} ties",
  count)`` build a ``Message``; arguments may be messages themselves, ``Figure``s (numbers the
  page formats per language: decimal comma in German), ``Joined`` lists of them or plain strings
  (names, keys). ``pmessage("number", "two")`` adds a context for a short text that means
  different things in different places ("no" as a count and as an answer).

Hand-written: gettext's own lazy strings need Django's settings, and stored results must be JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias


def N_(text: str) -> str:  # gettext's customary name for a marker
    """Mark ``text`` for translation without translating it (see the module docstring)."""
    return text


@dataclass(frozen=True)
class Figure:
    """A number the reader's page formats: ``places`` decimals, grouped per language.

    ``signed``: a plus sign before a positive number ("+0.25", an E-I index); ``trim``: trailing
    zeros after the decimal point dropped ("0.05", "1"), as thresholds are written.
    """

    value: float
    places: int = 2
    signed: bool = False
    trim: bool = False


@dataclass(frozen=True)
class Joined:
    """Several arguments shown one after another with ``separator`` between them ("; ", ", ")."""

    items: tuple[Arg, ...]
    separator: str = ", "


Arg: TypeAlias = "str | int | Figure | Message | Joined"


@dataclass(frozen=True)
class Message:
    text: str
    args: Mapping[str, Arg] = field(default_factory=dict)
    plural: str | None = None
    count: int | None = None
    context: str | None = None

    def __str__(self) -> str:
        return render(self)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "args": {key: _arg_json(value) for key, value in self.args.items()}}
        if self.plural is not None:
            data["plural"], data["count"] = self.plural, self.count
        if self.context is not None:
            data["context"] = self.context
        return data


def message(text: str, /, **args: Arg) -> Message:
    return Message(text, args)


def pmessage(context: str, text: str, /, **args: Arg) -> Message:
    """A message with a context that tells its translation apart from the same text elsewhere."""
    return Message(text, args, context=context)


def plural_message(singular: str, plural: str, count: int, /, **args: Arg) -> Message:
    """A message whose form follows ``count`` (available as ``{count}`` unless given)."""
    return Message(singular, {"count": count, **args}, plural, count)


def _arg_json(value: Arg) -> Any:
    if isinstance(value, Message):
        return value.as_json()
    if isinstance(value, Figure):
        data: dict[str, Any] = {"figure": value.value, "places": value.places}
        data.update({key: True for key in ("signed", "trim") if getattr(value, key)})
        return data
    if isinstance(value, Joined):
        return {"join": [_arg_json(item) for item in value.items], "separator": value.separator}
    return value


def from_json(data: Any) -> Any:
    """The stored form back as ``Message``/``Figure``; a plain string (older results) stays one."""
    if isinstance(data, dict) and "text" in data:
        args = {key: from_json(value) for key, value in (data.get("args") or {}).items()}
        return Message(data["text"], args, data.get("plural"), data.get("count"), data.get("context"))
    if isinstance(data, dict) and "figure" in data:
        places = int(data.get("places", 2))
        return Figure(float(data["figure"]), places, bool(data.get("signed")), bool(data.get("trim")))
    if isinstance(data, dict) and "join" in data:
        return Joined(tuple(from_json(item) for item in data["join"]), str(data.get("separator", ", ")))
    return data


def _english_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def _plain_number(value: float, places: int) -> str:
    return f"{value:.{places}f}"


def _no_context(context: str, text: str) -> str:
    return text


def _figure(figure: Figure, number: Callable[[float, int], str]) -> str:
    text = number(figure.value, figure.places)
    if figure.trim and figure.places > 0:
        # Whatever the decimal separator: drop the zeros after it, then the separator if nothing is left.
        text = text.rstrip("0")
        text = text[:-1] if text and not text[-1].isdigit() else text
    if figure.signed and not text.startswith(("-", "−")):
        text = f"+{text}"
    return text


def render(
    value: Any,
    *,
    gettext: Callable[[str], str] = str,
    ngettext: Callable[[str, str, int], str] = _english_plural,
    number: Callable[[float, int], str] = _plain_number,
    pgettext: Callable[[str, str], str] = _no_context,
) -> str:
    """``value`` (a ``Message``, its JSON form, a ``Figure`` or text) as text in one language."""
    value = from_json(value)
    again: dict[str, Any] = {"gettext": gettext, "ngettext": ngettext, "number": number, "pgettext": pgettext}
    if isinstance(value, Figure):
        return _figure(value, number)
    if isinstance(value, Joined):
        return value.separator.join(render(item, **again) for item in value.items)
    if not isinstance(value, Message):
        return "" if value is None else str(value)
    if value.plural is not None and value.count is not None:
        template = ngettext(value.text, value.plural, value.count)
    elif value.context is not None:
        template = pgettext(value.context, value.text)
    else:
        template = gettext(value.text)
    args = {key: render(arg, **again) for key, arg in value.args.items()}
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError):
        # A translation that names a placeholder wrongly must not break the page: say it in English.
        return value.text.format(**args) if template != value.text else template
