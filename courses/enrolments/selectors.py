"""Reads of enrolments and assignments (我的课程, an enterprise's assignments and their progress), in a
constant number of queries whatever their size. Progress comes from `courses.registry` (credits owns
study time)."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.enrolments.models import (
    Assignment,
    AssignmentCourse,
    AssignmentMember,
    Enrolment,
    EnrolmentSource,
)
from courses.models import CoursePage, LessonPage
from courses.registry import CourseProgress, course_progress, study_progress
from courses.selectors import course_lessons
from learners.models import Engagement
from learners.selectors import enterprises_managed_by


def enrolment_list(*, learner) -> QuerySet[Enrolment]:
    """The learner's active enrolments ("我的课程"), newest first, with their courses and assignments."""
    return (
        Enrolment.objects.filter(learner=learner, dropped_at__isnull=True)
        .select_related("course", "assignment")
        .order_by("-created_at", "-pk")
    )


def enrolment_active(*, learner, course) -> Enrolment | None:
    return Enrolment.objects.filter(learner=learner, course=course, dropped_at__isnull=True).first()


@dataclass(frozen=True)
class MyCourse:
    """One course on a learner's list, as "我的课程" shows it."""

    enrolment: Enrolment
    progress: CourseProgress
    next_lesson: LessonPage | None  # the first live lesson not yet complete
    due_on: datetime.date | None
    overdue: bool

    @property
    def course(self) -> CoursePage:
        return self.enrolment.course

    @property
    def assigned(self) -> bool:
        return self.enrolment.source == EnrolmentSource.ASSIGNED


def my_courses(*, learner, today: datetime.date | None = None) -> list[MyCourse]:
    """The learner's active enrolments: assigned ones first, the one due soonest first; then self-selected
    ones, newest first. Seven queries, whatever the number of courses and lessons."""
    today = today or timezone.localdate()
    learner_id = getattr(learner, "pk", learner)
    enrolments = list(enrolment_list(learner=learner_id))
    course_ids = [enrolment.course_id for enrolment in enrolments]
    progress = course_progress(learner_ids=[learner_id], course_ids=course_ids)
    lessons = course_lessons(course_ids=course_ids)
    completed = study_progress().lessons_completed(
        learner_id=learner_id, lesson_ids=[pk for rows in lessons.values() for pk, _seconds in rows]
    )
    next_ids = {
        course_id: next((pk for pk, _seconds in rows if pk not in completed), None)
        for course_id, rows in lessons.items()
    }
    next_lessons = LessonPage.objects.in_bulk([pk for pk in next_ids.values() if pk is not None])
    rows = []
    for enrolment in enrolments:
        due_on = enrolment.assignment.due_on if enrolment.assignment_id else None
        course_progress_row = progress[(learner_id, enrolment.course_id)]
        rows.append(
            MyCourse(
                enrolment=enrolment,
                progress=course_progress_row,
                next_lesson=next_lessons.get(next_ids.get(enrolment.course_id)),
                due_on=due_on,
                overdue=due_on is not None and due_on < today and not course_progress_row.complete,
            )
        )
    assigned = sorted(
        (row for row in rows if row.assigned),
        key=lambda row: (row.due_on or datetime.date.max, row.enrolment.created_at, row.enrolment.pk),
    )
    return assigned + [row for row in rows if not row.assigned]


def assignment_list(*, enterprise) -> QuerySet[Assignment]:
    """An enterprise's assignments, newest first, each with `member_count` and its courses in order."""
    return _with_counts(Assignment.objects.filter(enterprise=enterprise))


def assignments_managed_by(*, user) -> QuerySet[Assignment]:
    """The assignments of every enterprise `user` manages (`learners.access.can_manage_enterprise`)."""
    return _with_counts(
        Assignment.objects.filter(enterprise__in=enterprises_managed_by(user=user)).select_related(
            "enterprise"
        )
    )


def _with_counts(assignments: QuerySet[Assignment]) -> QuerySet[Assignment]:
    return (
        assignments.annotate(member_count=Count("members", distinct=True))
        .prefetch_related(_ordered_course_links())
        .order_by("-created_at", "-pk")
    )


def _ordered_course_links() -> Prefetch:
    return Prefetch(
        "course_links", queryset=AssignmentCourse.objects.select_related("course").order_by("order", "pk")
    )


def assignment_completion(*, assignments: list[Assignment]) -> list[Assignment]:
    """Set `completed_count` on each (members who completed every course); four queries for any page of
    assignments. The assignments must come from `assignment_list` (courses prefetched)."""
    members = list(
        AssignmentMember.objects.filter(assignment__in=assignments).values_list("assignment_id", "learner_id")
    )
    course_ids = {link.course_id for assignment in assignments for link in assignment.course_links.all()}
    progress = course_progress(learner_ids={learner for _a, learner in members}, course_ids=course_ids)
    by_assignment: dict[int, list[int]] = {}
    for assignment_id, learner_id in members:
        by_assignment.setdefault(assignment_id, []).append(learner_id)
    for assignment in assignments:
        links = assignment.course_links.all()
        assignment.completed_count = sum(
            all(progress[(learner_id, link.course_id)].complete for link in links)
            for learner_id in by_assignment.get(assignment.pk, [])
        )
    return assignments


class ProgressStatus(models.TextChoices):
    COMPLETE = "complete", _("Complete")
    INCOMPLETE = "incomplete", _("Not complete")
    OVERDUE = "overdue", _("Overdue")


@dataclass(frozen=True)
class MemberProgress:
    """One person's progress on an assignment: one `CourseProgress` per course, in the assignment's order."""

    member: AssignmentMember
    position: str  # in their latest engagement with the enterprise
    engaged_now: bool
    courses: list[CourseProgress]
    complete: bool
    overdue: bool

    @property
    def learner(self):
        return self.member.learner


def assignment_progress(
    *, assignment: Assignment, status: str = "", today: datetime.date | None = None
) -> list[MemberProgress]:
    """One row per member, by name, optionally only those complete / not complete / overdue (a
    `ProgressStatus`). Six queries whatever the number of people and courses."""
    today = today or timezone.localdate()
    links = list(assignment.course_links.order_by("order", "pk"))
    members = list(assignment.members.select_related("learner").order_by("learner__name", "learner_id"))
    learner_ids = [member.learner_id for member in members]
    latest: dict[int, tuple[str, bool]] = {}
    engagements = (
        Engagement.objects.filter(enterprise_id=assignment.enterprise_id, learner_id__in=learner_ids)
        .order_by("learner_id", "-started_on", "-pk")
        .values_list("learner_id", "position", "started_on", "ended_on")
    )
    for learner_id, position, started_on, ended_on in engagements:
        if learner_id not in latest:
            latest[learner_id] = (position, started_on <= today and (ended_on is None or ended_on >= today))
    progress = course_progress(learner_ids=learner_ids, course_ids=[link.course_id for link in links])
    rows = []
    for member in members:
        courses = [progress[(member.learner_id, link.course_id)] for link in links]
        complete = all(course.complete for course in courses)
        position, engaged_now = latest.get(member.learner_id, ("", False))
        rows.append(
            MemberProgress(
                member=member,
                position=position,
                engaged_now=engaged_now,
                courses=courses,
                complete=complete,
                overdue=not complete and assignment.due_on < today,
            )
        )
    if status == ProgressStatus.COMPLETE:
        return [row for row in rows if row.complete]
    if status == ProgressStatus.INCOMPLETE:
        return [row for row in rows if not row.complete]
    if status == ProgressStatus.OVERDUE:
        return [row for row in rows if row.overdue]
    return rows


@dataclass(frozen=True)
class RosterChoices:
    """What the new-assignment form offers: the enterprise's current people (one engagement each) and the
    distinct positions they hold."""

    people: list
    positions: list[str]


def assignment_roster_choices(*, enterprise, today: datetime.date | None = None) -> RosterChoices:
    """One query: the current engagements of `enterprise`, by name."""
    engagements = (
        Engagement.objects.current(today or timezone.localdate())
        .filter(enterprise=enterprise)
        .select_related("learner")
        .order_by("learner__name", "learner_id", "-started_on", "-pk")
    )
    people, seen, positions = [], set(), set()
    for engagement in engagements:
        positions.add(engagement.position)
        if engagement.learner_id not in seen:
            seen.add(engagement.learner_id)
            people.append(engagement)
    return RosterChoices(people=people, positions=sorted(positions))
