"""The QCA page under Compare, saving and deleting models, and the downloads."""

from __future__ import annotations

from django.urls import path

from coding.qca import views as qca

app_name = "qca"

urlpatterns = [
    path("studies/<int:pk>/compare/qca/", qca.qca_page, name="page"),
    path("studies/<int:pk>/compare/qca/save/", qca.qca_save, name="save"),
    path("studies/<int:pk>/compare/qca/models/<int:model_pk>/delete/", qca.qca_delete, name="delete"),
    path("studies/<int:pk>/compare/qca/download/<str:what>", qca.qca_download, name="download"),
]
