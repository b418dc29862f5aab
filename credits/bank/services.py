"""Writes of the credit bank (学分银行): the ledger entries for offline training, accepted recognitions
and corrections. Online study needs no entry here: its ledger is the study record, and the per-day
summary (`DailyStudy`) carries its class hours and credits.

Every entry is converted under the standard in force on the day the hours were earned. Nothing is
edited: a correction is a new entry with the opposite sign, a reason and who made it.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from credits.bank.models import BankEntry
from credits.errors import BankError
from credits.offline.models import OfflineAttendance, OfflineTraining, OfflineTrainingWithdrawal
from credits.recognition.models import RecognitionDecision
from credits.rules.conversion import (
    credits_for,
    offline_class_hours,
    recognised_class_hours,
    round_class_hours,
)
from credits.rules.standard import standard_in_force
from credits.study.models import StudySource
from learners.models import Learner


def bank_entries_for_offline_training(*, training: OfflineTraining) -> list[BankEntry]:
    """One entry per attendee of a newly recorded training (called inside its transaction)."""
    standard = standard_in_force(training.held_on)
    hours = offline_class_hours(training.class_hours, standard)
    credits = credits_for(hours, standard)
    attendances = OfflineAttendance.objects.filter(training=training).values_list("pk", "learner_id")
    return BankEntry.objects.bulk_create(
        [
            BankEntry(
                learner_id=learner_id,
                earned_on=training.held_on,
                source=StudySource.OFFLINE,
                class_hours=hours,
                credits=credits,
                offline_attendance_id=attendance_id,
                created_by=training.recorded_by,
                created_at=training.recorded_at,
            )
            for attendance_id, learner_id in attendances
        ],
        batch_size=500,
    )


def bank_entries_reverse_offline_training(*, withdrawal: OfflineTrainingWithdrawal) -> list[BankEntry]:
    """Reverse every attendee's entry of a withdrawn training (called inside the withdrawal's transaction)."""
    entries = BankEntry.objects.filter(
        offline_attendance__training_id=withdrawal.training_id,
        reverses__isnull=True,
        reversed_by__isnull=True,
    )
    return BankEntry.objects.bulk_create(
        [
            _reversal(entry, by=withdrawal.withdrawn_by, reason=withdrawal.reason, at=withdrawal.withdrawn_at)
            for entry in entries
        ],
        batch_size=500,
    )


def bank_entry_for_recognition(*, decision: RecognitionDecision) -> BankEntry:
    """The entry of an accepted recognition, earned on the day the outside learning was completed."""
    recognition = decision.recognition
    standard = standard_in_force(recognition.completed_on)
    hours = recognised_class_hours(decision.class_hours_granted, standard)
    return BankEntry.objects.create(
        learner_id=recognition.learner_id,
        earned_on=recognition.completed_on,
        source=StudySource.RECOGNISED,
        class_hours=hours,
        credits=credits_for(hours, standard),
        recognition=recognition,
        reason=decision.reason,
        created_by=decision.decided_by,
        created_at=decision.decided_at,
    )


def _reversal(entry: BankEntry, *, by, reason: str, at: datetime.datetime | None = None) -> BankEntry:
    values = {"created_at": at} if at else {}
    return BankEntry(
        learner_id=entry.learner_id,
        earned_on=entry.earned_on,
        source=entry.source,
        class_hours=-entry.class_hours,
        credits=-entry.credits,
        offline_attendance_id=entry.offline_attendance_id,
        recognition_id=entry.recognition_id,
        reverses=entry,
        reason=reason,
        created_by=by,
        **values,
    )


@transaction.atomic
def bank_entry_reverse(*, entry: BankEntry, by, reason: str) -> BankEntry:
    """Correct an entry by reversing it in full. A reversal is final: it is never itself reversed (record
    the hours again instead), and an entry is reversed once."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the entry is reversed."), code=BankError.REASON_REQUIRED)
    entry = BankEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.reverses_id is not None:
        raise ValidationError(
            _("A reversal cannot be reversed; record the hours again as a new entry."),
            code=BankError.REVERSAL_OF_REVERSAL,
        )
    if BankEntry.objects.filter(reverses=entry).exists():
        raise ValidationError(_("This entry has already been reversed."), code=BankError.ALREADY_REVERSED)
    try:
        with transaction.atomic():
            reversal = _reversal(entry, by=by, reason=reason)
            reversal.save()
    except IntegrityError:
        raise ValidationError(
            _("This entry has already been reversed."), code=BankError.ALREADY_REVERSED
        ) from None
    return reversal


@transaction.atomic
def bank_entry_correct(
    *, learner: Learner, earned_on: datetime.date, source: str, class_hours: Decimal, by, reason: str
) -> BankEntry:
    """A correction not tied to one entry (say, online hours found to be fraudulent): class hours to add
    (positive) or take away (negative) on a day, under that day's standard, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the correction is made."), code=BankError.REASON_REQUIRED)
    class_hours = round_class_hours(Decimal(class_hours))
    if not class_hours:
        raise ValidationError(_("A correction must change the class hours."), code=BankError.ZERO)
    standard = standard_in_force(earned_on)
    return BankEntry.objects.create(
        learner=learner,
        earned_on=earned_on,
        source=source,
        class_hours=class_hours,
        credits=credits_for(class_hours, standard),
        reason=reason,
        created_by=by,
    )
