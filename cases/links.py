"""Rows linked to a region's record belong to that region: a tie's or an outcome's evidence
(codings of the region's interviews), an outcome's contributing actors, an interview's
interviewees (persons of the region). One rule for the pages, the API and the admin.

Plain functions over model rows; the field names are those of the models' many-to-many fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.choices import ActorKind


@dataclass(frozen=True)
class LinkRule:
    region_of: str  # attribute path from a linked row to its region id
    message: str | Promise  # lazy: in the language of the request that breaks the rule
    persons_only: bool = False

    def allows(self, row: Any, region_id: int) -> bool:
        value = row
        for part in self.region_of.split("."):
            value = getattr(value, part)
        return value == region_id and (not self.persons_only or row.kind == ActorKind.PERSON)


LINK_RULES: dict[str, LinkRule] = {
    "evidence": LinkRule("interview.region_id", _("Evidence must come from interviews of the same region.")),
    "actors": LinkRule("region_id", _("Contributing actors must be of the same region.")),
    "interviewees": LinkRule("region_id", _("Interviewees must be persons of the interview's region."), True),
}


def link_errors(values: Mapping[str, Iterable[Any] | None], fields: Iterable[str], region: Any) -> dict[str, list[str]]:
    """Messages by field for the linked rows in ``values`` (a form's cleaned data, a serializer's
    attributes) that break the rule of their field."""
    errors = {}
    for field in fields:
        rule = LINK_RULES[field]
        if any(not rule.allows(row, region.pk) for row in values.get(field) or ()):
            errors[field] = [str(rule.message)]
    return errors
