"""Writes of enrolments and assignments: one transaction each."""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.enrolments.models import (
    Assignment,
    AssignmentCourse,
    AssignmentMember,
    AssignmentMemberSource,
    Enrolment,
    EnrolmentSource,
)
from courses.errors import AssignmentError, EnrolmentError
from courses.models import CoursePage
from courses.packages.models import TrainingPackagePage
from courses.packages.selectors import package_courses
from learners.choices import Role
from learners.models import EmploymentType, Engagement, EngagementRole, Enterprise, Learner


def enrolment_create(*, learner: Learner, course: CoursePage) -> Enrolment:
    """Put `course` on the learner's list as self-selected; idempotent: an active enrolment is returned
    as it is (whatever its source)."""
    existing = Enrolment.objects.filter(learner=learner, course=course, dropped_at__isnull=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                learner=learner, course=course, source=EnrolmentSource.SELF_SELECTED
            )
    except IntegrityError:
        # A concurrent request enrolled first: the unique active enrolment is the answer.
        return Enrolment.objects.get(learner=learner, course=course, dropped_at__isnull=True)


@transaction.atomic
def enrolment_drop(*, enrolment: Enrolment) -> Enrolment:
    """Drop a self-selected course; an assigned one stays until the enterprise withdraws it."""
    if enrolment.source != EnrolmentSource.SELF_SELECTED:
        raise ValidationError(
            _("An assigned course cannot be dropped."), code=EnrolmentError.ASSIGNED_ENROLMENT
        )
    updated = Enrolment.objects.filter(pk=enrolment.pk, dropped_at__isnull=True).update(
        dropped_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This course was already dropped."), code=EnrolmentError.ALREADY_DROPPED)
    enrolment.refresh_from_db(fields=["dropped_at"])
    return enrolment


# ---------------------------------------------------------------------------------------------------------
# Assignments (学习任务)


def _unique(values) -> list:
    return list(dict.fromkeys(values))


def _assignment_check(
    *,
    title: str,
    course_ids: list[int],
    due_on: datetime.date,
    roles: list[str],
    positions: list[str],
    employment_types: list[str],
    learner_ids: list[int],
    auto_assign_new: bool,
    today: datetime.date,
) -> None:
    """The checks that need no database, all reported at once."""
    errors: dict[str, list[ValidationError]] = {}

    def refuse(field: str, message: str, code: str) -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if not title:
        refuse("title", _("Give the assignment a title."), AssignmentError.NO_TITLE)
    if not course_ids:
        refuse("courses", _("Choose at least one course."), AssignmentError.NO_COURSE)
    if due_on < today:
        refuse(
            "due_on",
            _("The due date %(date)s is in the past.") % {"date": due_on.isoformat()},
            AssignmentError.DUE_IN_PAST,
        )
    unknown_roles = [code for code in roles if code not in Role.values]
    if unknown_roles:
        refuse(
            "roles",
            _("Unknown role: %(codes)s.") % {"codes": ", ".join(map(str, unknown_roles))},
            AssignmentError.UNKNOWN_CHOICE,
        )
    unknown_types = [code for code in employment_types if code not in EmploymentType.values]
    if unknown_types:
        refuse(
            "employment_types",
            _("Unknown employment type: %(codes)s.") % {"codes": ", ".join(map(str, unknown_types))},
            AssignmentError.UNKNOWN_CHOICE,
        )
    has_criteria = bool(roles or positions or employment_types)
    if not has_criteria and not learner_ids:
        refuse(
            NON_FIELD_ERRORS,
            _("Choose people by role, position or employment type, or by hand."),
            AssignmentError.NO_ONE_CHOSEN,
        )
    if auto_assign_new and not has_criteria:
        refuse(
            "auto_assign_new",
            _(
                "People who join later are matched against the criteria; "
                "choose at least one role, position or employment type."
            ),
            AssignmentError.AUTO_WITHOUT_CRITERIA,
        )
    if errors:
        raise ValidationError(errors)


def _matching_learner_ids(
    *,
    enterprise: Enterprise,
    roles: list[str],
    positions: list[str],
    employment_types: list[str],
    on: datetime.date,
    among=None,
) -> QuerySet:
    """People currently engaged with `enterprise` in an engagement that meets every given criterion (an
    empty one matches everyone; any one of the roles will do). One query, as a subquery where used."""
    engagements = Engagement.objects.current(on).filter(enterprise=enterprise)
    if among is not None:
        engagements = engagements.filter(learner_id__in=among)
    if positions:
        engagements = engagements.filter(position__in=positions)
    if employment_types:
        engagements = engagements.filter(employment_type__in=employment_types)
    if roles:
        engagements = engagements.filter(
            Exists(EngagementRole.objects.filter(engagement=OuterRef("pk"), role__in=roles))
        )
    return engagements.values_list("learner_id", flat=True).distinct()


def _assign_courses(*, assignment: Assignment, course_ids: list[int], learner_ids) -> None:
    """Put the courses on the lists of `learner_ids` (a list or a subquery): a self-selected enrolment
    becomes assigned (progress is kept per lesson, so nothing is lost), an assigned one follows the
    assignment due first, and the rest are created. A fixed number of bulk queries."""
    active = Enrolment.objects.filter(
        learner_id__in=learner_ids, course_id__in=course_ids, dropped_at__isnull=True
    )
    active.filter(source=EnrolmentSource.SELF_SELECTED).update(
        source=EnrolmentSource.ASSIGNED, assignment=assignment
    )
    active.filter(
        Q(assignment__isnull=True)
        | Q(assignment__due_on__gt=assignment.due_on)
        | Q(assignment__withdrawn_at__isnull=False),
        source=EnrolmentSource.ASSIGNED,
    ).exclude(assignment=assignment).update(assignment=assignment)
    enrolled = set(active.values_list("learner_id", "course_id"))
    now = timezone.now()
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                learner_id=learner_id,
                course_id=course_id,
                source=EnrolmentSource.ASSIGNED,
                assignment=assignment,
                created_at=now,
            )
            for learner_id in learner_ids
            for course_id in course_ids
            if (learner_id, course_id) not in enrolled
        ]
    )


def assignment_create(
    *,
    enterprise: Enterprise,
    created_by,
    title: str,
    course_ids: list[int],
    due_on: datetime.date,
    roles: list[str] = (),
    positions: list[str] = (),
    employment_types: list[str] = (),
    learner_ids: list[int] = (),
    auto_assign_new: bool = False,
    package: TrainingPackagePage | None = None,
    today: datetime.date | None = None,
) -> Assignment:
    """Assign courses (in the given order) to the people of `enterprise` who match the criteria now, plus
    those chosen by hand, all or nothing. The caller has checked that `created_by` manages `enterprise`.
    `package` only records which training package it was made from (see `package_assign`).

    Refusals are a ValidationError keyed by field with the codes of `AssignmentError`. A constant number
    of queries whatever the number of people.
    """
    today = today or timezone.localdate()
    title = (title or "").strip()
    course_ids = _unique(course_ids)
    roles = _unique(roles)
    positions = _unique(position.strip() for position in positions if position.strip())
    employment_types = _unique(employment_types)
    learner_ids = _unique(learner_ids)
    _assignment_check(
        title=title,
        course_ids=course_ids,
        due_on=due_on,
        roles=roles,
        positions=positions,
        employment_types=employment_types,
        learner_ids=learner_ids,
        auto_assign_new=auto_assign_new,
        today=today,
    )
    live = set(CoursePage.objects.live().filter(pk__in=course_ids).values_list("pk", flat=True))
    missing_courses = [pk for pk in course_ids if pk not in live]
    if missing_courses:
        raise ValidationError(
            {
                "courses": ValidationError(
                    _("No published course with id %(ids)s.")
                    % {"ids": ", ".join(str(pk) for pk in missing_courses)},
                    code=AssignmentError.COURSE_NOT_FOUND,
                )
            }
        )
    engaged = set(
        Engagement.objects.current(today)
        .filter(enterprise=enterprise, learner_id__in=learner_ids)
        .values_list("learner_id", flat=True)
    )
    not_engaged = [pk for pk in learner_ids if pk not in engaged]
    if not_engaged:
        raise ValidationError(
            {
                "learners": ValidationError(
                    _("Person %(ids)s is not currently engaged with %(enterprise)s.")
                    % {"ids": ", ".join(str(pk) for pk in not_engaged), "enterprise": enterprise.name},
                    code=AssignmentError.NOT_ENGAGED,
                )
            }
        )
    has_criteria = bool(roles or positions or employment_types)
    matched = (
        set(
            _matching_learner_ids(
                enterprise=enterprise,
                roles=roles,
                positions=positions,
                employment_types=employment_types,
                on=today,
            )
        )
        if has_criteria
        else set()
    )
    members = dict.fromkeys(matched, AssignmentMemberSource.CRITERIA)
    members.update(dict.fromkeys(learner_ids, AssignmentMemberSource.BY_HAND))
    if not members:
        raise ValidationError(
            _("Nobody currently engaged with %(enterprise)s matches these criteria.")
            % {"enterprise": enterprise.name},
            code=AssignmentError.NOBODY_MATCHES,
        )
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                enterprise=enterprise,
                title=title,
                due_on=due_on,
                roles=[code for code in Role.values if code in roles],
                positions=positions,
                employment_types=[code for code in EmploymentType.values if code in employment_types],
                auto_assign_new=auto_assign_new,
                created_by=created_by,
                package=package,
            )
            AssignmentCourse.objects.bulk_create(
                [
                    AssignmentCourse(assignment=assignment, course_id=pk, order=order)
                    for order, pk in enumerate(course_ids, start=1)
                ]
            )
            now = timezone.now()
            AssignmentMember.objects.bulk_create(
                [
                    AssignmentMember(assignment=assignment, learner_id=pk, how=how, added_at=now)
                    for pk, how in sorted(members.items())
                ]
            )
            _assign_courses(assignment=assignment, course_ids=course_ids, learner_ids=sorted(members))
    except IntegrityError:
        # One of these people enrolled in one of the courses at this very moment.
        raise ValidationError(
            _("Someone enrolled in one of these courses meanwhile; please submit again."),
            code=AssignmentError.CONCURRENT_CHANGE,
        )
    return assignment


def package_not_found(*, package_id: int) -> ValidationError:
    """The refusal of a training package that is not live; the API gives it for an unknown id too, so that
    ids reveal nothing about drafts."""
    return ValidationError(
        {
            "package": ValidationError(
                _("No published training package with id %(id)s.") % {"id": package_id},
                code=AssignmentError.PACKAGE_NOT_FOUND,
            )
        }
    )


def package_assign(
    *,
    package: TrainingPackagePage,
    enterprise: Enterprise,
    created_by,
    due_on: datetime.date,
    today: datetime.date | None = None,
) -> Assignment:
    """Assign a vocational training package in one step: its live courses, in the package's order, to the
    people of `enterprise` currently in the package's position, due on `due_on`. People who take that
    position later (a roster import) get it too, since a package is meant for whoever holds the position.

    The position is matched by its name, which is the roster's wording. Refusals are those of
    `assignment_create`, keyed `package` when the package is not live or has no live course.
    """
    if not package.live:
        raise package_not_found(package_id=package.pk)
    course_ids = list(package_courses(package=package).values_list("pk", flat=True))
    if not course_ids:
        raise ValidationError(
            {
                "package": ValidationError(
                    _("The training package “%(title)s” has no published course yet.")
                    % {"title": package.title},
                    code=AssignmentError.NO_COURSE,
                )
            }
        )
    position = package.position.name
    try:
        return assignment_create(
            enterprise=enterprise,
            created_by=created_by,
            title=package.title[: Assignment._meta.get_field("title").max_length],
            course_ids=course_ids,
            due_on=due_on,
            positions=[position],
            auto_assign_new=True,
            package=package,
            today=today,
        )
    except ValidationError as error:
        if getattr(error, "code", None) != AssignmentError.NOBODY_MATCHES:
            raise
        # "These criteria" would not tell an administrator who clicked one button what was missing.
        raise ValidationError(
            _("Nobody currently engaged with %(enterprise)s holds the position “%(position)s”.")
            % {"enterprise": enterprise.name, "position": position},
            code=AssignmentError.NOBODY_MATCHES,
        )


@transaction.atomic
def assignment_apply_to_new(
    *, enterprise: Enterprise, learner_ids, on: datetime.date | None = None
) -> dict[int, int]:
    """Add the people among `learner_ids` (ids, or a subquery) who match an `auto_assign_new` assignment
    of `enterprise` and are not yet its members; returns {assignment id: people added}. Run after a
    roster import, in its transaction. Queries grow with the enterprise's auto-assigning assignments,
    not with the number of people."""
    on = on or timezone.localdate()
    assignments = list(
        Assignment.objects.filter(
            enterprise=enterprise, auto_assign_new=True, withdrawn_at__isnull=True
        ).prefetch_related(
            Prefetch("course_links", queryset=AssignmentCourse.objects.order_by("order", "pk"))
        )
    )
    added: dict[int, int] = {}
    now = timezone.now()
    for assignment in assignments:
        new_ids = list(
            _matching_learner_ids(
                enterprise=enterprise,
                roles=assignment.roles,
                positions=assignment.positions,
                employment_types=assignment.employment_types,
                on=on,
                among=learner_ids,
            ).exclude(
                learner_id__in=AssignmentMember.objects.filter(assignment=assignment).values("learner_id")
            )
        )
        if not new_ids:
            continue
        AssignmentMember.objects.bulk_create(
            [
                AssignmentMember(
                    assignment=assignment, learner_id=pk, how=AssignmentMemberSource.AUTO, added_at=now
                )
                for pk in sorted(new_ids)
            ]
        )
        _assign_courses(
            assignment=assignment,
            course_ids=[link.course_id for link in assignment.course_links.all()],
            learner_ids=sorted(new_ids),
        )
        added[assignment.pk] = len(new_ids)
    return added


@transaction.atomic
def assignment_withdraw(*, assignment: Assignment) -> Assignment:
    """Withdraw an assignment: it stays, with its members, as history, and adds nobody any more. A course it
    put on someone's list follows another live assignment of theirs that includes it (the one due first),
    or else becomes self-selected, so the person keeps their progress and may drop it. Five queries."""
    updated = Assignment.objects.filter(pk=assignment.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    if not updated:
        raise ValidationError(
            _("This assignment was already withdrawn."), code=AssignmentError.ALREADY_WITHDRAWN
        )
    assignment.refresh_from_db(fields=["withdrawn_at"])
    enrolments = list(
        Enrolment.objects.filter(assignment=assignment, dropped_at__isnull=True).only(
            "pk", "learner_id", "course_id"
        )
    )
    others = (
        AssignmentMember.objects.filter(
            assignment__withdrawn_at__isnull=True,
            learner_id__in={enrolment.learner_id for enrolment in enrolments},
            assignment__course_links__course_id__in={enrolment.course_id for enrolment in enrolments},
        )
        .order_by("-assignment__due_on", "-assignment_id")
        .values_list("learner_id", "assignment__course_links__course_id", "assignment_id")
    )
    # Ordered latest due first, so the one due first is written last and wins.
    successor = {(learner_id, course_id): pk for learner_id, course_id, pk in others}
    for enrolment in enrolments:
        enrolment.assignment_id = successor.get((enrolment.learner_id, enrolment.course_id))
        enrolment.source = (
            EnrolmentSource.ASSIGNED if enrolment.assignment_id else EnrolmentSource.SELF_SELECTED
        )
    Enrolment.objects.bulk_update(enrolments, ["assignment", "source"])
    return assignment
