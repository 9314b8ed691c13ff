"""QCA through the API, on the services and selectors of the page.

POST /api/studies/{id}/qca/    a specification -> calibrated data, truth table, solutions with fit
/api/qca-models/               the saved QCA models of the user's studies (``?study=``)

Access (the page's rule): members run QCA and read saved models, viewers included (a run writes
nothing); coders and leads save, change and delete models; anyone else gets 404. Bad input (a
source that does not exist, a case without a value, anchors out of order, a condition with no
variation) is a 400 naming the place, the case and the condition; nothing is saved then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cases.access import get_for_user
from cases.models import Study
from coding.api.base import StudyRolePermission, StudyScopedViewSet
from coding.api.qca_serializers import QcaModelSerializer, QcaRunSerializer, QcaSpecSerializer
from coding.qca import services
from coding.qca.models import QcaModel

if TYPE_CHECKING:
    from coding.api.base import AuthenticatedRequest

ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT, description="The place of the problem -> messages naming case and condition"
    ),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Not a member of the study"),
}


def refusal(error: services.QcaInputError) -> ValidationError:
    detail: dict[str, Any] = {error.place or "spec": [error.message]}
    if error.case:
        detail["case"] = error.case
    if error.condition:
        detail["condition"] = error.condition
    return ValidationError(detail)


class QcaRunView(APIView):
    """Run a QCA on the study's current data (nothing is saved)."""

    permission_classes = [StudyRolePermission]

    @extend_schema(request=QcaSpecSerializer, responses={200: QcaRunSerializer, **ERRORS})
    def post(self, request: Request, pk: str) -> Response:
        user = request.user
        if not (pk.isascii() and pk.isdigit()) or len(pk) > 10:
            raise Http404
        study = get_for_user(Study.objects.all(), user, pk=pk)
        try:
            analysis = services.qca_analyse(study=study, spec_json=request.data)
        except services.QcaInputError as error:
            raise refusal(error) from error
        return Response(
            {"spec": analysis.spec.as_json(), "fingerprint": analysis.fingerprint, "result": analysis.result}
        )


class QcaModelViewSet(StudyScopedViewSet):
    """Saved QCA models; reading one whose data changed marks it stale and has it recomputed."""

    serializer_class = QcaModelSerializer
    filterset_fields: ClassVar = ["study", "status"]
    study_attr = "study"
    ordering_fields: ClassVar = ["updated_at", "name"]
    request: AuthenticatedRequest

    def base_queryset(self) -> QuerySet:
        return QcaModel.objects.select_related("study").order_by("study_id", "name", "pk")

    def get_object(self) -> QcaModel:
        model = super().get_object()
        assert isinstance(model, QcaModel)
        if self.request.method == "GET":
            model = services.model_refresh(model=model)
        return model

    @extend_schema(responses={201: QcaModelSerializer, **ERRORS, 403: OpenApiResponse(description="Below coder")})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().create(request, *args, **kwargs)

    def create_row(self, values: dict[str, Any]) -> QcaModel:
        try:
            return services.qca_model_create(
                study=values["study"], user=self.request.user, name=values.get("name", ""), spec_json=values["spec"]
            )
        except services.QcaInputError as error:
            raise refusal(error) from error

    def update_row(self, instance: QcaModel, values: dict[str, Any]) -> QcaModel:
        if "study" in values and values["study"] != instance.study:
            raise ValidationError({"study": [_("A QCA model cannot be moved to another study.")]})
        try:
            return services.qca_model_update(
                model=instance, name=values.get("name", instance.name), spec_json=values.get("spec", instance.spec)
            )
        except services.QcaInputError as error:
            raise refusal(error) from error

    def perform_destroy(self, instance: QcaModel) -> None:
        services.qca_model_delete(model=instance)
