import pytest
from bs4 import BeautifulSoup

from courses.quiz import Question, QuizAnswerError, quiz_grade
from tests.courses.factories import add_quiz_lesson, make_course

QUESTIONS = [
    Question(id="q1", option_count=2, correct_options=frozenset({0})),
    Question(id="q2", option_count=3, correct_options=frozenset({0, 2})),
]


def test_all_correct_answers_score_100_and_pass():
    result = quiz_grade(questions=QUESTIONS, answers={"q1": [0], "q2": [2, 0]}, pass_mark_percent=60)
    assert (result.score_percent, result.passed, result.correct_count) == (100, True, 2)


def test_a_partly_right_multiple_choice_answer_is_wrong():
    result = quiz_grade(questions=QUESTIONS, answers={"q1": [0], "q2": [0]}, pass_mark_percent=60)
    assert result.correct_question_ids == frozenset({"q1"})
    assert (result.score_percent, result.passed) == (50, False)


def test_an_extra_option_makes_an_answer_wrong():
    result = quiz_grade(questions=QUESTIONS, answers={"q1": [0, 1]}, pass_mark_percent=50)
    assert result.correct_count == 0


def test_unanswered_questions_count_as_wrong():
    result = quiz_grade(questions=QUESTIONS, answers={}, pass_mark_percent=1)
    assert (result.score_percent, result.passed) == (0, False)


def test_the_score_is_rounded_down_so_a_pass_is_never_rounded_up():
    three = [Question(id=f"q{i}", option_count=2, correct_options=frozenset({1})) for i in range(3)]
    result = quiz_grade(questions=three, answers={"q0": [1], "q1": [1]}, pass_mark_percent=67)
    assert result.score_percent == 66
    assert not result.passed


def test_the_pass_mark_itself_passes():
    result = quiz_grade(questions=QUESTIONS, answers={"q1": [0]}, pass_mark_percent=50)
    assert result.passed


def test_an_answer_to_a_missing_question_is_refused():
    with pytest.raises(QuizAnswerError) as error:
        quiz_grade(questions=QUESTIONS, answers={"q9": [0]}, pass_mark_percent=60)
    assert error.value.code == QuizAnswerError.UNKNOWN_QUESTION


def test_an_option_that_does_not_exist_is_refused():
    with pytest.raises(QuizAnswerError) as error:
        quiz_grade(questions=QUESTIONS, answers={"q1": [2]}, pass_mark_percent=60)
    assert error.value.code == QuizAnswerError.UNKNOWN_OPTION


@pytest.fixture
def quiz(academy):
    return add_quiz_lesson(make_course(academy.sub_colleges["chemicals"]), pass_mark_percent=100)


def grade_url(quiz) -> str:
    return f"/api/v1/quiz-lessons/{quiz.pk}/grade/"


def question_ids(quiz) -> list[str]:
    return [block.id for block in quiz.questions]


@pytest.mark.django_db
def test_the_api_grades_answers_on_the_server(client, quiz):
    first, second = question_ids(quiz)
    answers = [{"question": first, "options": [0]}, {"question": second, "options": [0, 2]}]
    response = client.post(grade_url(quiz), {"answers": answers}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() | {"correct_questions": None} == {
        "question_count": 2,
        "correct_count": 2,
        "correct_questions": None,
        "score_percent": 100,
        "pass_mark_percent": 100,
        "passed": True,
    }


@pytest.mark.django_db
def test_the_api_refuses_an_answer_to_a_missing_question_with_a_400(client, quiz):
    response = client.post(
        grade_url(quiz),
        {"answers": [{"question": "no-such-question", "options": [0]}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == QuizAnswerError.UNKNOWN_QUESTION


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"answers": [{"question": "x", "options": [-1]}]},
        {"answers": "everything"},
        {},
    ],
)
def test_the_api_refuses_malformed_answers_with_a_400(client, quiz, body):
    response = client.post(grade_url(quiz), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


@pytest.mark.django_db
def test_the_api_refuses_a_body_that_is_not_json(client, quiz):
    response = client.post(grade_url(quiz), "answers=1", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_same_question_answered_twice_is_a_400(client, quiz):
    first, _ = question_ids(quiz)
    answers = [{"question": first, "options": [0]}, {"question": first, "options": [1]}]
    response = client.post(grade_url(quiz), {"answers": answers}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "duplicate_question"


@pytest.mark.django_db
def test_grading_a_lesson_that_is_not_a_quiz_is_a_404(client, academy):
    course = make_course(academy.sub_colleges["coal"])
    response = client.post(
        f"/api/v1/quiz-lessons/{course.pk}/grade/", {"answers": []}, content_type="application/json"
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_the_quiz_page_grades_the_submitted_form(client, quiz):
    first, second = question_ids(quiz)
    page = client.get(quiz.url)
    assert page.status_code == 200
    assert "correct" not in BeautifulSoup(page.content, "html.parser").select_one("form.quiz").decode()
    response = client.post(quiz.url, {f"q-{first}": ["0"], f"q-{second}": ["0"]})
    assert response.status_code == 200
    result = BeautifulSoup(response.content, "html.parser").select_one(".quiz-result")
    assert "quiz-result--failed" in result["class"]
    response = client.post(quiz.url, {f"q-{first}": ["0"], f"q-{second}": ["0", "2"]})
    assert (
        "quiz-result--passed"
        in BeautifulSoup(response.content, "html.parser").select_one(".quiz-result")["class"]
    )


@pytest.mark.django_db
def test_the_quiz_page_refuses_an_option_that_does_not_exist(client, quiz):
    first, _ = question_ids(quiz)
    assert client.post(quiz.url, {f"q-{first}": ["7"]}).status_code == 400
