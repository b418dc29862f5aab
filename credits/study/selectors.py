"""Reads of study progress, aggregated in the database in a fixed number of queries."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Min, Q, Sum
from wagtail.models import Page

from courses.enrolments.models import Enrolment
from courses.models import CoursePage, LessonPage
from courses.registry import CourseProgress
from courses.selectors import course_lessons, parent_path
from credits.study.models import LessonProgress, StudySession


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
        .annotate(course_path=parent_path("lesson__path"))
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


@dataclass(frozen=True)
class LessonStudy:
    """What a lesson page shows a signed-in learner about their study of it."""

    enrolled: bool
    credited_seconds: int
    lesson_seconds: int
    resume_seconds: float
    complete: bool

    @property
    def credited_clock(self) -> str:
        return clock(self.credited_seconds)

    @property
    def lesson_clock(self) -> str:
        return clock(self.lesson_seconds)


def clock(seconds: int) -> str:
    """Minutes and seconds as a study player shows them ("12:05"); the player's script uses the same form."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def enrolled_for_lesson(*, learner_id: int, lesson: LessonPage) -> bool:
    """The learner has an active enrolment in the lesson's course (its parent page); one query."""
    return Enrolment.objects.filter(
        learner_id=learner_id, course__path=lesson.path[: -Page.steplen], dropped_at__isnull=True
    ).exists()


def resume_position(*, learner_id: int, lesson_id: int) -> float:
    """Where the learner stopped on the lesson, on whatever device: the last position their latest session
    reported (0 if none); one query."""
    last = (
        StudySession.objects.filter(learner_id=learner_id, lesson_id=lesson_id, last_beat_at__isnull=False)
        .order_by("-last_beat_at")
        .values_list("last_position_seconds", flat=True)
        .first()
    )
    return last or 0.0


def lesson_study(*, learner_id: int, lesson: LessonPage) -> LessonStudy:
    """Three queries: the enrolment in the lesson's course, the progress and where the learner stopped."""
    enrolled = enrolled_for_lesson(learner_id=learner_id, lesson=lesson)
    progress = LessonProgress.objects.filter(learner_id=learner_id, lesson=lesson).first()
    return LessonStudy(
        enrolled=enrolled,
        credited_seconds=progress.credited_seconds if progress else 0,
        lesson_seconds=lesson.minutes * 60,
        resume_seconds=resume_position(learner_id=learner_id, lesson_id=lesson.pk) if enrolled else 0.0,
        complete=bool(progress and progress.completed_at),
    )


def lessons_completed(*, learner_id: int, lesson_ids: Iterable[int]) -> set[int]:
    """Which of these lessons the learner has completed; one query."""
    return set(
        LessonProgress.objects.filter(
            learner_id=learner_id, lesson_id__in=list(lesson_ids), completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )


@dataclass(frozen=True)
class LessonRow:
    lesson_id: int
    title: str
    kind: str
    lesson_seconds: int
    credited_seconds: int
    complete: bool


def course_lesson_rows(*, learner_id: int, course: CoursePage) -> list[LessonRow]:
    """Each live lesson of `course` in study order with the learner's progress on it; two queries."""
    lessons = list(course.get_lessons().select_related("content_type"))
    progress = {
        row.lesson_id: row
        for row in LessonProgress.objects.filter(
            learner_id=learner_id, lesson__in=[lesson.pk for lesson in lessons]
        )
    }
    return [
        LessonRow(
            lesson_id=lesson.pk,
            title=lesson.title,
            kind=lesson.lesson_kind,
            lesson_seconds=lesson.minutes * 60,
            credited_seconds=progress[lesson.pk].credited_seconds if lesson.pk in progress else 0,
            complete=lesson.pk in progress and progress[lesson.pk].completed_at is not None,
        )
        for lesson in lessons
    ]
