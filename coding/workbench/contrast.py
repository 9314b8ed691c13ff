"""Contrast of code colours against the page (no Django here).

Leads pick any colour for a code; a pale yellow underline vanishes on white. WCAG 2.1 asks 3:1
for graphical marks that carry meaning (1.4.11, non-text contrast) and 4.5:1 for small text
(1.4.3). The transcript's underlines and the margin's stripes use ``mark_colour``, the margin's
code names ``text_colour``; swatches and the code tree keep the colour the lead chose. Both are
measured against the page's background (``--bg`` in app.css), on which the margin stands: it is
darker than the transcript's white, so a shade legible on it is legible on white too.

Relative luminance and contrast ratio as defined by WCAG 2.1 ("relative luminance", "contrast
ratio" in its glossary), from sRGB.
"""

from __future__ import annotations

WHITE = "#ffffff"
PAGE = "#f7f9fb"  # --bg in static/site/app.css
MARK_CONTRAST = 3.0  # WCAG 2.1 SC 1.4.11
TEXT_CONTRAST = 4.5  # WCAG 2.1 SC 1.4.3


def _channels(colour: str) -> tuple[int, int, int]:
    hex_digits = colour.lstrip("#")
    if len(hex_digits) != 6:
        raise ValueError(f"“{colour}” is not a #rrggbb colour")
    return int(hex_digits[0:2], 16), int(hex_digits[2:4], 16), int(hex_digits[4:6], 16)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    red, green, blue = (_linear(channel) for channel in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darkened_to_contrast(colour: str, minimum: float, background: str = PAGE) -> str:
    """The colour itself if it reaches ``minimum`` against ``background``, else the lightest
    shade of it (its channels scaled towards black in 1 % steps, so the hue stays) that does.
    Black reaches over 19:1 on the page, so a shade is always found for the minimums here."""
    red, green, blue = _channels(colour)
    for percent in range(100, -1, -1):
        shade = "#{:02x}{:02x}{:02x}".format(*(round(channel * percent / 100) for channel in (red, green, blue)))
        if contrast_ratio(shade, background) >= minimum:
            return shade
    raise ValueError(f"no shade of {colour} reaches {minimum}:1 against {background}")


def mark_colour(colour: str) -> str:
    return darkened_to_contrast(colour, MARK_CONTRAST)


def text_colour(colour: str) -> str:
    return darkened_to_contrast(colour, TEXT_CONTRAST)
