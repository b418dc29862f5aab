"""The catalogue through the API: thin views over the selectors."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from academy.api import ID_REGEX
from courses.filters import CourseApiFilterSet
from courses.models import QuizLessonPage
from courses.quiz import QuizAnswerError, answers_from_pairs, quiz_grade
from courses.registry import study_progress
from courses.selectors import attach_card_details, course_detail_lessons, course_list, with_card_data
from courses.serializers import (
    CourseDetailSerializer,
    CourseSerializer,
    QuizGradeInputSerializer,
    QuizGradeOutputSerializer,
)
from learners.access import viewer_scope


class CourseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The course supermarket: every live course, with the supermarket's filters."""

    permission_classes = [permissions.AllowAny]
    lookup_value_regex = ID_REGEX
    filterset_class = CourseApiFilterSet
    serializer_class = CourseSerializer

    def get_queryset(self):
        return with_card_data(course_list()).prefetch_related("specialties", "positions")

    def get_serializer_class(self):
        return CourseDetailSerializer if self.action == "retrieve" else CourseSerializer

    def paginate_queryset(self, queryset):
        return attach_card_details(list(super().paginate_queryset(queryset)))

    def get_object(self):
        course = super().get_object()
        attach_card_details([course])
        course.lesson_list = course_detail_lessons(course=course)
        return course


class QuizLessonViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.AllowAny]
    lookup_value_regex = ID_REGEX
    queryset = QuizLessonPage.objects.live()
    serializer_class = QuizGradeInputSerializer

    @extend_schema(
        request=QuizGradeInputSerializer,
        responses={200: QuizGradeOutputSerializer},
        description="Grade answers to a quiz. Signed in as a learner enrolled in the quiz's course, the attempt "
        "is kept and a pass completes the quiz lesson. 400 `code`: `invalid`, `duplicate_question`, "
        "`unknown_question` or `unknown_option`.",
    )
    @action(detail=True, methods=["post"])
    def grade(self, request, pk=None):
        """Grade answers to a quiz lesson on the server; correct answers never leave it."""
        quiz = get_object_or_404(self.get_queryset(), pk=pk)
        answers_in = QuizGradeInputSerializer(data=request.data)
        answers_in.is_valid(raise_exception=True)
        pairs = [(answer["question"], answer["options"]) for answer in answers_in.validated_data["answers"]]
        try:
            result = quiz_grade(
                questions=quiz.get_questions(),
                answers=answers_from_pairs(pairs),
                pass_mark_percent=quiz.pass_mark_percent,
            )
        except QuizAnswerError as error:
            return Response(
                {"code": error.code, "detail": error.message, "question": error.question_id},
                status=status.HTTP_400_BAD_REQUEST,
            )
        learner_id = viewer_scope(request.user).learner_id
        if learner_id is not None:
            study_progress().quiz_attempt_record(learner=request.user.learner, quiz=quiz, result=result)
        return Response(QuizGradeOutputSerializer(result).data)
