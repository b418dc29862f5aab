"""The people API: enterprises, learners, engagements and certificates, under /api/v1/.

Thin views: input serializer → `learners.access` for who may act → service or selector → output
serializer. Every list starts from `learners.selectors`, which start from `learners.access`, so the API
shows exactly what the pages and the admin show. An object the caller may not see is a 404, never a
403, so that the API does not confirm that a person exists.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from academy.api import ID_REGEX, Refusal, refusal
from learners.errors import ErrorCode, UploadError
from learners.lifelong_file.selectors import recording_enterprise_required, recording_enterprises

from .. import services
from ..access import (
    can_manage_enterprise,
    can_record_for_learner,
    enterprises_visible_to,
    learners_visible_to,
    viewer_scope,
)
from ..filters import CertificateFilterSet, EngagementFilterSet, EnterpriseFilterSet, LearnerFilterSet
from ..identity import identity_number_clean
from ..models import Enterprise
from ..selectors import certificate_list, engagement_list, enterprise_list, learner_list, learner_summary
from ..serializers import (
    CertificateCreateSerializer,
    CertificateSerializer,
    EngagementCreateSerializer,
    EngagementEndSerializer,
    EngagementListSerializer,
    EngagementUpdateSerializer,
    EnterpriseSerializer,
    IdentityNumberLookupSerializer,
    LearnerSerializer,
    MeSerializer,
)

# A scan check's errors belong to the `scan` field, though the check itself does not know the field.
SCAN_FIELD = dict.fromkeys(
    (UploadError.FILE_TOO_LARGE, UploadError.FILE_TYPE_NOT_ALLOWED, UploadError.IMAGE_BOMB), "scan"
)


def invalid(error: DjangoValidationError, *, field: str | None = None) -> Refusal:
    """A service's refusal as the API's 400 (`academy.api.refusal`), a scan's errors under `scan`."""
    return refusal(error, field=field, fields_of_codes=SCAN_FIELD)


def field_invalid(field: str, message: str, code: str) -> Refusal:
    return refusal(DjangoValidationError({field: DjangoValidationError(message, code=code)}))


def learner_not_found() -> exceptions.NotFound:
    return exceptions.NotFound(_("No such person among those you may see."), code=ErrorCode.LEARNER_NOT_FOUND)


class MeView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses={200: MeSerializer},
        description="The signed-in person's file summary (identity number masked) and what the account "
        "acts as. An account without a learner record (an authority's, say) gets `learner: null`.",
    )
    def get(self, request):
        scope = viewer_scope(request.user)
        me = {
            "learner": learner_summary(user=request.user),
            "administered_enterprises": sorted(scope.administered_enterprise_ids),
            "authority_prefecture": scope.authority_prefecture,
            "is_superuser": scope.everything,
        }
        return Response(MeSerializer(me).data)


class EnterpriseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The enterprises the caller may see: an administrator their own, an authority user their
    prefecture's (a provincial user: all), a superuser all."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = ID_REGEX
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet

    def get_queryset(self):
        return enterprise_list(user=self.request.user)


class LearnerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The people the caller may see, each with the engagements the caller may see.

    The full identity number and the phone are shown only to the person, a superuser and an
    administrator of an enterprise where the person works now; everyone else gets them masked / null.
    """

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = ID_REGEX
    serializer_class = LearnerSerializer
    filterset_class = LearnerFilterSet

    def get_queryset(self):
        return learner_list(user=self.request.user)

    @extend_schema(
        request=IdentityNumberLookupSerializer,
        responses={200: LearnerSerializer},
        description="Find a person by identity number without putting it in a URL. 400 `code`: one of "
        "the identity number errors (`identity_checksum`, `identity_length`, ...); 404 "
        "`learner_not_found` when nobody the caller may see has that number.",
    )
    @action(detail=False, methods=["post"])
    def lookup(self, request):
        lookup = IdentityNumberLookupSerializer(data=request.data)
        lookup.is_valid(raise_exception=True)
        try:
            number = identity_number_clean(lookup.validated_data["identity_number"])
        except DjangoValidationError as error:
            raise invalid(error, field="identity_number") from None
        learner = self.get_queryset().filter(identity_number=number).first()
        if learner is None:
            raise learner_not_found()
        return Response(LearnerSerializer(learner, context=self.get_serializer_context()).data)


class EngagementViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The engagements the caller may see: with their enterprises (all, for a superuser or a provincial
    user), and their own. Only an enterprise's administrator (or a superuser) adds or ends them, or
    sets their operation items."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = ID_REGEX
    serializer_class = EngagementListSerializer
    filterset_class = EngagementFilterSet

    def get_queryset(self):
        return engagement_list(user=self.request.user)

    def _managed(self, enterprise: Enterprise) -> None:
        if not can_manage_enterprise(self.request.user, enterprise):
            raise exceptions.PermissionDenied(
                _("Only an administrator of %(enterprise)s may change its people's engagements.")
                % {"enterprise": enterprise.name},
                code=ErrorCode.NOT_ENTERPRISE_ADMINISTRATOR,
            )

    @extend_schema(
        request=EngagementCreateSerializer,
        responses={201: EngagementListSerializer},
        description="Record that a person the caller sees works for an enterprise the caller administers. "
        "404 `learner_not_found` / `enterprise_not_found`; 403 `not_enterprise_administrator`; 400 "
        "`invalid` for unknown roles or an end before the start, or an operation item code "
        "(`operation_items_not_special_operator`, `operation_item_blank`, `operation_item_too_long`, "
        "`too_many_operation_items`).",
    )
    def create(self, request, *args, **kwargs):
        engagement_in = EngagementCreateSerializer(data=request.data)
        engagement_in.is_valid(raise_exception=True)
        data = engagement_in.validated_data
        enterprise = enterprises_visible_to(request.user).filter(pk=data["enterprise"]).first()
        if enterprise is None:
            raise exceptions.NotFound(
                _("No such enterprise among those you may see."), code=ErrorCode.ENTERPRISE_NOT_FOUND
            )
        self._managed(enterprise)
        learner = learners_visible_to(request.user).filter(pk=data["learner"]).first()
        if learner is None:
            raise learner_not_found()
        try:
            engagement = services.engagement_create(
                learner=learner,
                enterprise=enterprise,
                position=data["position"],
                roles=data["roles"],
                employment_type=data["employment_type"],
                started_on=data["started_on"],
                ended_on=data["ended_on"],
                operation_items=data["operation_items"],
            )
        except DjangoValidationError as error:
            raise invalid(error) from None
        body = EngagementListSerializer(self.get_queryset().get(pk=engagement.pk)).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=EngagementUpdateSerializer,
        responses={200: EngagementListSerializer},
        description="Set the special operation items of a post (replacing those on record). 403 "
        "`not_enterprise_administrator`; 400 `operation_items_not_special_operator`, "
        "`operation_item_blank`, `operation_item_too_long` or `too_many_operation_items`.",
    )
    def partial_update(self, request, pk=None):
        engagement = self.get_object()
        self._managed(engagement.enterprise)
        update_in = EngagementUpdateSerializer(data=request.data)
        update_in.is_valid(raise_exception=True)
        try:
            services.engagement_update(
                engagement=engagement, operation_items=update_in.validated_data["operation_items"]
            )
        except DjangoValidationError as error:
            raise invalid(error) from None
        return Response(EngagementListSerializer(self.get_queryset().get(pk=engagement.pk)).data)

    @extend_schema(
        request=EngagementEndSerializer,
        responses={200: EngagementListSerializer},
        description="End an engagement (the person left on `ended_on`). 403 `not_enterprise_administrator`; "
        "400 when the end is before the start.",
    )
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        engagement = self.get_object()
        self._managed(engagement.enterprise)
        end_in = EngagementEndSerializer(data=request.data)
        end_in.is_valid(raise_exception=True)
        try:
            services.engagement_end(engagement=engagement, ended_on=end_in.validated_data["ended_on"])
        except DjangoValidationError as error:
            raise invalid(error) from None
        return Response(EngagementListSerializer(self.get_queryset().get(pk=engagement.pk)).data)


class CertificateViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The certificates the caller may see: a person's own, and for an enterprise or an authority those
    whose validity overlaps the person's time with the caller's enterprises."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = ID_REGEX
    serializer_class = CertificateSerializer
    filterset_class = CertificateFilterSet
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return certificate_list(user=self.request.user)

    @extend_schema(
        request=CertificateCreateSerializer,
        responses={201: CertificateSerializer},
        description="Record a certificate (with `renews`: its renewal) in a person's file, as multipart "
        "form data with an optional scan. 404 `learner_not_found`; 403 `cannot_record_for_learner`; 400 "
        "`invalid`, `file_too_large`, `file_type_not_allowed`, `image_bomb`, "
        "`enterprise_required`, `enterprise_not_allowed` or `renews_not_found`.",
    )
    def create(self, request, *args, **kwargs):
        certificate_in = CertificateCreateSerializer(data=request.data)
        certificate_in.is_valid(raise_exception=True)
        data = certificate_in.validated_data
        user = request.user
        learner = learners_visible_to(user).filter(pk=data["learner"]).first()
        if learner is None:
            raise learner_not_found()
        if not can_record_for_learner(user, learner):
            raise exceptions.PermissionDenied(
                _("You may not record in this person's file: they do not work for your enterprise now."),
                code=ErrorCode.CANNOT_RECORD,
            )
        enterprise = self._recording_enterprise(learner, data["enterprise"])
        renews = None
        if data["renews"] is not None:
            renews = self.get_queryset().filter(pk=data["renews"], learner=learner).first()
            if renews is None:
                raise field_invalid(
                    "renews", _("No such certificate of this person."), ErrorCode.RENEWS_NOT_FOUND
                )
        try:
            certificate = services.certificate_record(
                learner=learner,
                kind=data["kind"],
                operation_item=data["operation_item"],
                number=data["number"],
                issuing_authority=data["issuing_authority"],
                issued_on=data["issued_on"],
                next_review_on=data["next_review_on"],
                valid_until=data["valid_until"],
                scan=data["scan"],
                enterprise=enterprise,
                recorded_by=user,
                renews=renews,
            )
        except DjangoValidationError as error:
            raise invalid(error) from None
        # Not read back through the list: a certificate that ended before the person joined the recorder's
        # enterprise is the person's, and outside the recorder's window; a new one is never superseded.
        return Response(CertificateSerializer(certificate).data, status=status.HTTP_201_CREATED)

    def _recording_enterprise(self, learner, enterprise_id: int | None) -> Enterprise | None:
        allowed = recording_enterprises(user=self.request.user, learner=learner).order_by("pk")
        if enterprise_id is not None:
            enterprise = allowed.filter(pk=enterprise_id).first()
            if enterprise is None:
                raise field_invalid(
                    "enterprise",
                    _("You may not record for this enterprise in this person's file."),
                    ErrorCode.ENTERPRISE_NOT_ALLOWED,
                )
            return enterprise
        if not recording_enterprise_required(user=self.request.user):
            return None
        # An administrator of just one of the person's current enterprises need not name it.
        choices = list(allowed[:2])
        if len(choices) != 1:
            raise field_invalid(
                "enterprise",
                _("Choose which of your enterprises this record is for."),
                ErrorCode.ENTERPRISE_REQUIRED,
            )
        return choices[0]
