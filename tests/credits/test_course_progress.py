"""Course progress: a course is complete when every live lesson is; counted by the database."""

from credits.study.selectors import course_progress
from tests.courses.factories import make_course
from tests.credits.factories import beat, start, steady
from tests.learners.factories import make_learner


def test_progress_counts_completed_lessons_and_credited_seconds(study, django_assert_num_queries):
    learner, other = study["learner"], make_learner(name="李工")
    session = start(learner, study["video"])
    beat(session, 0, 0, 0)
    steady(session, first_seq=1, first_at=30, count=40, position=30)  # 20 minutes: the video is done
    course = study["course"]
    with django_assert_num_queries(3):
        progress = course_progress(learner_ids=[learner.pk, other.pk], course_ids=[course.pk])
    mine = progress[(learner.pk, course.pk)]
    assert (mine.lesson_count, mine.completed_lessons, mine.credited_seconds) == (3, 1, 1200)
    assert mine.lesson_seconds == (20 + 15 + study["quiz"].minutes) * 60
    assert (mine.percent, mine.complete) == (33, False)
    theirs = progress[(other.pk, course.pk)]
    assert (theirs.completed_lessons, theirs.credited_seconds, theirs.complete) == (0, 0, False)


def test_a_course_without_lessons_is_never_complete(study):
    empty = make_course(study["course"].get_parent())
    progress = course_progress(learner_ids=[study["learner"].pk], course_ids=[empty.pk])
    assert progress[(study["learner"].pk, empty.pk)].complete is False
