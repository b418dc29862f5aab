"""Reads of study progress, aggregated in the database in a fixed number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from courses.models import CoursePage, LessonPage

from .models import LessonProgress


@dataclass(frozen=True)
class CourseProgress:
    """One learner's progress on one course: a course is complete when every live lesson is."""

    course_id: int
    lesson_count: int
    completed_lessons: int
    credited_seconds: int
    lesson_seconds: int

    @property
    def complete(self) -> bool:
        return self.lesson_count > 0 and self.completed_lessons >= self.lesson_count

    @property
    def percent(self) -> int:
        """Lessons completed, in whole percent rounded down (a course is never shown done early)."""
        return 100 * self.completed_lessons // self.lesson_count if self.lesson_count else 0

    @property
    def credited_minutes(self) -> int:
        return self.credited_seconds // 60


def _course_path(path_field: str):
    """A lesson's course is its parent page: the tree path less one step."""
    return Substr(path_field, 1, Length(path_field) - Page.steplen)


def course_lessons(*, course_ids: Iterable[int]) -> dict[int, list[tuple[int, int]]]:
    """The live lessons of each course as (lesson id, declared seconds), in study order; two queries."""
    course_ids = list(course_ids)
    course_by_path = dict(CoursePage.objects.filter(pk__in=course_ids).values_list("path", "pk"))
    lessons: dict[int, list[tuple[int, int]]] = {pk: [] for pk in course_ids}
    rows = (
        LessonPage.objects.live()
        .annotate(course_path=_course_path("path"))
        .filter(course_path__in=list(course_by_path))
        .order_by("path")
        .values_list("course_path", "pk", "minutes")
    )
    for course_path, pk, minutes in rows:
        lessons[course_by_path[course_path]].append((pk, minutes * 60))
    return lessons


def course_progress(
    *, learner_ids: Iterable[int], course_ids: Iterable[int]
) -> dict[tuple[int, int], CourseProgress]:
    """Progress keyed by (learner id, course id) for every pair, in three queries whatever the numbers:
    the sums and counts are made by the database, grouped by learner and course."""
    learner_ids = list(learner_ids)
    lessons = course_lessons(course_ids=course_ids)
    lesson_course = {pk: course_id for course_id, rows in lessons.items() for pk, _seconds in rows}
    totals = (
        LessonProgress.objects.filter(learner_id__in=learner_ids, lesson_id__in=list(lesson_course))
        .annotate(course_path=_course_path("lesson__path"))
        .values("learner_id", "course_path")
        .annotate(
            completed=Count("pk", filter=Q(completed_at__isnull=False)),
            seconds=Sum("credited_seconds"),
            some_lesson=Min("lesson_id"),
        )
        .values_list("learner_id", "completed", "seconds", "some_lesson")
    )
    found = {
        (learner_id, lesson_course[lesson_id]): (completed, seconds)
        for learner_id, completed, seconds, lesson_id in totals
    }
    progress = {}
    for course_id, rows in lessons.items():
        lesson_seconds = sum(seconds for _pk, seconds in rows)
        for learner_id in learner_ids:
            completed, seconds = found.get((learner_id, course_id), (0, 0))
            progress[(learner_id, course_id)] = CourseProgress(
                course_id=course_id,
                lesson_count=len(rows),
                completed_lessons=completed,
                credited_seconds=seconds or 0,
                lesson_seconds=lesson_seconds,
            )
    return progress
