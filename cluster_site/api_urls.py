"""REST API routes (issue 6): routers of cases.api and coding.api, OpenAPI schema and docs."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from cases.api.views import ActorViewSet, InterviewViewSet, RegionViewSet, WaveViewSet
from coding.api.views import InteractionViewSet

app_name = "api"

router = DefaultRouter()
router.register("regions", RegionViewSet, basename="region")
router.register("waves", WaveViewSet, basename="wave")
router.register("actors", ActorViewSet, basename="actor")
router.register("interviews", InterviewViewSet, basename="interview")
router.register("interactions", InteractionViewSet, basename="interaction")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("token/", obtain_auth_token, name="token"),
    *router.urls,
]
