"""The study pages: a worker's "我的课程" (enrol, drop), and an enterprise's assignments (学习任务).

Thin views over `courses.enrolments.services` and `courses.selectors`. Assignment pages are for administrators of
the enterprise (or a superuser); anyone else signed in gets a 403 page that says why, and an assignment
of another enterprise is a 404, so that ids reveal nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from academy.excel import xlsx_response
from academy.paginator import WindowCountPaginator
from courses.enrolments import services
from courses.enrolments.forms import AssignmentForm, PackageAssignForm
from courses.enrolments.models import Assignment, Enrolment
from courses.enrolments.selectors import (
    ProgressStatus,
    assignment_completion,
    assignment_list,
    assignment_progress,
    assignment_roster_choices,
    my_courses,
)
from courses.models import CoursePage
from courses.packages.models import TrainingPackagePage
from courses.packages.selectors import package_context
from courses.registry import study_progress
from courses.selectors import course_list
from learners.access import can_manage_enterprise, viewer_scope
from learners.models import Learner
from learners.views.managed import chosen_enterprise, forbidden, managed_enterprises

ASSIGNMENTS_PAGE_SIZE = 20
PROGRESS_PAGE_SIZE = 50


# ---------------------------------------------------------------------------------------------------------
# 我的课程


def _learner_or_none(request) -> Learner | None:
    learner_id = viewer_scope(request.user).learner_id
    return Learner(pk=learner_id) if learner_id else None


def _no_learner(request):
    return render(
        request,
        "courses/no_learner.html",
        {
            "reason": _(
                "Your account has no learner record, so it has no courses. "
                "Workers sign in with their mobile number or identity number."
            )
        },
        status=403,
    )


@login_required
@require_GET
def my_courses_page(request):
    learner = _learner_or_none(request)
    if learner is None:
        return _no_learner(request)
    return render(
        request,
        "courses/my_courses.html",
        # 我的学习 above the list: this year's hours, the verdicts and courses that would close a gap.
        {"rows": my_courses(learner=learner), "learning": study_progress().my_learning(learner=learner)},
    )


@login_required
@require_POST
def enrol(request, pk: int):
    learner = _learner_or_none(request)
    if learner is None:
        return _no_learner(request)
    course = get_object_or_404(CoursePage.objects.live(), pk=pk)
    services.enrolment_create(learner=learner, course=course)
    messages.success(request, _("“%(course)s” is in your courses.") % {"course": course.title})
    return redirect(course.url)


@login_required
@require_POST
def drop(request, pk: int):
    learner = _learner_or_none(request)
    if learner is None:
        return _no_learner(request)
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("course"), pk=pk, learner_id=learner.pk, dropped_at__isnull=True
    )
    try:
        services.enrolment_drop(enrolment=enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(course)s” was dropped.") % {"course": enrolment.course.title})
    return redirect("study:my_courses")


# ---------------------------------------------------------------------------------------------------------
# Assignments


def _not_an_administrator(request):
    return forbidden(
        request,
        _(
            "Only administrators of an enterprise assign courses to its people and see their progress. "
            "Ask your enterprise to add your account as one of its administrators."
        ),
    )


@login_required
@require_GET
def assignment_index(request):
    enterprises = managed_enterprises(request.user)
    if not enterprises:
        return _not_an_administrator(request)
    enterprise = chosen_enterprise(request.GET.get("enterprise"), enterprises)
    page = WindowCountPaginator(assignment_list(enterprise=enterprise), ASSIGNMENTS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    page.object_list = assignment_completion(assignments=list(page.object_list))
    return render(
        request,
        "courses/assignment_list.html",
        {
            "enterprise": enterprise,
            "enterprises": enterprises,
            "page_obj": page,
            "paginator": page.paginator,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assignment_new(request):
    enterprises = managed_enterprises(request.user)
    if not enterprises:
        return _not_an_administrator(request)
    enterprise = chosen_enterprise(
        request.POST.get("enterprise") or request.GET.get("enterprise"), enterprises
    )
    roster = assignment_roster_choices(enterprise=enterprise)
    courses = list(course_list().order_by("title", "pk").values_list("pk", "title"))
    form = AssignmentForm(
        request.POST if request.method == "POST" else None,
        courses=courses,
        positions=roster.positions,
        people=roster.people,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                enterprise=enterprise,
                created_by=request.user,
                title=data["title"],
                course_ids=form.ordered_course_ids(),
                due_on=data["due_on"],
                roles=data["roles"],
                positions=data["positions"],
                employment_types=data["employment_types"],
                learner_ids=data["learners"],
                auto_assign_new=data["auto_assign_new"],
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            return _assigned(request, assignment)
    return render(
        request,
        "courses/assignment_form.html",
        {
            "enterprise": enterprise,
            "enterprises": enterprises,
            "form": form,
            "course_rows": _course_rows(form, courses),
            "chosen_learners": _ticked_ids(form["learners"].value()),
        },
    )


def _ticked_ids(values) -> set[int]:
    return {int(value) for value in (values or []) if str(value).isdigit()}


def _course_rows(form: AssignmentForm, courses) -> list[tuple[int, str, int | None, bool]]:
    """(id, title, order typed, ticked) for the course checklist, which the template lays out itself."""
    ticked = _ticked_ids(form["courses"].value())
    return [(pk, title, form.course_order.get(pk), pk in ticked) for pk, title in courses]


ASSIGNMENT_FORM_FIELDS = {"title", "due_on", "courses", "roles", "positions", "employment_types", "learners"}


def _assigned(request, assignment: Assignment):
    messages.success(
        request,
        _("“%(title)s” was assigned to %(count)s people.")
        % {"title": assignment.title, "count": assignment.members.count()},
    )
    return redirect("study:assignment_detail", pk=assignment.pk)


def _add_service_errors(form, error: ValidationError, fields: set[str] = ASSIGNMENT_FORM_FIELDS) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in fields else NON_FIELD_ERRORS, errors)
    else:
        form.add_error(None, error)


@login_required
@require_POST
def package_assign(request, package_id: int):
    """Assign a vocational training package from its page; a refusal re-shows the page with the reason."""
    enterprises = managed_enterprises(request.user)
    if not enterprises:
        return _not_an_administrator(request)
    package = get_object_or_404(TrainingPackagePage.objects.live().select_related("position"), pk=package_id)
    enterprise = chosen_enterprise(request.POST.get("enterprise"), enterprises)
    form = PackageAssignForm(request.POST, enterprises=enterprises)
    if form.is_valid():
        try:
            assignment = services.package_assign(
                package=package,
                enterprise=enterprise,
                created_by=request.user,
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            _add_service_errors(form, error, fields={"due_on"})
        else:
            return _assigned(request, assignment)
    return render(
        request,
        package.get_template(request),
        {
            "page": package,
            "self": package,
            **package_context(request=request, package=package, assign_form=form),
        },
    )


def _assignment_for(request, pk: int) -> Assignment | None:
    """The assignment if the user manages its enterprise; None for someone who manages none (403);
    404 for another enterprise's."""
    scope = viewer_scope(request.user)
    if not (scope.everything or scope.administered_enterprise_ids):
        return None
    assignment = get_object_or_404(Assignment.objects.select_related("enterprise", "package"), pk=pk)
    if not can_manage_enterprise(request.user, assignment.enterprise):
        raise Http404
    return assignment


@login_required
@require_GET
def assignment_detail(request, pk: int):
    assignment = _assignment_for(request, pk)
    if assignment is None:
        return _not_an_administrator(request)
    status = request.GET.get("status", "")
    if status not in ProgressStatus.values:
        status = ""
    rows = assignment_progress(assignment=assignment, status=status)
    links = list(assignment.course_links.select_related("course").order_by("order", "pk"))
    if request.GET.get("format") == "xlsx":
        return _progress_xlsx(assignment, links, rows)
    page = Paginator(rows, PROGRESS_PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = [(row, list(zip(links, row.courses, strict=True))) for row in page.object_list]
    return render(
        request,
        "courses/assignment_detail.html",
        {
            "assignment": assignment,
            "links": links,
            "page_obj": page,
            "paginator": page.paginator,
            "status": status,
            "statuses": ProgressStatus.choices,
            "today": timezone.localdate(),
        },
    )


def _progress_xlsx(assignment: Assignment, links, rows):
    yes, no = _("Yes"), _("No")
    headers = [_("Name"), _("Identity number"), _("Position")]
    headers += [_("%(course)s: lessons completed") % {"course": link.course.title} for link in links]
    headers += [_("%(course)s: minutes credited") % {"course": link.course.title} for link in links]
    headers += [_("All complete"), _("Overdue")]
    return xlsx_response(
        filename=_("%(title)s progress %(date)s.xlsx")
        % {"title": assignment.title, "date": timezone.localdate().isoformat()},
        title=_("Progress"),
        headers=headers,
        rows=(
            [row.learner.name, row.learner.identity_number_masked, row.position]
            + [f"{course.completed_lessons}/{course.lesson_count}" for course in row.courses]
            + [course.credited_minutes for course in row.courses]
            + [yes if row.complete else no, yes if row.overdue else no]
            for row in rows
        ),
    )


@login_required
@require_POST
def assignment_withdraw(request, pk: int):
    assignment = _assignment_for(request, pk)
    if assignment is None:
        return _not_an_administrator(request)
    try:
        services.assignment_withdraw(assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(title)s” was withdrawn; its courses stay on people's lists and can now be dropped.")
            % {"title": assignment.title},
        )
    return redirect("study:assignment_detail", pk=assignment.pk)
