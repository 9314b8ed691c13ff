"""REST API routes: routers of cases.api and coding.api, OpenAPI schema and docs.

Schema and docs need a login like every page; the token endpoint is the way in for scripts.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.routers import DefaultRouter

from coding.api.change import RegionChangeView
from coding.api.codebook import CodebookChangeViewSet
from coding.api.export_jobs import ExportView, JobFileView
from coding.api.exports import RegionExportView, StudyExportView
from coding.api.jobs import ImportView, JobView
from coding.api.layout import RegionLayoutView
from coding.api.partitions import RegionPartitionView
from coding.api.passages import BooleanRetrievalView, CooccurrenceView
from coding.api.qca import QcaModelViewSet, QcaRunView
from coding.api.records import (
    ActorViewSet,
    InterviewViewSet,
    MembershipViewSet,
    RegionViewSet,
    StudyViewSet,
    WaveViewSet,
)
from coding.api.search import AutocodeUndoView, StudyAutocodeView, StudySearchView
from coding.api.tables import RegionTableView, StudyTableView
from coding.api.token import ThrottledObtainAuthToken
from coding.api.variables import VariableValueViewSet, VariableViewSet
from coding.api.views import (
    CodeViewSet,
    CodingViewSet,
    InteractionViewSet,
    MemoViewSet,
    OutcomeViewSet,
    SnapshotViewSet,
)

app_name = "api"

router = DefaultRouter()
router.register("studies", StudyViewSet, basename="study")
router.register("memberships", MembershipViewSet, basename="membership")
router.register("regions", RegionViewSet, basename="region")
router.register("waves", WaveViewSet, basename="wave")
router.register("actors", ActorViewSet, basename="actor")
router.register("interviews", InterviewViewSet, basename="interview")
router.register("interactions", InteractionViewSet, basename="interaction")
router.register("codes", CodeViewSet, basename="code")
router.register("codebook-changes", CodebookChangeViewSet, basename="codebook-change")
router.register("codings", CodingViewSet, basename="coding")
router.register("outcomes", OutcomeViewSet, basename="outcome")
router.register("memos", MemoViewSet, basename="memo")
router.register("snapshots", SnapshotViewSet, basename="snapshot")
router.register("variables", VariableViewSet, basename="variable")
router.register("variable-values", VariableValueViewSet, basename="variable-value")
router.register("qca-models", QcaModelViewSet, basename="qca-model")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(permission_classes=[IsAuthenticated]), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", permission_classes=[IsAuthenticated]),
        name="docs",
    ),
    path("token/", ThrottledObtainAuthToken.as_view(), name="token"),
    path("studies/<str:pk>/tables/<str:table>.<str:extension>", StudyTableView.as_view(), name="study-table"),
    path("regions/<str:pk>/tables/<str:table>.<str:extension>", RegionTableView.as_view(), name="region-table"),
    path("studies/<str:pk>/exports/<str:fmt>", StudyExportView.as_view(), name="study-export"),
    path("regions/<str:pk>/exports/<str:fmt>", RegionExportView.as_view(), name="region-export"),
    path("studies/<str:pk>/retrieval/", BooleanRetrievalView.as_view(), name="study-retrieval"),
    path("studies/<str:pk>/cooccurrence/", CooccurrenceView.as_view(), name="study-cooccurrence"),
    path("regions/<str:pk>/analysis/partition/", RegionPartitionView.as_view(), name="region-partition"),
    path("studies/<str:pk>/qca/", QcaRunView.as_view(), name="study-qca"),
    path("studies/<str:pk>/search/", StudySearchView.as_view(), name="study-search"),
    path("studies/<str:pk>/autocode/", StudyAutocodeView.as_view(), name="study-autocode"),
    path("studies/<str:pk>/autocode/<str:run>/undo/", AutocodeUndoView.as_view(), name="study-autocode-undo"),
    path("regions/<str:pk>/analysis/change/", RegionChangeView.as_view(), name="region-change"),
    path("regions/<str:pk>/analysis/layout/", RegionLayoutView.as_view(), name="region-layout"),
    path("imports/", ImportView.as_view(), name="imports"),
    path("jobs/<str:pk>/", JobView.as_view(), name="job-detail"),
    path("jobs/<str:pk>/file/", JobFileView.as_view(), name="job-file"),
    path("exports/", ExportView.as_view(), name="exports"),
    *router.urls,
]
