"""What the variables pages say about one kind of record, as whole sentences per kind.

German declines and compounds the record's name ("Akteursvariablen", "jedes Interviews"), so the
pages do not paste a machine key such as ``actor`` into a sentence: each phrase is written out for
each kind and translated as a whole.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from coding.variables import values as pure

# Keys: column (the grid's first column), title (the grid's title), grid (its crumb), heading (its
# heading), none (no variables of the kind yet), empty (no records), new (the "new" button),
# none_of_study (the list's empty row), fixed_note (a fixed attribute's note), own_form (the record page), fixed_name
# and no_record (refusals of the services, with placeholders).
TEXTS: dict[str, dict[str, Promise]] = {
    pure.REGION: {
        "column": _("Region"),
        "title": _("Region variables"),
        "grid": _("Region grid"),
        "heading": _("regions × variables"),
        "none": _("The study has no region variables yet."),
        "empty": _("No regions yet."),
        "new": _("New region variable"),
        "none_of_study": _("No region variables of the study yet."),
        "fixed_note": _("A field of every region, edited on its own form."),
        "own_form": _("Edited on the region's own form."),
        "fixed_name": _("“%(name)s” is a fixed attribute of every region; choose another name."),
        "no_record": _("No region %(id)s in this study."),
    },
    pure.WAVE: {
        "column": _("Wave"),
        "title": _("Wave variables"),
        "grid": _("Wave grid"),
        "heading": _("waves × variables"),
        "none": _("The study has no wave variables yet."),
        "empty": _("No waves yet."),
        "new": _("New wave variable"),
        "none_of_study": _("No wave variables of the study yet."),
        "fixed_note": _("A field of every wave, edited on its own form."),
        "own_form": _("Edited on the wave's own form."),
        "fixed_name": _("“%(name)s” is a fixed attribute of every wave; choose another name."),
        "no_record": _("No wave %(id)s in this study."),
    },
    pure.ACTOR: {
        "column": _("Actor"),
        "title": _("Actor variables"),
        "grid": _("Actor grid"),
        "heading": _("actors × variables"),
        "none": _("The study has no actor variables yet."),
        "empty": _("No actors yet."),
        "new": _("New actor variable"),
        "none_of_study": _("No actor variables of the study yet."),
        "fixed_note": _("A field of every actor, edited on its own form."),
        "own_form": _("Edited on the actor's own form."),
        "fixed_name": _("“%(name)s” is a fixed attribute of every actor; choose another name."),
        "no_record": _("No actor %(id)s in this study."),
    },
    pure.INTERVIEW: {
        "column": _("Interview"),
        "title": _("Interview variables"),
        "grid": _("Interview grid"),
        "heading": _("interviews × variables"),
        "none": _("The study has no interview variables yet."),
        "empty": _("No interviews yet."),
        "new": _("New interview variable"),
        "none_of_study": _("No interview variables of the study yet."),
        "fixed_note": _("A field of every interview, edited on its own form."),
        "own_form": _("Edited on the interview's own form."),
        "fixed_name": _("“%(name)s” is a fixed attribute of every interview; choose another name."),
        "no_record": _("No interview %(id)s in this study."),
    },
}


def texts(target: str) -> dict[str, Promise]:
    return TEXTS[target]
