"""Enrolments, study sessions and heartbeats under /api/v1/: thin views over `courses.enrolments.services` and
`credits.study.services`. The heartbeat protocol is described in the README ("The study heartbeat protocol")
and in the heartbeat operation's description below.

Only a signed-in person with a learner record studies; a session or enrolment of someone else is a 404.
"""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser
from rest_framework.response import Response

from academy.api import ERROR_SERIALIZER, ID_REGEX, refusal
from courses.enrolments import services as course_services
from courses.enrolments.selectors import enrolment_active, enrolment_list
from courses.models import CoursePage, LessonPage
from credits.api import HasLearner
from credits.errors import ErrorCode, StudyError
from credits.study import services
from credits.study.models import LessonProgress
from credits.study.selectors import course_lesson_rows, course_progress
from credits.study.serializers import (
    EnrolmentCreateSerializer,
    EnrolmentProgressSerializer,
    EnrolmentSerializer,
    HeartbeatResultSerializer,
    HeartbeatSerializer,
    PresenceSerializer,
    StudySessionCreateSerializer,
    StudySessionSerializer,
)
from learners.access import viewer_scope

# The HTTP status of each refusal of the study services.
REFUSAL_STATUS = {
    StudyError.SUPERSEDED: status.HTTP_409_CONFLICT,
    StudyError.STALE_SEQUENCE: status.HTTP_409_CONFLICT,
    StudyError.NOT_YOUR_SESSION: status.HTTP_404_NOT_FOUND,
    StudyError.NOT_ENROLLED: status.HTTP_403_FORBIDDEN,
}


def learner_id_of(request) -> int:
    return viewer_scope(request.user).learner_id


class StudyViewSet(viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated, HasLearner]
    parser_classes = [JSONParser]
    lookup_value_regex = ID_REGEX


class EnrolmentViewSet(StudyViewSet, mixins.ListModelMixin):
    """The signed-in learner's courses ("我的课程")."""

    serializer_class = EnrolmentSerializer

    def get_queryset(self):
        return enrolment_list(learner=learner_id_of(self.request))

    @extend_schema(
        request=EnrolmentCreateSerializer,
        responses={200: EnrolmentSerializer, 201: EnrolmentSerializer},
        description="Add a live course to your courses as self-selected. Idempotent: if you are already "
        "enrolled the existing enrolment comes back with 200. 400 `course_not_found` for no such live course.",
    )
    def create(self, request):
        data = EnrolmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        course = CoursePage.objects.live().filter(pk=data.validated_data["course"]).first()
        if course is None:
            raise refusal(DjangoValidationError(_("No such course."), code=ErrorCode.COURSE_NOT_FOUND))
        learner_id = learner_id_of(request)
        existing = enrolment_active(learner=learner_id, course=course)
        if existing is not None:
            return Response(EnrolmentSerializer(existing).data)
        enrolment = course_services.enrolment_create(learner=request.user.learner, course=course)
        return Response(EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={200: EnrolmentProgressSerializer},
        description="Your progress on the enrolment's course: each live lesson in study order with the seconds "
        "credited and whether it is complete; the course is complete when every lesson is.",
    )
    @action(detail=True, methods=["get"])
    def progress(self, request, pk=None):
        enrolment = self.get_queryset().filter(pk=pk).first()
        if enrolment is None:
            raise NotFound()
        learner_id = learner_id_of(request)
        course = enrolment.course
        body = {
            "progress": course_progress(learner_ids=[learner_id], course_ids=[course.pk])[
                (learner_id, course.pk)
            ],
            "lessons": course_lesson_rows(learner_id=learner_id, course=course),
        }
        return Response(EnrolmentProgressSerializer(body).data)

    @extend_schema(
        responses={204: None},
        description="Drop a self-selected course. 400 `assigned_enrolment` for a course your enterprise "
        "assigned; 404 for an enrolment that is not yours or already dropped.",
    )
    def destroy(self, request, pk=None):
        enrolment = self.get_queryset().filter(pk=pk).first()
        if enrolment is None:
            raise NotFound()
        try:
            course_services.enrolment_drop(enrolment=enrolment)
        except DjangoValidationError as error:
            raise refusal(error, statuses=REFUSAL_STATUS) from None
        return Response(status=status.HTTP_204_NO_CONTENT)


HEARTBEAT_PROTOCOL = """Report that a study session is still studying; the server decides what to credit.

Send one heartbeat about every `heartbeat_seconds` (from the session) while the lesson is open, with `seq`
increasing by one each time, and again when playback pauses or the page is hidden or shown. The server
credits the time on its own clock between two accepted heartbeats of the session, only when both say
`playing` and `visible`, never for a gap longer than the interval plus a grace, never at more than 1× for
faster playback, never for seeking ahead of the furthest point watched, and never beyond the lesson's
minutes or the day's online limit. The first heartbeat of a session starts the clock (`reason: started`).

On long lessons the answer may say `presence_check: true`: a "still there?" check is due. Ask the learner
and POST to `/api/v1/study-sessions/{id}/presence/` when they answer. Unanswered for
`ACADEMY_PRESENCE_CHECK_ANSWER_SECONDS` (60), heartbeats credit nothing (`reason: presence_unconfirmed`);
after a late answer crediting starts again from the next heartbeat.

Retry a heartbeat that got no answer with the same `seq`: it is answered with the current totals and
credits nothing again (`reason: replayed`). Errors: 409 `superseded` (another session of yours took over:
stop sending and say so), 409 `stale_sequence` (`seq` lower than the last accepted), 404
`not_your_session`, 400 `invalid` (a field out of range), 415 for a body that is not JSON.
Any client timestamp is ignored."""


class StudySessionViewSet(StudyViewSet):
    serializer_class = StudySessionCreateSerializer

    def get_queryset(self):  # for the schema only; the services look up sessions
        return LessonProgress.objects.none()

    @extend_schema(
        request=StudySessionCreateSerializer,
        responses={201: StudySessionSerializer},
        description="Start studying a video or reading lesson of a course you are enrolled in. Any other "
        "active session of yours is superseded (its heartbeats get 409 `superseded`). 400 "
        "`lesson_not_found` or `not_timed_lesson` (a quiz); 403 `not_enrolled`.",
    )
    def create(self, request):
        data = StudySessionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        lesson = LessonPage.objects.live().filter(pk=data.validated_data["lesson"]).first()
        if lesson is None:
            raise refusal(DjangoValidationError(_("No such lesson."), code=ErrorCode.LESSON_NOT_FOUND))
        try:
            session = services.study_session_start(learner=request.user.learner, lesson=lesson)
        except DjangoValidationError as error:
            raise refusal(error, statuses=REFUSAL_STATUS) from None
        progress = session.progress
        body = {
            "id": session.pk,
            "heartbeat_seconds": settings.ACADEMY_HEARTBEAT_SECONDS,
            "lesson_seconds": lesson.minutes * 60,
            "credited_seconds": progress.credited_seconds,
            "furthest_position_seconds": progress.furthest_position_seconds,
            "resume_seconds": session.last_position_seconds,
        }
        return Response(StudySessionSerializer(body).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=HeartbeatSerializer,
        responses={200: HeartbeatResultSerializer, 409: ERROR_SERIALIZER},
        description=HEARTBEAT_PROTOCOL,
    )
    # The hot path: whose session it is is checked by the service's own query (by the signed-in user), so
    # the learner lookup of `HasLearner` is not needed here; someone without a learner record has no
    # sessions and gets `not_your_session`.
    @action(detail=True, methods=["post"], permission_classes=[permissions.IsAuthenticated])
    def heartbeats(self, request, pk=None):
        beat = HeartbeatSerializer(data=request.data)
        beat.is_valid(raise_exception=True)
        try:
            result = services.heartbeat_record(
                session_id=int(pk), user_id=request.user.pk, **beat.validated_data
            )
        except DjangoValidationError as error:
            raise refusal(error, statuses=REFUSAL_STATUS) from None
        return Response(HeartbeatResultSerializer(result).data)

    @extend_schema(
        request=None,
        responses={200: PresenceSerializer, 409: ERROR_SERIALIZER},
        description='Answer a "still there?" check of the session (see the heartbeat protocol). Answering '
        "when nothing was asked changes nothing. 409 `superseded`; 404 `not_your_session`.",
    )
    @action(detail=True, methods=["post"])
    def presence(self, request, pk=None):
        try:
            services.presence_confirm(session_id=int(pk), learner_id=learner_id_of(request))
        except DjangoValidationError as error:
            raise refusal(error, statuses=REFUSAL_STATUS) from None
        return Response(PresenceSerializer({"presence_check": False}).data)
