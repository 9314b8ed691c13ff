"""Choice labels and messages of the workbench's forms (translatable; kept apart for the forms' length)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

OPERATOR_CHOICES = [
    ("", "—"),
    ("and", _("AND (overlapping)")),
    ("or", _("OR")),
    ("not", _("NOT (overlapping none of)")),
    ("follows", _("followed within N ¶ by")),
    ("same_interview", _("in an interview with")),
]

INVALID_FILTER = {
    "region": _("Pick a region of this study."),
    "wave": _("Pick a wave of this study."),
    "actor": _("Pick an actor of this study."),
    "coder": _("Pick a coder of this study."),
}

SHOWN_CHOICES = [
    ("10", _("the 10 most used codes")),
    ("40", _("the 40 most used codes")),
    ("100", _("the 100 most used codes")),
    ("all", _("all codes")),
]
