from __future__ import annotations

from django.urls import path

from coding.history import views as history_views

app_name = "history"

urlpatterns = [
    path("history/<slug:kind>/<int:pk>/", history_views.object_history, name="object"),
    path("history/<slug:kind>/<int:pk>/restore/<int:history_id>/", history_views.restore_version, name="restore"),
    path("studies/<int:pk>/deleted/", history_views.deleted_records, name="deleted"),
    path(
        "studies/<int:pk>/deleted/<slug:kind>/<int:record_id>/restore/",
        history_views.restore_deleted,
        name="restore-deleted",
    ),
]
