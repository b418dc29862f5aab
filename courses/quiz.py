"""Quiz grading: pure rules over plain values, so they can be tested exhaustively.

A question is answered correctly when the chosen options are exactly its correct
options; an unanswered question is wrong. The score is the share of questions
answered correctly, in whole percent rounded down, so a pass is never rounded up.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Question:
    id: str
    option_count: int
    correct_options: frozenset[int]


@dataclass(frozen=True)
class QuizResult:
    question_count: int
    correct_question_ids: frozenset[str]
    score_percent: int
    pass_mark_percent: int

    @property
    def passed(self) -> bool:
        return self.score_percent >= self.pass_mark_percent

    @property
    def correct_count(self) -> int:
        return len(self.correct_question_ids)


class QuizAnswerError(Exception):
    UNKNOWN_QUESTION = "unknown_question"
    UNKNOWN_OPTION = "unknown_option"
    DUPLICATE_QUESTION = "duplicate_question"

    def __init__(self, *, code: str, question_id: str, message: str):
        super().__init__(message)
        self.code = code
        self.question_id = question_id
        self.message = message


def quiz_grade(
    *,
    questions: list[Question],
    answers: Mapping[str, Collection[int]],
    pass_mark_percent: int,
) -> QuizResult:
    by_id = {question.id: question for question in questions}
    for question_id, options in answers.items():
        question = by_id.get(question_id)
        if question is None:
            raise QuizAnswerError(
                code=QuizAnswerError.UNKNOWN_QUESTION,
                question_id=question_id,
                message=_("This quiz has no question %(id)s.") % {"id": question_id},
            )
        if any(not 0 <= option < question.option_count for option in options):
            raise QuizAnswerError(
                code=QuizAnswerError.UNKNOWN_OPTION,
                question_id=question_id,
                message=_("Question %(id)s has no such option.") % {"id": question_id},
            )
    correct = frozenset(
        question.id
        for question in questions
        if frozenset(answers.get(question.id, ())) == question.correct_options
    )
    score = (100 * len(correct)) // len(questions) if questions else 0
    return QuizResult(
        question_count=len(questions),
        correct_question_ids=correct,
        score_percent=score,
        pass_mark_percent=pass_mark_percent,
    )


def answers_from_pairs(pairs: Iterable[tuple[str, list[int]]]) -> dict[str, list[int]]:
    """Answers sent as (question, options) pairs; a question answered twice is refused, not merged."""
    answers = {}
    for question_id, options in pairs:
        if question_id in answers:
            raise QuizAnswerError(
                code=QuizAnswerError.DUPLICATE_QUESTION,
                question_id=question_id,
                message=_("Each question may appear only once in the answers."),
            )
        answers[question_id] = options
    return answers


def answers_from_post(data, questions: list[Question]) -> dict[str, list[int]]:
    """Read a quiz form: each question's chosen options are posted as `q-<id>`."""
    answers = {}
    for question in questions:
        values = data.getlist(f"q-{question.id}")
        answers[question.id] = [int(value) if value.isdigit() else -1 for value in values]
    return answers
