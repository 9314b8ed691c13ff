from __future__ import annotations

from django.urls import path

from coding.codebook import views

app_name = "codebook"

urlpatterns = [
    path("studies/<int:pk>/codebook/", views.codebook, name="page"),
    path("studies/<int:pk>/codebook/own-version/", views.own_version, name="own-version"),
    path("studies/<int:pk>/codebook/merge/", views.merge, name="merge"),
    path("studies/<int:pk>/codebook/move/", views.move, name="move"),
    path("studies/<int:pk>/codebook/codes/<int:code_id>/split/", views.split, name="split"),
    path("studies/<int:pk>/codebook/changes/<int:operation_id>/undo/", views.undo_operation, name="undo"),
]
