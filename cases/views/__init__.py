"""Pages of the case records, one module per record kind. Thin: access check, form, template."""

from cases.views.actors import actor_create, actor_delete, actor_detail, actor_edit, actor_list
from cases.views.members import member_add, member_edit, member_remove
from cases.views.regions import (
    region_create,
    region_delete,
    region_detail,
    region_edit,
    wave_create,
    wave_delete,
    wave_edit,
)
from cases.views.studies import study_create, study_detail, study_list, study_settings

__all__ = [
    "actor_create",
    "actor_delete",
    "actor_detail",
    "actor_edit",
    "actor_list",
    "member_add",
    "member_edit",
    "member_remove",
    "region_create",
    "region_delete",
    "region_detail",
    "region_edit",
    "study_create",
    "study_detail",
    "study_list",
    "study_settings",
    "wave_create",
    "wave_delete",
    "wave_edit",
]
