"""Compliance in the API: the signed-in person's verdicts (`/api/v1/me/compliance/`, 404 `no_learner`
for an account without a learner record; `missing: "no_engagement"` with no verdicts for a person with no
current engagement), and the reports of an enterprise's people (`/api/v1/enterprises/{id}/compliance/`) and an
authority's enterprises (`/api/v1/authority/compliance/`), the same figures as the dashboards.

`?format=xlsx` (or `Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`) answers
with the dashboard's Excel workbook, every row whatever the page: DRF's content negotiation picks the
Excel renderer by its format, so `format` is never taken for a filter. Refusals are JSON whatever format
was asked for: 404 `enterprise_not_found` for an enterprise the caller may not see, 403 `not_authority`,
400 `invalid` for a bad date or filter value.
"""

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, permissions, serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from academy.api import ERROR_SERIALIZER
from academy.excel import XLSX_CONTENT_TYPE
from academy.paginator import Pagination
from credits.api import ON_PARAMETER, day_requested, hours_field, learner_id_required
from credits.compliance import excel
from credits.compliance.reports import (
    authority_enterprises,
    authority_report,
    enterprise_report,
    status_by_month,
)
from credits.compliance.selectors import PersonFilter, person_compliance
from credits.compliance.verdicts import Missing, Status
from credits.errors import ErrorCode
from credits.rules.models import RequirementKind
from learners.access import enterprises_visible_to, viewer_scope
from learners.choices import Industry, Prefecture, Role
from learners.errors import ErrorCode as LearnersErrorCode
from learners.models import EmploymentType, Learner


class XlsxRenderer(BaseRenderer):
    """Passes through the workbook the view built; chosen by `?format=xlsx` or the Accept header."""

    media_type = XLSX_CONTENT_TYPE
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class ReportPagination(Pagination):
    """The API's pagination over a report, which is computed whole in memory (no count query)."""

    django_paginator_class = Paginator


class ReportView(generics.ListAPIView):
    renderer_classes = [*api_settings.DEFAULT_RENDERER_CLASSES, XlsxRenderer]
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = ReportPagination
    filter_backends = []

    def handle_exception(self, exc):
        # A refusal is JSON even when a workbook was asked for.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def wants_workbook(self) -> bool:
        return getattr(self.request.accepted_renderer, "format", "") == XlsxRenderer.format

    def workbook(self, *, filename: str, content: bytes) -> Response:
        return Response(content, headers={"Content-Disposition": excel.download_name(filename)})


# Query parameters.


class ReportQuerySerializer(serializers.Serializer):
    on = serializers.DateField(
        required=False, help_text="The day the requirements are judged on (YYYY-MM-DD); today by default."
    )


class EnterpriseReportQuerySerializer(ReportQuerySerializer):
    status = serializers.ChoiceField(
        choices=Status.choices,
        required=False,
        help_text="People with this overall status or any verdict in it.",
    )
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    position = serializers.CharField(max_length=100, required=False)
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices, required=False)


class AuthorityReportQuerySerializer(ReportQuerySerializer):
    prefecture = serializers.ChoiceField(choices=Prefecture.choices, required=False)
    industry = serializers.ChoiceField(choices=Industry.choices, required=False)


def _query(serializer_class, request) -> dict:
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return {"on": timezone.localdate(), **query.validated_data}


XLSX_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "xlsx"],
    required=False,
    description="`xlsx`: every row as an Excel workbook (the dashboard's download) instead of a JSON page.",
)


# Responses.


def _hours(**kwargs):
    return serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True, **kwargs)


class VerdictRowSerializer(serializers.Serializer):
    requirement = serializers.CharField(help_text="The requirement's code, e.g. `principal_annual`.")
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Status.choices)
    class_hours_required = _hours()
    class_hours_earned = _hours()
    class_hours_short = _hours()
    due = serializers.DateField(allow_null=True)
    missing = serializers.ChoiceField(
        choices=Missing.choices, allow_blank=True, help_text="A fact the verdict needed and did not find."
    )
    missing_label = serializers.CharField(help_text="What is missing, in words; empty when nothing is.")
    basis = serializers.CharField(help_text="The legal basis of the requirement.")


class PersonRowSerializer(serializers.Serializer):
    learner_id = serializers.IntegerField(source="person.learner_id")
    name = serializers.CharField(source="person.name")
    identity_number_masked = serializers.CharField(source="person.identity_number_masked")
    positions = serializers.ListField(child=serializers.CharField(), source="person.positions")
    employment_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EmploymentType.choices), source="person.employment_types"
    )
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices), source="person.roles")
    status = serializers.ChoiceField(choices=Status.choices, source="person.status")
    verdicts = VerdictRowSerializer(many=True, source="person.verdicts")


class StatusCountsSerializer(serializers.Serializer):
    met = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    overdue = serializers.IntegerField()
    blocked = serializers.IntegerField()
    not_applicable = serializers.IntegerField()


class RatioSerializer(serializers.Serializer):
    holders = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField(help_text="Whole percent, rounded down.")
    target_percent = serializers.IntegerField()
    reached = serializers.BooleanField()


class EnterpriseFiguresSerializer(serializers.Serializer):
    enterprise_id = serializers.IntegerField(source="figures.enterprise_id")
    name = serializers.CharField(source="figures.name")
    industry = serializers.ChoiceField(choices=Industry.choices, source="figures.industry")
    prefecture = serializers.ChoiceField(choices=Prefecture.choices, source="figures.prefecture")
    people = serializers.IntegerField(source="figures.summary.people")
    by_status = StatusCountsSerializer(source="figures.summary.by_status")
    team_leaders = RatioSerializer(
        source="figures.summary.team_leaders",
        help_text="Team leaders holding a vocational certificate (≥ 20 %).",
    )
    employees = RatioSerializer(
        source="figures.summary.employees",
        allow_null=True,
        help_text="Employees holding a vocational certificate (≥ 30 %); null outside the named industries.",
    )


@extend_schema(
    parameters=[
        OpenApiParameter("id", int, OpenApiParameter.PATH, description="The enterprise's id."),
        EnterpriseReportQuerySerializer,
        XLSX_PARAMETER,
    ],
    responses={
        (200, "application/json"): PersonRowSerializer(many=True),
        (200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The Excel workbook."),
        400: ERROR_SERIALIZER,
        404: ERROR_SERIALIZER,
    },
    description="Everyone engaged with the enterprise on `on` (own staff, dispatched and outsourced workers "
    "it uses), one row per person with each requirement's verdict; the administrators of the enterprise, "
    "authority users who oversee it and superusers. 404 `enterprise_not_found` for any other enterprise.",
)
class EnterpriseComplianceView(ReportView):
    serializer_class = PersonRowSerializer

    def list(self, request, *args, **kwargs):
        enterprise = enterprises_visible_to(request.user).filter(pk=kwargs["id"]).first()
        if enterprise is None:
            raise exceptions.NotFound(
                _("No such enterprise among those you may see."), code=LearnersErrorCode.ENTERPRISE_NOT_FOUND
            )
        query = _query(EnterpriseReportQuerySerializer, request)
        person_filter = PersonFilter(
            status=query.get("status", ""),
            role=query.get("role", ""),
            position=query.get("position", ""),
            employment_type=query.get("employment_type", ""),
        )
        report = enterprise_report(enterprise=enterprise, on=query["on"], person_filter=person_filter)
        if self.wants_workbook():
            months = status_by_month(enterprise=enterprise, on=query["on"], on_day=report.summary.by_status)
            return self.workbook(
                filename=_("%(enterprise)s compliance %(date)s.xlsx")
                % {"enterprise": enterprise.name, "date": query["on"].isoformat()},
                content=excel.enterprise_workbook(report, months),
            )
        page = self.paginate_queryset(report.rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class IsAuthority(permissions.BasePermission):
    message = gettext_lazy("Only authority users see the compliance of the enterprises they oversee.")
    code = ErrorCode.NOT_AUTHORITY

    def has_permission(self, request, view):
        scope = viewer_scope(request.user)
        return scope.everything or scope.is_authority


@extend_schema(
    parameters=[AuthorityReportQuerySerializer, XLSX_PARAMETER],
    responses={
        (200, "application/json"): EnterpriseFiguresSerializer(many=True),
        (200, XLSX_CONTENT_TYPE): OpenApiResponse(OpenApiTypes.BINARY, description="The Excel workbook."),
        400: ERROR_SERIALIZER,
        403: ERROR_SERIALIZER,
    },
    description="The enterprises the authority user oversees (their prefecture's; a provincial user's: all), "
    "each with its people by overall status and its certificate-holding ratios. The workbook adds the "
    "figures per industry and per prefecture. 403 `not_authority` for anyone but authority users and "
    "superusers.",
)
class AuthorityComplianceView(ReportView):
    permission_classes = [permissions.IsAuthenticated, IsAuthority]
    serializer_class = EnterpriseFiguresSerializer

    def list(self, request, *args, **kwargs):
        query = _query(AuthorityReportQuerySerializer, request)
        enterprises = authority_enterprises(
            visible=enterprises_visible_to(request.user),
            prefecture=query.get("prefecture", ""),
            industry=query.get("industry", ""),
        )
        report = authority_report(enterprises=enterprises, on=query["on"])
        if self.wants_workbook():
            return self.workbook(
                filename=_("Compliance of enterprises %(date)s.xlsx") % {"date": query["on"].isoformat()},
                content=excel.authority_workbook(report),
            )
        page = self.paginate_queryset(report.rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class MyVerdictSerializer(serializers.Serializer):
    requirement = serializers.CharField(help_text="The requirement's code, e.g. `principal_annual`.")
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=RequirementKind.choices)
    role = serializers.CharField(help_text="The role the requirement is for.")
    status = serializers.ChoiceField(choices=Status.choices)
    class_hours_required = hours_field(allow_null=True)
    class_hours_earned = hours_field(
        allow_null=True, help_text="Counted in the window of `counted_from`–`counted_until`."
    )
    class_hours_short = hours_field(allow_null=True)
    due = serializers.DateField(allow_null=True)
    counted_from = serializers.DateField(allow_null=True, help_text="Null: from the beginning.")
    counted_until = serializers.DateField(allow_null=True)
    basis = serializers.CharField(help_text="The text of the legal basis.")
    missing = serializers.ChoiceField(
        choices=Missing.choices, allow_blank=True, help_text="A fact the verdict needed and did not find."
    )


class MyComplianceSerializer(serializers.Serializer):
    on = serializers.DateField()
    status = serializers.ChoiceField(
        choices=Status.choices, help_text="The worst of the verdicts (`not_applicable` when none)."
    )
    missing = serializers.ChoiceField(
        choices=Missing.choices, allow_blank=True, help_text="`no_engagement` when nothing can be judged."
    )
    verdicts = MyVerdictSerializer(many=True)


class MyComplianceView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[ON_PARAMETER],
        responses={200: MyComplianceSerializer, 400: ERROR_SERIALIZER},
        description="Each requirement that applies to the signed-in person on the day, with its status, "
        "the class hours required, earned and short, the due date and the legal basis. 400 `invalid` for a "
        "bad date; 403 `no_learner` for an account without a learner record.",
    )
    def get(self, request):
        learner_id = learner_id_required(request)
        on = day_requested(request)
        person = person_compliance(learner=Learner(pk=learner_id), on=on)
        data = {
            "on": on,
            "status": person.status if person else Status.NOT_APPLICABLE,
            "missing": "" if person else Missing.NO_ENGAGEMENT,
            "verdicts": person.verdicts if person else [],
        }
        return Response(MyComplianceSerializer(data).data)
