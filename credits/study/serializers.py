"""The study API's shapes (enrolments, study sessions, heartbeats, progress); the rules are in
`credits.study.services`."""

import math

from rest_framework import serializers

from academy.api import MAX_ID
from courses.enrolments.models import Enrolment, EnrolmentSource
from courses.models import LessonKind
from credits.study.services import MAX_PLAYBACK_RATE, MIN_PLAYBACK_RATE


def _finite(value: float) -> None:
    if not math.isfinite(value):
        raise serializers.ValidationError("A finite number is required.")


class EnrolmentCreateSerializer(serializers.Serializer):
    course = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="The course's id.")


class EnrolmentSerializer(serializers.ModelSerializer):
    course = serializers.IntegerField(source="course_id")
    course_title = serializers.CharField(source="course.title")
    source = serializers.ChoiceField(choices=EnrolmentSource.choices)
    assignment = serializers.IntegerField(
        source="assignment_id", allow_null=True, read_only=True, help_text="The assignment, if assigned."
    )
    due_on = serializers.DateField(
        source="assignment.due_on", allow_null=True, read_only=True, default=None, help_text="Its due date."
    )

    class Meta:
        model = Enrolment
        fields = ["id", "course", "course_title", "source", "assignment", "due_on", "created_at"]


class StudySessionCreateSerializer(serializers.Serializer):
    lesson = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="The lesson's id.")


class StudySessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    heartbeat_seconds = serializers.IntegerField(help_text="Send a heartbeat about this often.")
    lesson_seconds = serializers.IntegerField(help_text="The lesson's declared study time.")
    credited_seconds = serializers.IntegerField(help_text="Already credited to you on this lesson.")
    furthest_position_seconds = serializers.FloatField(help_text="The furthest point watched so far.")
    resume_seconds = serializers.FloatField(
        help_text="Where the learner stopped last time, on any device: start the player here."
    )


class HeartbeatSerializer(serializers.Serializer):
    seq = serializers.IntegerField(
        min_value=0, max_value=2**31 - 1, help_text="Increases with every new heartbeat of the session."
    )
    position_seconds = serializers.FloatField(
        min_value=0, max_value=24 * 3600, validators=[_finite], help_text="The player's position."
    )
    playing = serializers.BooleanField(help_text="The video is playing (a reading page: open).")
    visible = serializers.BooleanField(help_text="The page is in front (document.visibilityState).")
    playback_rate = serializers.FloatField(
        min_value=MIN_PLAYBACK_RATE, max_value=MAX_PLAYBACK_RATE, validators=[_finite]
    )


class HeartbeatResultSerializer(serializers.Serializer):
    credited_seconds = serializers.IntegerField(help_text="Your credited total on this lesson.")
    lesson_seconds = serializers.IntegerField()
    lesson_complete = serializers.BooleanField()
    credited_now = serializers.IntegerField(help_text="What this heartbeat earned.")
    reason = serializers.CharField(help_text="Why it earned what it did, e.g. `credited`, `paused`, `gap`.")
    presence_check = serializers.BooleanField(
        help_text='A "still there?" check is due: ask the learner and POST to the session\'s `presence/`.'
    )


class PresenceSerializer(serializers.Serializer):
    presence_check = serializers.BooleanField(help_text="Still a check pending (false once answered).")


class LessonProgressSerializer(serializers.Serializer):
    lesson = serializers.IntegerField(source="lesson_id")
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=LessonKind.choices)
    lesson_seconds = serializers.IntegerField(help_text="The study time the lesson declares.")
    credited_seconds = serializers.IntegerField(help_text="Credited to you so far.")
    complete = serializers.BooleanField()


class EnrolmentProgressSerializer(serializers.Serializer):
    course = serializers.IntegerField(source="progress.course_id")
    lesson_count = serializers.IntegerField(source="progress.lesson_count")
    completed_lessons = serializers.IntegerField(source="progress.completed_lessons")
    credited_seconds = serializers.IntegerField(source="progress.credited_seconds")
    lesson_seconds = serializers.IntegerField(source="progress.lesson_seconds")
    complete = serializers.BooleanField(source="progress.complete")
    lessons = LessonProgressSerializer(many=True)
