"""What courses needs from the apps above it, handed in when they start.

The apps depend one way (README, "Architecture"; `tests/test_architecture.py`): courses sits below
credits, whose study records point to lessons, and below cms, whose sub-college pages hold the catalogue.
So courses never imports them; instead, each registers here in its `AppConfig.ready()`:

- cms: the sub-college page type (one page per industry, with its `industry`), which courses queries
  for the catalogue's industries;
- credits: how far learners are (`StudyProgress`): the readers of study time and the writer of quiz
  attempts, which the course, lesson and quiz pages, 我的课程 and assignments show or call.

Asking before registration (an app missing from INSTALLED_APPS) is a configuration error, said plainly.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured


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


@dataclass(frozen=True)
class StudyProgress:
    """The study facts courses shows, each a keyword-only function of the app that owns study time."""

    # (learner_ids, course_ids) -> {(learner id, course id): CourseProgress} for every pair
    course_progress: Callable[..., dict[tuple[int, int], CourseProgress]]
    # (learner_id, lesson_ids) -> the ids of those lessons the learner completed
    lessons_completed: Callable[..., set[int]]
    # (learner_id, lesson) -> what the lesson page shows of the learner's study of it
    lesson_study: Callable[..., Any]
    # (learner, quiz, result) -> the attempt kept, or None when the learner is not enrolled
    quiz_attempt_record: Callable[..., Any]
    # (learner, on) -> the worker's class hours, verdicts and courses that would close a gap (我的学习)
    my_learning: Callable[..., Any]


_registered: dict[str, Any] = {}


def sub_college_page_register(page_model: type) -> None:
    _registered["sub_college_page"] = page_model


def study_progress_register(progress: StudyProgress) -> None:
    _registered["study_progress"] = progress


def _get(key: str, app: str):
    try:
        return _registered[key]
    except KeyError:
        raise ImproperlyConfigured(
            f"courses needs the {app} app in INSTALLED_APPS: it registers {key} when it starts."
        ) from None


def sub_college_page():
    """The sub-college page type (cms.SubCollegePage)."""
    return _get("sub_college_page", "cms")


def study_progress() -> StudyProgress:
    return _get("study_progress", "credits")


def course_progress(
    *, learner_ids: Iterable[int], course_ids: Iterable[int]
) -> dict[tuple[int, int], CourseProgress]:
    return study_progress().course_progress(learner_ids=learner_ids, course_ids=course_ids)
