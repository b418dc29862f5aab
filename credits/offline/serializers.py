"""The offline-training API's shapes; the rules are in `credits.offline.services`."""

from rest_framework import serializers

from academy.api import MAX_ID
from credits.offline.models import OFFLINE_TRAINING_MAX_CLASS_HOURS
from credits.rules.conversion import DEFAULT_STANDARD
from credits.study.models import StudySource


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
        help_text=f"More than 0 and at most {OFFLINE_TRAINING_MAX_CLASS_HOURS.normalize()} class hours "
        f'({DEFAULT_STANDARD.minutes_per_class_hour} minutes each), e.g. `"2.5"`.',
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
