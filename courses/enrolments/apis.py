"""Assignments (学习任务) under /api/v1/assignments/: thin views over `courses.enrolments.services` and
`courses.selectors`, for administrators of the enterprise (and superusers).

Someone who administers no enterprise gets 403 `not_enterprise_administrator`; an assignment or an
enterprise the caller does not manage is a 404, so that ids reveal nothing.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from academy.api import ID_REGEX, INVALID, MAX_ID, refusal
from academy.paginator import Pagination
from courses.enrolments import services
from courses.enrolments.models import Assignment
from courses.enrolments.selectors import (
    ProgressStatus,
    assignment_completion,
    assignment_progress,
    assignments_managed_by,
)
from courses.errors import ErrorCode
from courses.packages.models import TrainingPackagePage
from learners.access import viewer_scope
from learners.apis import managed
from learners.choices import Role
from learners.errors import ErrorCode as LearnersErrorCode
from learners.models import EmploymentType, Enterprise


class IsEnterpriseAdministrator(permissions.BasePermission):
    message = gettext_lazy("Only an enterprise's administrators assign courses and see their progress.")
    code = LearnersErrorCode.NOT_ENTERPRISE_ADMINISTRATOR

    def has_permission(self, request, view):
        scope = viewer_scope(request.user)
        return scope.everything or bool(scope.administered_enterprise_ids)


# ---------------------------------------------------------------------------------------------------------
# Serializers


class AssignmentCreateSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="The enterprise's id; needed only by an administrator of several enterprises.",
    )
    title = serializers.CharField(
        max_length=200, required=False, help_text="Required with `courses`; a `package` gives its own."
    )
    courses = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        max_length=100,
        required=False,
        help_text="Course ids, in the order they should be studied. Give either `courses` or `package`.",
    )
    package = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="A live vocational training package's id, instead of `courses`: its live courses in its "
        "order, to the people in its position now and later. Give only `due_on` (and `enterprise`) with it.",
    )
    due_on = serializers.DateField()
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices), required=False, default=list, max_length=20
    )
    positions = serializers.ListField(
        child=serializers.CharField(max_length=100),
        required=False,
        default=list,
        max_length=500,
        help_text="Positions as on the roster, matched exactly.",
    )
    employment_types = serializers.ListField(
        child=serializers.ChoiceField(choices=EmploymentType.choices),
        required=False,
        default=list,
        max_length=10,
    )
    learners = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        max_length=20000,
        help_text="People chosen by hand (learner ids), each currently engaged with the enterprise.",
    )
    auto_assign_new = serializers.BooleanField(
        required=False, default=False, help_text="People a later roster import adds who match get it too."
    )


class AssignmentSerializer(serializers.ModelSerializer):
    enterprise = serializers.IntegerField(source="enterprise_id")
    courses = serializers.SerializerMethodField(help_text="Course ids, in order.")
    package = serializers.IntegerField(
        source="package_id",
        allow_null=True,
        help_text="The vocational training package it was made from, if any (null once that is deleted).",
    )
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices))
    positions = serializers.ListField(child=serializers.CharField())
    employment_types = serializers.ListField(child=serializers.ChoiceField(choices=EmploymentType.choices))
    member_count = serializers.IntegerField(help_text="People it applies to.")
    completed_count = serializers.IntegerField(help_text="People who completed every course.")

    class Meta:
        model = Assignment
        fields = [
            "id",
            "enterprise",
            "title",
            "courses",
            "package",
            "due_on",
            "roles",
            "positions",
            "employment_types",
            "auto_assign_new",
            "member_count",
            "completed_count",
            "created_at",
            "withdrawn_at",
        ]

    def get_courses(self, assignment) -> list[int]:
        return [link.course_id for link in assignment.course_links.all()]


class MemberCourseProgressSerializer(serializers.Serializer):
    course = serializers.IntegerField(source="course_id")
    lesson_count = serializers.IntegerField()
    completed_lessons = serializers.IntegerField()
    credited_seconds = serializers.IntegerField()
    lesson_seconds = serializers.IntegerField()
    percent = serializers.IntegerField(help_text="Lessons completed, in whole percent.")
    complete = serializers.BooleanField()


class MemberProgressSerializer(serializers.Serializer):
    learner = serializers.IntegerField(source="member.learner_id")
    name = serializers.CharField(source="member.learner.name")
    identity_number = serializers.CharField(
        source="member.learner.identity_number_masked", help_text="Masked."
    )
    position = serializers.CharField(help_text="In the person's latest engagement with the enterprise.")
    engaged_now = serializers.BooleanField()
    how = serializers.CharField(source="member.how", help_text="`criteria`, `by_hand` or `auto`.")
    courses = MemberCourseProgressSerializer(many=True, help_text="In the assignment's order.")
    complete = serializers.BooleanField()
    overdue = serializers.BooleanField()


class ListPagination(Pagination):
    """The API's pagination over rows already computed in memory."""

    django_paginator_class = Paginator


# What a training package decides itself, so a request that names a package must not give them.
PACKAGE_DECIDES = (
    "courses",
    "title",
    "roles",
    "positions",
    "employment_types",
    "learners",
    "auto_assign_new",
)


def _package_or_courses(given: set[str]) -> None:
    """Refuse a body that names both a package and courses (or what a package decides), or neither."""
    if "package" in given:
        clashing = [name for name in PACKAGE_DECIDES if name in given]
        if clashing:
            raise exceptions.ValidationError(
                {
                    "code": ErrorCode.PACKAGE_OR_COURSES,
                    "detail": _(
                        "A training package gives the title, the courses and who gets them; "
                        "with `package`, give only `due_on` and `enterprise`, not %(fields)s."
                    )
                    % {"fields": ", ".join(f"`{name}`" for name in clashing)},
                }
            )
    elif "courses" not in given:
        raise exceptions.ValidationError(
            {
                "code": ErrorCode.PACKAGE_OR_COURSES,
                "detail": _("Give either `courses` (with a `title`) or a training `package`."),
            }
        )
    elif "title" not in given:
        raise exceptions.ValidationError({"title": [_("This field is required.")]})


# ---------------------------------------------------------------------------------------------------------
# Views


class AssignmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The assignments of the enterprises the caller administers, newest first."""

    permission_classes = [permissions.IsAuthenticated, IsEnterpriseAdministrator]
    parser_classes = [JSONParser]
    lookup_value_regex = ID_REGEX
    serializer_class = AssignmentSerializer

    def get_queryset(self):
        return assignments_managed_by(user=self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            AssignmentSerializer(assignment_completion(assignments=list(page)), many=True).data
        )

    def retrieve(self, request, pk=None):
        assignment = self._assignment(pk)
        return Response(AssignmentSerializer(assignment_completion(assignments=[assignment])[0]).data)

    def _assignment(self, pk) -> Assignment:
        assignment = self.get_queryset().filter(pk=pk).first()
        if assignment is None:
            raise exceptions.NotFound(_("No such assignment among your enterprises'."))
        return assignment

    def _enterprise(self, enterprise_id: int | None) -> Enterprise:
        return managed.managed_enterprise(self.request.user, enterprise_id)

    def _package(self, package_id: int) -> TrainingPackagePage:
        package = TrainingPackagePage.objects.select_related("position").filter(pk=package_id).first()
        if package is None:
            raise services.package_not_found(package_id=package_id)
        return package

    @extend_schema(
        request=AssignmentCreateSerializer,
        responses={201: AssignmentSerializer},
        description="Assign courses, in order, with a due date, to the people currently engaged with the "
        "enterprise who match every criterion given (an empty one matches everyone; any listed role will "
        "do), plus `learners` chosen by hand; all or nothing. A self-selected enrolment in one of the courses "
        "becomes assigned. 400 codes: `no_course`, `course_not_found`, `due_in_past`, `no_one_chosen`, "
        "`nobody_matches`, `not_engaged` (a person chosen by hand), `auto_assign_without_criteria`, "
        "`enterprise_required`, `invalid`. 404 `enterprise_not_found`.\n\n"
        "Or assign a vocational training package in one step: `package` and `due_on` (and `enterprise`) "
        "only; the assignment takes the package's title and live courses in its order, and reaches the "
        "people in the package's position now and those a later roster import puts there. 400 codes: "
        "`package_or_courses` (both or neither, or a field the package decides), `package_not_found` "
        "(unknown or not live), `no_course` (none of its courses is live), `due_in_past`, `nobody_matches`.",
    )
    def create(self, request):
        data = AssignmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _package_or_courses(set(data.initial_data))
        values = data.validated_data
        enterprise = self._enterprise(values.get("enterprise"))
        try:
            if "package" in values:
                assignment = services.package_assign(
                    package=self._package(values["package"]),
                    enterprise=enterprise,
                    created_by=request.user,
                    due_on=values["due_on"],
                )
            else:
                assignment = services.assignment_create(
                    enterprise=enterprise,
                    created_by=request.user,
                    title=values["title"],
                    course_ids=values["courses"],
                    due_on=values["due_on"],
                    roles=values["roles"],
                    positions=values["positions"],
                    employment_types=values["employment_types"],
                    learner_ids=values["learners"],
                    auto_assign_new=values["auto_assign_new"],
                )
        except DjangoValidationError as error:
            raise refusal(error) from None
        assignment = self.get_queryset().get(pk=assignment.pk)
        return Response(
            AssignmentSerializer(assignment_completion(assignments=[assignment])[0]).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=ProgressStatus.values,
                required=False,
                description="Only people who are complete, not complete, or overdue.",
            ),
            OpenApiParameter("page", int, required=False),
            OpenApiParameter("page_size", int, required=False),
        ],
        responses={200: MemberProgressSerializer(many=True)},
        description="One row per person the assignment applies to, by name, with progress per course.",
    )
    @action(detail=True, methods=["get"], pagination_class=ListPagination)
    def progress(self, request, pk=None):
        assignment = self._assignment(pk)
        status_filter = request.query_params.get("status", "")
        if status_filter and status_filter not in ProgressStatus.values:
            raise exceptions.ValidationError(
                {"code": INVALID, "detail": _("Unknown status: %(status)s.") % {"status": status_filter}}
            )
        rows = assignment_progress(assignment=assignment, status=status_filter)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(MemberProgressSerializer(page, many=True).data)

    @extend_schema(
        request=None,
        responses={200: AssignmentSerializer},
        description="Withdraw the assignment: it stays as history and adds nobody any more. A course it put on "
        "someone's list follows another live assignment of theirs that includes it, or else becomes "
        "self-selected (progress kept; the person may drop it). 400 `already_withdrawn`.",
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        assignment = self._assignment(pk)
        try:
            services.assignment_withdraw(assignment=assignment)
        except DjangoValidationError as error:
            raise refusal(error) from None
        assignment = self.get_queryset().get(pk=assignment.pk)
        return Response(AssignmentSerializer(assignment_completion(assignments=[assignment])[0]).data)
