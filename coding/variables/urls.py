"""Variables pages: the study's variables, one record's values, the grids."""

from __future__ import annotations

from django.urls import path

from coding.variables import grid_views, views

app_name = "variables"

urlpatterns = [
    path("studies/<int:pk>/variables/", views.variables_page, name="page"),
    path("studies/<int:pk>/variables/new/", views.variable_create, name="create"),
    path("variables/<int:pk>/edit/", views.variable_edit, name="edit"),
    path("variables/<int:pk>/delete/", views.variable_delete, name="delete"),
    path("studies/<int:pk>/variables/values/<slug:target>/<int:record_id>/", views.record_values, name="record-values"),
    path("studies/<int:pk>/variables/grid/", grid_views.study_grid, name="study-grid"),
    path("regions/<int:pk>/variables/grid/<slug:target>/", grid_views.region_grid, name="region-grid"),
]
