"""Offline training under /api/v1/offline-trainings/: thin views over `credits.offline.services` (writes) and
`credits.study.selectors` (reads), with the same rules as the pages.

Only administrators of an enterprise (or superusers) use these: anyone else signed in gets 403
`not_enterprise_administrator`; a training or enterprise that is not theirs is a 404.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from academy.api import ERROR_SERIALIZER, ID_REGEX, MAX_ID, Refusal, refusal
from credits.errors import OfflineError
from credits.offline import services as offline
from credits.offline.selectors import offline_training_attendees, offline_trainings_managed_by
from credits.offline.serializers import (
    OfflineTrainingCreateSerializer,
    OfflineTrainingDetailSerializer,
    OfflineTrainingSerializer,
    OfflineTrainingWithdrawSerializer,
)
from learners.apis.managed import managed_enterprise
from learners.errors import ErrorCode as LearnersErrorCode
from learners.models import Enterprise
from learners.selectors import enterprises_managed_by

REFUSAL_STATUS = {OfflineError.ALREADY_WITHDRAWN: status.HTTP_409_CONFLICT}


class ManagesAnEnterprise(permissions.BasePermission):
    message = gettext_lazy("Only administrators of an enterprise record and see its offline training.")
    code = LearnersErrorCode.NOT_ENTERPRISE_ADMINISTRATOR

    def has_permission(self, request, view):
        return enterprises_managed_by(user=request.user).exists()


def offline_refusal(error: DjangoValidationError) -> Refusal:
    return refusal(error, default_code=OfflineError.REQUIRED, statuses=REFUSAL_STATUS)


class OfflineTrainingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Offline trainings of the enterprises the caller administers, newest held first."""

    permission_classes = [permissions.IsAuthenticated, ManagesAnEnterprise]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        trainings = offline_trainings_managed_by(user=self.request.user)
        if self.action == "list":
            enterprise = self.request.query_params.get("enterprise", "")
            if enterprise:
                if not enterprise.isdigit() or int(enterprise) > MAX_ID:
                    raise exceptions.ValidationError({"enterprise": [_("Give an enterprise's id.")]})
                trainings = trainings.filter(enterprise_id=int(enterprise))
        return trainings

    def get_serializer_class(self):
        return OfflineTrainingSerializer if self.action == "list" else OfflineTrainingDetailSerializer

    def _detail(self, training, *, status_code=status.HTTP_200_OK) -> Response:
        training.attendees = list(offline_training_attendees(training=training))
        return Response(OfflineTrainingDetailSerializer(training).data, status=status_code)

    def _enterprise(self, enterprise_id: int | None) -> Enterprise:
        return managed_enterprise(self.request.user, enterprise_id)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "enterprise", int, description="Only this enterprise's trainings.", required=False
            )
        ],
        description="Each training with its attendee count; withdrawn ones are included, `withdrawn: true`.",
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(description="A training with its attendees (identity numbers masked).")
    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object())

    @extend_schema(
        request={"multipart/form-data": OfflineTrainingCreateSerializer},
        responses={201: OfflineTrainingDetailSerializer, 400: ERROR_SERIALIZER},
        description="Record an offline session with its evidence, all or nothing; the class hours land "
        "in each attendee's file as source `offline`, enterprise-declared. Refusals (400): "
        "`held_in_future`, `class_hours_out_of_range`, `no_attendees`, `not_on_roster` (someone not "
        "engaged with the enterprise on `held_on`), `evidence_required`, `file_too_large`, "
        "`file_type_not_allowed`, `image_bomb`, `enterprise_required`; 404 `enterprise_not_found`.",
    )
    def create(self, request, *args, **kwargs):
        data = OfflineTrainingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        enterprise = self._enterprise(values.get("enterprise"))
        try:
            training = offline.offline_training_record(
                enterprise=enterprise,
                recorded_by=request.user,
                topic=values["topic"],
                held_on=values["held_on"],
                class_hours=values["class_hours"],
                trainer=values["trainer"],
                location=values.get("location", ""),
                evidence=values.get("evidence"),
                learner_ids=values.get("learners", []),
            )
        except DjangoValidationError as error:
            raise offline_refusal(error) from None
        training = offline_trainings_managed_by(user=request.user).get(pk=training.pk)
        return self._detail(training, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        request=OfflineTrainingWithdrawSerializer,
        responses={200: OfflineTrainingDetailSerializer, 409: ERROR_SERIALIZER},
        description="Withdraw a training recorded by mistake: it stays on record, marked withdrawn, and "
        "its class hours no longer count. 400 `reason_required`; 409 `already_withdrawn`.",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        training = self.get_object()
        data = OfflineTrainingWithdrawSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            offline.offline_training_withdraw(
                training=training, by=request.user, reason=data.validated_data["reason"]
            )
        except DjangoValidationError as error:
            raise offline_refusal(error) from None
        return self._detail(self.get_queryset().get(pk=training.pk))
