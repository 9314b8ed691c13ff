"""The analysis page's words and figures in the reader's language, prepared once per render.

The page formats thousands of values (every actor cell, every nested figure): the choice names,
"yes"/"no" and the decimal separator are looked up once here, not per cell. Glossary terms are
marked in the core (``N_``) and translated here where the page shows them. Data attributes and
sort keys keep the raw values (``page_html``); files and the API never come here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext, gettext_lazy, ngettext

from cases import choices as case_choices
from coding import choices as coding_choices
from coding.analysis import glossary
from coding.analysis.concepts import CONCEPT_WORDS
from coding.analysis.figure_names import FIGURE_NAMES, figure_name
from coding.analysis.glossary import Term
from coding.charts.region import ROLE_WORDS
from coding.worker.numbers import decimal_separator, decimals

# Choice keys a result carries (actor types as E-I groups and type shares, locations, hierarchy
# levels, modes, settings, trust bases) read as the choices' display names: mapped, not copied.
CHOICES = (
    coding_choices.CoordinationMode,
    coding_choices.Channel,
    coding_choices.Setting,
    coding_choices.TrustBasis,
    case_choices.ActorKind,
    case_choices.HierarchyLevel,
    case_choices.Location,
    case_choices.OrgType,
)

# Coordination modes as the pictures' legends and the co-opetition pairs write them (lower case).
MODE_WORDS = {
    "competition": gettext_lazy("competition"),
    "rivalry": gettext_lazy("rivalry"),
    "conflict": gettext_lazy("conflict"),
    "cooperation": gettext_lazy("cooperation"),
}


def choice_labels() -> dict[str, str]:
    """Every choice key's display name in the active language."""
    return {str(value): str(label) for choices in CHOICES for value, label in choices.choices}


class PageWords:
    """Formatting of one render: ``word`` for keys, ``fmt`` for values, ``term`` for glossary terms."""

    def __init__(self) -> None:
        self.labels = choice_labels()
        self.concept_words = {key: gettext(text) for key, text in CONCEPT_WORDS.items()}
        # Parts of figures and the brokerage roles: a key in words, translated (English: the key's words).
        self.part_words = {key: gettext(text) for key, text in {**FIGURE_NAMES, **ROLE_WORDS}.items()}
        self.separator = decimal_separator()
        self.yes, self.no = gettext("yes"), gettext("no")

    def word(self, key: Any) -> str:
        """A key inside a figure (a group, a role, a part) as words: a choice's display name if it is one."""
        text = str(key)
        return (
            self.labels.get(text) or self.concept_words.get(text) or self.part_words.get(text) or text.replace("_", " ")
        )

    def part(self, key: Any) -> str:
        """A column of a nested figure (external, internal, index): its words, never a choice's name."""
        text = str(key)
        return self.part_words.get(text) or text.replace("_", " ")

    def figure_name(self, key: str) -> str:
        """A classification figure's name (its key in words), translated where the catalogue has it."""
        name = figure_name(key)
        return gettext(name) if name else name

    def number(self, value: float, places: int = 3) -> str:
        return decimals(value, places, self.separator)

    def plain(self, value: float) -> str:
        """A float as Python writes it (1.0, -0.5; the charts' tables), with the reader's separator."""
        text = str(value)
        return text if self.separator == "." else text.replace(".", self.separator)

    def fmt(self, value: Any) -> str:
        if value is None:
            return "—"
        if isinstance(value, bool):
            return self.yes if value else self.no
        if isinstance(value, float):
            return decimals(value, 3, self.separator) if value == value else "—"
        if isinstance(value, dict):
            # A nested figure (the groups of an E-I index) in brackets, so its parts read apart.
            return "; ".join(
                f"{self.word(key)} ({self.fmt(item)})"
                if isinstance(item, dict)
                else f"{self.word(key)}: {self.fmt(item)}"
                for key, item in value.items()
            )
        if isinstance(value, list | tuple):
            return ", ".join(self.fmt(item) for item in value)
        if isinstance(value, str):
            return self.labels.get(value, value)
        return str(value)

    def figure(self, key: str, value: Any, names: Mapping[int, str]) -> str:
        """A classification's figure; the actors it names by their names, not their ids."""
        if key == "coopetition_pairs" and isinstance(value, list):
            return "; ".join(self._pair(pair, names) for pair in value) or gettext("none")
        if key == "spanners" and isinstance(value, dict):  # keyed by actor id (a JSON string)
            named = (
                gettext("%(name)s (%(spheres)s; %(roles)s crossing roles)")
                % {
                    "name": names.get(int(k), k) if str(k).isdigit() else k,
                    "spheres": self.fmt(item.get("spheres", [])),
                    "roles": self.fmt(item.get("crossing_roles")),
                }
                for k, item in value.items()
                if isinstance(item, dict)
            )
            return "; ".join(named) or gettext("none")
        return self.fmt(value)

    def _pair(self, pair: Mapping[str, Any], names: Mapping[int, str]) -> str:
        actors = " – ".join(names.get(actor_id, str(actor_id)) for actor_id in pair.get("actors", []))
        tie_ids = pair.get("tie_ids", [])
        ties = ngettext("tie %(ids)s", "ties %(ids)s", len(tie_ids)) % {"ids": self.fmt(tie_ids)}
        modes = " + ".join(str(MODE_WORDS.get(mode, mode)) for mode in pair.get("modes") or ())
        return f"{actors} ({modes}; {ties})" if modes else f"{actors} ({ties})"

    def meaning(self, text: str) -> str:
        """A glossary meaning; one that lists choice keys names them by their choices' names."""
        if text in glossary.MEANINGS_WITH_NAMES:
            template, keys = glossary.MEANINGS_WITH_NAMES[text]
            translated = gettext(template)
            # Untranslated (English): the text as the glossary writes it, keys as words.
            return text if translated == template else translated.format(names=", ".join(map(self.word, keys)))
        return gettext(text) if text else ""

    def term(self, terms: Mapping[str, Term], key: str) -> Term:
        """``glossary.term`` translated; per-community figures named per language."""
        if key in terms:
            return Term(gettext(terms[key].label), self.meaning(terms[key].meaning))
        head, _, community = key.rpartition("_community_")
        if head in terms and community.isdigit():
            label = gettext(glossary.COMMUNITY_LABEL).format(figure=gettext(terms[head].label), number=community)
            return Term(label, self.meaning(terms[head].meaning))
        return glossary.term(terms, key)

    def in_order(self, values: Mapping[str, Any], terms: Mapping[str, Term]) -> list[tuple[str, Term, Any]]:
        """``glossary.in_order`` with translated terms."""
        return [(key, self.term(terms, key), value) for key, _, value in glossary.in_order(values, terms)]

    def terms(self, terms: Mapping[str, Term], keys: Iterable[str]) -> list[Term]:
        return [self.term(terms, key) for key in keys]
