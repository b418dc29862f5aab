"""Recognition (认定) under /api/v1/recognitions/: thin views over `credits.recognition.services`, with the same
rules as the pages. A request the caller may not see is a 404 (ids reveal nothing); a refusal is a 4xx
with the service's code (or the bank's, for a reversal).
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from academy.api import ERROR_SERIALIZER, ID_REGEX, MAX_ID, Refusal, refusal
from credits.bank.models import BankEntry
from credits.errors import BankError, ErrorCode, RecognitionError
from credits.recognition import services as service
from credits.recognition.models import RecognitionKind
from credits.recognition.services import RecognitionStatus
from credits.study.models import StudySource
from learners.access import enterprises_visible_to, learners_visible_to, viewer_scope
from learners.errors import ErrorCode as LearnersErrorCode
from learners.models import Enterprise

REFUSAL_STATUS = {
    RecognitionError.NOT_ALLOWED: status.HTTP_403_FORBIDDEN,
    RecognitionError.NOT_A_REVIEWER: status.HTTP_403_FORBIDDEN,
    RecognitionError.OWN_REQUEST: status.HTTP_403_FORBIDDEN,
    RecognitionError.ALREADY_DECIDED: status.HTTP_409_CONFLICT,
    RecognitionError.NOT_ACCEPTED: status.HTTP_409_CONFLICT,
    BankError.ALREADY_REVERSED: status.HTTP_409_CONFLICT,
}


# Serializers


class RecognitionCreateSerializer(serializers.Serializer):
    learner = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="The person's id; leave out to submit for yourself. An enterprise administrator may "
        "submit for someone who works for their enterprise now.",
    )
    enterprise = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="The enterprise submitting it, if any (for an administrator: one they administer and "
        "the person works for now; found for them when left out).",
    )
    kind = serializers.ChoiceField(choices=RecognitionKind.choices)
    title = serializers.CharField(max_length=200, help_text="The course or training.")
    provider = serializers.CharField(max_length=200, help_text="The school, training body or platform.")
    completed_on = serializers.DateField(help_text="The day it was completed; not in the future.")
    class_hours_claimed = serializers.DecimalField(
        max_digits=6,
        decimal_places=1,
        coerce_to_string=True,
        help_text='More than 0 and at most 500, e.g. `"32.0"`.',
    )
    evidence = serializers.FileField(
        required=False,
        help_text="A certificate, transcript or attendance record: PDF, JPEG, PNG or WebP (required).",
    )


class RecognitionDecisionInSerializer(serializers.Serializer):
    accepted = serializers.BooleanField(help_text="`true` to accept, `false` to reject.")
    class_hours_granted = serializers.DecimalField(
        max_digits=6,
        decimal_places=1,
        coerce_to_string=True,
        required=False,
        allow_null=True,
        help_text="When accepting: more than 0 and at most the class hours claimed. Leave out when rejecting.",
    )
    reason = serializers.CharField(max_length=500)


class RecognitionReversalInSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500)
    entry = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="The bank entry to reverse; by default the entry the acceptance made.",
    )


class RecognitionPersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class RecognitionDecisionSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    class_hours_granted = serializers.DecimalField(
        max_digits=5, decimal_places=1, coerce_to_string=True, allow_null=True
    )
    reason = serializers.CharField()
    decided_at = serializers.DateTimeField()


class RecognitionBankEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    earned_on = serializers.DateField()
    source = serializers.ChoiceField(choices=StudySource.choices)
    class_hours = serializers.DecimalField(max_digits=7, decimal_places=2, coerce_to_string=True)
    credits = serializers.DecimalField(max_digits=8, decimal_places=4, coerce_to_string=True)
    reverses = serializers.IntegerField(
        source="reverses_id", allow_null=True, help_text="The entry this one reverses, if it is a reversal."
    )
    reason = serializers.CharField()
    created_at = serializers.DateTimeField()


class RecognitionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    learner = RecognitionPersonSerializer()
    enterprise = serializers.IntegerField(source="enterprise_id", allow_null=True)
    enterprise_name = serializers.CharField(source="enterprise.name", allow_null=True, default=None)
    kind = serializers.ChoiceField(choices=RecognitionKind.choices)
    title = serializers.CharField()
    provider = serializers.CharField()
    completed_on = serializers.DateField()
    class_hours_claimed = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=True)
    status = serializers.ChoiceField(
        choices=RecognitionStatus.choices,
        help_text="`reversed`: accepted, then its class hours taken out of the bank again.",
    )
    decision = RecognitionDecisionSerializer(allow_null=True, help_text="Null while awaiting review.")
    evidence_url = serializers.SerializerMethodField(help_text="The evidence, for those who may see it.")
    submitted_at = serializers.DateTimeField()

    def get_evidence_url(self, recognition) -> str:
        path = reverse("training:recognition_evidence", args=[recognition.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class RecognitionDetailSerializer(RecognitionSerializer):
    bank_entries = RecognitionBankEntrySerializer(many=True, source="bank_entries.all")


# Views


def recognition_refusal(error: DjangoValidationError) -> Refusal:
    return refusal(error, default_code=RecognitionError.REQUIRED, statuses=REFUSAL_STATUS)


class RecognitionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Recognition requests the caller may see: their own, their enterprises' people's, and (for an
    authority reviewer) those of the people they oversee; newest first."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    lookup_value_regex = ID_REGEX

    def get_queryset(self):
        recognitions = service.recognitions_visible_to(user=self.request.user)
        if self.action == "list":
            wanted = self.request.query_params.get("status", "")
            if wanted:
                if wanted not in RecognitionStatus.values:
                    raise exceptions.ValidationError(
                        {
                            "status": [
                                _("One of: %(values)s.") % {"values": ", ".join(RecognitionStatus.values)}
                            ]
                        }
                    )
                recognitions = recognitions.filter(status=wanted)
        return recognitions

    def get_serializer_class(self):
        return RecognitionSerializer if self.action == "list" else RecognitionDetailSerializer

    def _detail(self, pk: int, *, status_code=status.HTTP_200_OK) -> Response:
        recognition = service.recognition_detail(user=self.request.user, pk=pk)
        data = RecognitionDetailSerializer(recognition, context=self.get_serializer_context()).data
        return Response(data, status=status_code)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=RecognitionStatus.values,
                description="Only requests in this state; `pending` is a reviewer's queue.",
                required=False,
            )
        ],
        description="Each request with its status and decision (no bank entries: see one request).",
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(description="A request with its decision and its credit-bank entries (with reversals).")
    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object().pk)

    @extend_schema(
        request={"multipart/form-data": RecognitionCreateSerializer},
        responses={201: RecognitionDetailSerializer, 400: ERROR_SERIALIZER, 403: ERROR_SERIALIZER},
        description="Submit learning done outside the academy for recognition, with its evidence, all or "
        "nothing. 400: `evidence_required`, `completed_in_future`, `class_hours_out_of_range`, "
        "`recognition_kind_invalid`, `not_engaged_with_enterprise`, `learner_required`, `file_too_large`, "
        "`file_type_not_allowed`, `image_bomb`; 403 `recognition_not_allowed` (someone the caller may see "
        "but may not submit for); 404 `learner_not_found`, `enterprise_not_found`.",
    )
    def create(self, request, *args, **kwargs):
        data = RecognitionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = request.user
        if "learner" in values:
            learner = learners_visible_to(user).filter(pk=values["learner"]).first()
            if learner is None:
                raise exceptions.NotFound(
                    _("No such person among those you may see."), code=LearnersErrorCode.LEARNER_NOT_FOUND
                )
        else:
            learner_id = viewer_scope(user).learner_id
            if learner_id is None:
                raise exceptions.ValidationError(
                    {
                        "code": ErrorCode.LEARNER_REQUIRED,
                        "detail": _("Say whom the request is for in `learner`."),
                    }
                )
            learner = learners_visible_to(user).get(pk=learner_id)
        enterprise = None
        if "enterprise" in values:
            # A worker sees no enterprise's roster, but names the ones they work for.
            mine = Q(pk__in=enterprises_visible_to(user).values("pk"))
            if viewer_scope(user).learner_id:
                mine |= Q(engagements__learner_id=viewer_scope(user).learner_id)
            enterprise = Enterprise.objects.filter(mine, pk=values["enterprise"]).distinct().first()
            if enterprise is None:
                raise exceptions.NotFound(
                    _("No such enterprise among those you may see."),
                    code=LearnersErrorCode.ENTERPRISE_NOT_FOUND,
                )
        try:
            recognition = service.recognition_submit(
                learner=learner,
                submitted_by=user,
                enterprise=enterprise,
                kind=values["kind"],
                title=values["title"],
                provider=values["provider"],
                completed_on=values["completed_on"],
                class_hours_claimed=values["class_hours_claimed"],
                evidence=values.get("evidence"),
            )
        except DjangoValidationError as error:
            raise recognition_refusal(error) from None
        return self._detail(recognition.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        request=RecognitionDecisionInSerializer,
        responses={200: RecognitionDetailSerializer, 403: ERROR_SERIALIZER, 409: ERROR_SERIALIZER},
        description="An authority reviewer accepts (with the class hours granted, at most those claimed; "
        "they enter the credit bank under the standard in force on `completed_on`) or rejects, with a "
        "reason, once. 400 `reason_required`, `class_hours_granted_required`, "
        "`class_hours_granted_out_of_range`, `class_hours_granted_on_rejection`; 403 `not_a_reviewer`, "
        "`own_request`; 409 `already_decided`.",
    )
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        recognition = self.get_object()
        data = RecognitionDecisionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            service.recognition_decide(
                recognition=recognition,
                decided_by=request.user,
                accepted=values["accepted"],
                class_hours_granted=values.get("class_hours_granted"),
                reason=values["reason"],
            )
        except DjangoValidationError as error:
            raise recognition_refusal(error) from None
        return self._detail(recognition.pk)

    @extend_schema(
        request=RecognitionReversalInSerializer,
        responses={200: RecognitionDetailSerializer, 403: ERROR_SERIALIZER, 409: ERROR_SERIALIZER},
        description="An authority reviewer reverses an accepted request (forged evidence, say): a reversing "
        "bank entry takes its class hours out; the request stays on record. 400 `reason_required`, "
        "`reversal_of_reversal`, `bank_entry_not_of_request`; 403 `not_a_reviewer`, `own_request`; 404 "
        "`bank_entry_not_found`; 409 `not_accepted`, `already_reversed`.",
    )
    @action(detail=True, methods=["post"])
    def reversal(self, request, pk=None):
        recognition = self.get_object()
        data = RecognitionReversalInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        entry = None
        if "entry" in values:
            entry = BankEntry.objects.filter(pk=values["entry"], recognition=recognition).first()
            if entry is None:
                raise exceptions.NotFound(
                    _("No such entry of this request."), code=ErrorCode.BANK_ENTRY_NOT_FOUND
                )
        try:
            service.recognition_reverse(
                recognition=recognition, by=request.user, reason=values["reason"], entry=entry
            )
        except DjangoValidationError as error:
            raise recognition_refusal(error) from None
        return self._detail(recognition.pk)
