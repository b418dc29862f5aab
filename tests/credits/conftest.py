import pytest

from courses.enrolments.services import enrolment_create
from tests.courses.factories import add_quiz_lesson, add_reading_lesson, add_video_lesson, make_course
from tests.learners.factories import make_learner


@pytest.fixture
def study(academy):
    """A worker enrolled in a course with a 20-minute video, a 15-minute reading and a quiz, plus a
    second course they are not enrolled in."""
    course = make_course(academy.sub_colleges["coal"])
    video = add_video_lesson(course, minutes=20)
    reading = add_reading_lesson(course, minutes=15)
    quiz = add_quiz_lesson(course)
    other_course = make_course(academy.sub_colleges["coal"])
    other_lesson = add_video_lesson(other_course)
    learner = make_learner(name="王工", password="pw")
    enrolment_create(learner=learner, course=course)
    return {
        "course": course,
        "video": video,
        "reading": reading,
        "quiz": quiz,
        "other_course": other_course,
        "other_lesson": other_lesson,
        "learner": learner,
    }


@pytest.fixture(autouse=True)
def no_presence_check(settings):
    """The "still there?" check is on by default; tests of other rules would trip over its random
    moments, so they run without it and its own tests turn it on (tests/credits/test_presence_check.py)."""
    settings.ACADEMY_PRESENCE_CHECK = False
