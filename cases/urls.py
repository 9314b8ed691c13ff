from __future__ import annotations

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "cases"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:study-list"), name="home"),
    path("studies/", views.study_list, name="study-list"),
    path("studies/<int:pk>/", views.study_detail, name="study-detail"),
    path("regions/<int:pk>/", views.region_detail, name="region-detail"),
    path("actors/<int:pk>/", views.actor_detail, name="actor-detail"),
    path("interviews/<int:pk>/", views.interview_detail, name="interview-detail"),
]
