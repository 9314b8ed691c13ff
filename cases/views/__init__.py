"""Pages of the case records, one module per record kind. Thin: access check, form, template."""

from .actors import actor_create, actor_delete, actor_detail, actor_edit, actor_list
from .interviews import interview_create, interview_delete, interview_detail, interview_edit, interview_list
from .members import member_add, member_edit, member_remove
from .outcomes import outcome_create, outcome_delete, outcome_edit
from .regions import region_create, region_delete, region_detail, region_edit, wave_create, wave_delete, wave_edit
from .studies import study_create, study_detail, study_list, study_settings

__all__ = [
    "actor_create",
    "actor_delete",
    "actor_detail",
    "actor_edit",
    "actor_list",
    "interview_create",
    "interview_delete",
    "interview_detail",
    "interview_edit",
    "interview_list",
    "member_add",
    "member_edit",
    "member_remove",
    "outcome_create",
    "outcome_delete",
    "outcome_edit",
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
