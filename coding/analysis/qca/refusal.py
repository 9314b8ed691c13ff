"""The core's refusals, kept translatable: a ``ValueError`` whose text is a ``Message``.

``str(error)`` reads English as before (logs, files, tests); ``error.said`` is the message the
page renders in the reader's language (``coding.templatetags.says.say``).
"""

from __future__ import annotations

from coding.analysis.message import Arg, Message, message


class Refusal(ValueError):
    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


def refuse(text: str, /, **args: Arg) -> Refusal:
    """``raise refuse("{condition}: give at least one threshold", condition=name)``."""
    return Refusal(message(text, **args))
