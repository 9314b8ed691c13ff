"""Pages of the coding workbench: coding view, interactions, retrieval, agreement."""

from __future__ import annotations

from django.urls import path

from coding.memos import views as memos
from coding.workbench.views import codes, interactions, outcomes, passages, retrieval
from coding.workbench.views import coding as workbench

app_name = "coding"

urlpatterns = [
    path("interviews/<int:pk>/code/", workbench.interview_code, name="interview-code"),
    path("interviews/<int:pk>/code/new-code/", workbench.interview_code_new, name="interview-code-new"),
    path("studies/<int:study_pk>/codes/<int:pk>/edit/", codes.code_edit, name="code-edit"),
    path("interviews/<int:pk>/interactions/new/", interactions.interaction_new, name="interaction-new"),
    path("interviews/<int:pk>/agreement/", retrieval.interview_agreement, name="interview-agreement"),
    path("codings/<int:pk>/edit/", workbench.coding_edit, name="coding-edit"),
    path("codings/<int:pk>/delete/", workbench.coding_delete, name="coding-delete"),
    path("studies/<int:pk>/interactions/", interactions.interaction_list, name="interaction-list"),
    path("interactions/<int:pk>/", interactions.interaction_detail, name="interaction-detail"),
    path("interactions/<int:pk>/edit/", interactions.interaction_edit, name="interaction-edit"),
    path("interactions/<int:pk>/delete/", interactions.interaction_delete, name="interaction-delete"),
    path("studies/<int:pk>/retrieval/", retrieval.retrieval, name="retrieval"),
    path("studies/<int:pk>/retrieval/boolean/", passages.boolean_retrieval, name="boolean-retrieval"),
    path("studies/<int:pk>/retrieval/boolean.<str:fmt>", passages.boolean_export, name="boolean-export"),
    path("studies/<int:pk>/cooccurrence/", passages.cooccurrence, name="cooccurrence"),
    path("studies/<int:pk>/matrix/", retrieval.matrix, name="matrix"),
    path("studies/<int:pk>/memos/", memos.memo_list, name="memos"),
    path("studies/<int:pk>/agreement/", retrieval.study_agreement, name="study-agreement"),
    path("regions/<int:pk>/outcomes/new/", outcomes.outcome_create, name="outcome-create"),
    path("outcomes/<int:pk>/edit/", outcomes.outcome_edit, name="outcome-edit"),
    path("outcomes/<int:pk>/delete/", outcomes.outcome_delete, name="outcome-delete"),
]
