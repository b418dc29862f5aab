"""What a learner sees of their study on course and lesson pages, and quizzes that complete a lesson."""

import pytest

from courses.enrolments.models import Enrolment
from credits.ledger import AppendOnlyError
from credits.study.models import LessonProgress, QuizAttempt
from credits.study.selectors import course_progress
from credits.study.summaries import study_summaries_rebuild
from tests.credits.factories import beat, start, steady
from tests.learners.factories import make_learner, make_user


@pytest.fixture
def worker(client, study):
    client.force_login(study["learner"].user)
    return client


def quiz_answers(quiz, *, right: bool) -> dict:
    first, second = (block.id for block in quiz.questions)
    return {f"q-{first}": ["0"], f"q-{second}": ["0", "2"] if right else ["1"]}


def test_an_enrolled_learner_sees_the_study_panel_with_the_minutes_credited(worker, study):
    session = start(study["learner"], study["video"])
    beat(session, 0, 0, 0)
    steady(session, first_seq=1, first_at=30, count=4, position=30)  # two minutes
    page = worker.get(study["video"].url).content.decode()
    assert "data-study" in page and 'data-credited-seconds="120"' in page
    assert f'data-lesson="{study["video"].pk}"' in page and "js/study.js" in page


def test_a_learner_not_enrolled_is_offered_the_course_instead_of_the_player(client, study):
    client.force_login(study["learner"].user)
    page = client.get(study["other_lesson"].url).content.decode()
    assert "data-study " not in page
    assert f"/study/enrol/{study['other_course'].pk}/" in page


def test_visitors_and_accounts_without_a_learner_record_get_no_player(client, study):
    assert "data-study " not in client.get(study["video"].url).content.decode()
    client.force_login(make_user("editor-1"))
    assert "data-study " not in client.get(study["video"].url).content.decode()


def test_the_course_page_shows_the_learners_progress_or_the_button_to_enrol(worker, study):
    assert "/study/enrol/" not in worker.get(study["course"].url).content.decode()
    other = worker.get(study["other_course"].url).content.decode()
    assert f"/study/enrol/{study['other_course'].pk}/" in other


def test_passing_a_quiz_completes_its_lesson_and_every_attempt_is_kept(worker, study):
    quiz, learner = study["quiz"], study["learner"]
    worker.post(quiz.url, quiz_answers(quiz, right=False))
    assert not LessonProgress.objects.filter(
        learner=learner, lesson=quiz, completed_at__isnull=False
    ).exists()
    worker.post(quiz.url, quiz_answers(quiz, right=True))
    worker.post(quiz.url, quiz_answers(quiz, right=False))  # a later failure does not undo the pass
    assert [a.passed for a in QuizAttempt.objects.order_by("pk")] == [False, True, False]
    assert LessonProgress.objects.get(learner=learner, lesson=quiz).completed_at is not None
    progress = course_progress(learner_ids=[learner.pk], course_ids=[study["course"].pk])
    assert progress[(learner.pk, study["course"].pk)].completed_lessons == 1
    assert study_summaries_rebuild(write=False) == []
    attempt = QuizAttempt.objects.first()
    attempt.passed = True
    with pytest.raises(AppendOnlyError):
        attempt.save()


def test_the_quiz_api_keeps_an_enrolled_learners_attempt(worker, study):
    quiz = study["quiz"]
    first, second = (block.id for block in quiz.questions)
    answers = {"answers": [{"question": first, "options": [0]}, {"question": second, "options": [0, 2]}]}
    response = worker.post(f"/api/v1/quiz-lessons/{quiz.pk}/grade/", answers, content_type="application/json")
    assert response.status_code == 200 and response.json()["passed"] is True
    assert QuizAttempt.objects.get().passed is True


def test_a_quiz_outside_the_learners_courses_is_graded_but_not_kept(client, study):
    stranger = make_learner(name="路人", password="pw")
    client.force_login(stranger.user)
    assert not Enrolment.objects.filter(learner=stranger).exists()
    response = client.post(study["quiz"].url, quiz_answers(study["quiz"], right=True))
    assert response.status_code == 200
    assert not QuizAttempt.objects.exists()
    assert (
        "Add the course to your courses" in response.content.decode() or "加入" in response.content.decode()
    )


def test_a_course_is_complete_when_every_lesson_is(worker, study):
    learner, course = study["learner"], study["course"]
    for lesson, minutes in ((study["video"], 20), (study["reading"], 15)):
        session = start(learner, lesson)
        beat(session, 0, 0, 0)
        steady(
            session,
            first_seq=1,
            first_at=30,
            count=minutes * 2,
            position=30 if lesson == study["video"] else 0,
        )
    assert not course_progress(learner_ids=[learner.pk], course_ids=[course.pk])[
        (learner.pk, course.pk)
    ].complete
    worker.post(study["quiz"].url, quiz_answers(study["quiz"], right=True))
    done = course_progress(learner_ids=[learner.pk], course_ids=[course.pk])[(learner.pk, course.pk)]
    assert done.complete and done.percent == 100
    assert "✓" in worker.get(course.url).content.decode()
