import math

from rest_framework import serializers

from academy.api import MAX_ID
from courses.models import Enrolment, EnrolmentSource, LessonKind

from .models import StudySource
from .services import MAX_PLAYBACK_RATE, MIN_PLAYBACK_RATE


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


# Offline training


class OfflineTrainingCreateSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="The enterprise's id; may be left out by an administrator of one enterprise only.",
    )
    topic = serializers.CharField(max_length=200)
    held_on = serializers.DateField(help_text="The day it was held; not in the future.")
    class_hours = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        coerce_to_string=True,
        help_text='More than 0 and at most 8 class hours (45 minutes each), e.g. `"2.5"`.',
    )
    trainer = serializers.CharField(max_length=100, help_text="The trainer's name.")
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    evidence = serializers.FileField(
        required=False,
        help_text="Scan of the stamped sign-in sheet or training log: PDF, JPEG, PNG or WebP (required).",
    )
    learners = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        max_length=5000,
        required=False,
        help_text="Ids of the attendees (at least one), each engaged with the enterprise on `held_on`.",
    )


class OfflineTrainingWithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why the training is withdrawn.")


class OfflineTrainingWithdrawalSerializer(serializers.Serializer):
    reason = serializers.CharField()
    withdrawn_at = serializers.DateTimeField()


class OfflineAttendeeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    identity_number_masked = serializers.CharField()


class OfflineTrainingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    enterprise = serializers.IntegerField(source="enterprise_id")
    enterprise_name = serializers.CharField(source="enterprise.name")
    topic = serializers.CharField()
    held_on = serializers.DateField()
    class_hours = serializers.DecimalField(max_digits=4, decimal_places=1, coerce_to_string=True)
    trainer = serializers.CharField()
    location = serializers.CharField()
    source = serializers.ChoiceField(
        choices=StudySource.choices, help_text="Always `offline`: class hours declared by the enterprise."
    )
    attendee_count = serializers.IntegerField()
    withdrawn = serializers.BooleanField(
        source="is_withdrawn", help_text="A withdrawn training counts no class hours."
    )
    withdrawal = OfflineTrainingWithdrawalSerializer(allow_null=True, source="withdrawal_or_none")
    recorded_at = serializers.DateTimeField()


class OfflineTrainingDetailSerializer(OfflineTrainingSerializer):
    attendees = OfflineAttendeeSerializer(many=True)


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
