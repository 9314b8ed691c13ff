"""The core's refusals, kept translatable: a ``ValueError`` whose text is a ``Message``.

``str(error)`` reads English as before (logs, files, tests); ``error.said`` is the message the
page renders in the reader's language (``coding.templatetags.says.say``). Raise it as
``Refusal(message("{condition}: give at least one threshold", condition=name))`` so that
``makemessages`` collects the text.
"""

from __future__ import annotations

from coding.analysis.message import Figure, Message


class Refusal(ValueError):
    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


def shown(value: float) -> Figure | str:
    """A number as ``f"{value:g}"`` writes it, as a ``Figure`` the page localises ("0.4", German "0,4");
    exponents, infinities and NaN stay text."""
    text = f"{value:g}"
    if any(letter in text for letter in "ein"):
        return text
    return Figure(float(text), len(text.partition(".")[2]))
