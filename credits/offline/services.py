"""Writes for offline training (线下培训): an enterprise declares a session it held, with its evidence,
and the class hours land in each attendee's file as source `offline`, enterprise-declared.

Hours are legal status, so nothing here edits or deletes: a mistaken record is withdrawn (a new row)
and, if need be, recorded again. Each function is one transaction that validates everything before
writing; the evidence file is removed again from storage when the write fails after saving it.
Who may call these (an administrator of the enterprise) is checked by the views and the API.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from credits.bank.services import bank_entries_for_offline_training, bank_entries_reverse_offline_training
from credits.errors import OfflineError
from credits.offline.models import (
    OFFLINE_TRAINING_MAX_CLASS_HOURS,
    OfflineAttendance,
    OfflineTraining,
    OfflineTrainingWithdrawal,
)
from learners.models import Engagement, Enterprise, Learner
from learners.uploads import check_evidence_file

# The names of people not on the roster that a refusal lists before saying "and N more".
MAX_NAMED_IN_REFUSAL = 20


def _error(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _check_class_hours(class_hours) -> list[ValidationError]:
    try:
        value = Decimal(class_hours)
    except (InvalidOperation, TypeError, ValueError):
        value = None
    if value is None or not value.is_finite() or value <= 0 or value > OFFLINE_TRAINING_MAX_CLASS_HOURS:
        return [
            _error(
                _("Class hours must be more than 0 and at most %(max)s for one session.")
                % {"max": OFFLINE_TRAINING_MAX_CLASS_HOURS},
                OfflineError.CLASS_HOURS_OUT_OF_RANGE,
            )
        ]
    if value != value.quantize(Decimal("0.1")):
        return [
            _error(_("Give class hours to one decimal place at most."), OfflineError.CLASS_HOURS_OUT_OF_RANGE)
        ]
    return []


def _check_attendees(*, enterprise: Enterprise, held_on: datetime.date, learner_ids: list[int]):
    """Everyone must be engaged with this enterprise on the day: it can only declare its own people.

    Two queries whatever the number of people. Only people the enterprise has ever engaged are named
    (it sees them anyway); any other id is counted, never named, so ids reveal nobody.
    """
    on_roster = set(
        Engagement.objects.current(held_on)
        .filter(enterprise=enterprise, learner_id__in=learner_ids)
        .values_list("learner_id", flat=True)
    )
    missing = [pk for pk in learner_ids if pk not in on_roster]
    if not missing:
        return []
    known = list(
        Learner.objects.filter(pk__in=missing, engagements__enterprise=enterprise)
        .distinct()
        .order_by("name", "pk")
        .values_list("name", flat=True)
    )
    unknown = len(missing) - len(known)
    parts = []
    if known:
        names = _(", ").join(known[:MAX_NAMED_IN_REFUSAL])
        if len(known) > MAX_NAMED_IN_REFUSAL:
            names += " " + _("and %(count)s more") % {"count": len(known) - MAX_NAMED_IN_REFUSAL}
        parts.append(
            _("Not engaged with %(enterprise)s on %(date)s: %(names)s.")
            % {"enterprise": enterprise.name, "date": held_on.isoformat(), "names": names}
        )
    if unknown:
        parts.append(
            ngettext(
                "%(count)s chosen person is not one of %(enterprise)s's people.",
                "%(count)s chosen people are not %(enterprise)s's people.",
                unknown,
            )
            % {"count": unknown, "enterprise": enterprise.name}
        )
    return [_error(" ".join(parts), OfflineError.NOT_ON_ROSTER)]


def _unique(ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(int(pk) for pk in ids))


@transaction.atomic
def offline_training_record(
    *,
    enterprise: Enterprise,
    recorded_by,
    topic: str,
    held_on: datetime.date,
    class_hours: Decimal | str,
    trainer: str,
    location: str = "",
    evidence: UploadedFile | None,
    learner_ids: Iterable[int],
) -> OfflineTraining:
    """Record a session `enterprise` held, all or nothing; refusals are a ValidationError per field."""
    topic, trainer, location = topic.strip(), trainer.strip(), (location or "").strip()
    learner_ids = _unique(learner_ids)
    errors: dict[str, list[ValidationError]] = {}
    if not topic:
        errors["topic"] = [_error(_("Give the training's topic."), OfflineError.REQUIRED)]
    if not trainer:
        errors["trainer"] = [_error(_("Give the trainer's name."), OfflineError.REQUIRED)]
    if held_on > timezone.localdate():
        errors["held_on"] = [
            _error(_("A training cannot be recorded before it is held."), OfflineError.HELD_IN_FUTURE)
        ]
    if hours_errors := _check_class_hours(class_hours):
        errors["class_hours"] = hours_errors
    if evidence is None:
        errors["evidence"] = [
            _error(
                _("Attach a scan of the stamped sign-in sheet or training log."),
                OfflineError.EVIDENCE_REQUIRED,
            )
        ]
    else:
        try:
            check_evidence_file(evidence)
        except ValidationError as error:
            errors["evidence"] = error.error_list
    if not learner_ids:
        errors["learners"] = [_error(_("Choose at least one attendee."), OfflineError.NO_ATTENDEES)]
    elif "held_on" not in errors and (
        roster_errors := _check_attendees(enterprise=enterprise, held_on=held_on, learner_ids=learner_ids)
    ):
        errors["learners"] = roster_errors
    training = OfflineTraining(
        enterprise=enterprise,
        topic=topic,
        held_on=held_on,
        class_hours=Decimal(class_hours) if "class_hours" not in errors else None,
        trainer=trainer,
        location=location,
        recorded_by=recorded_by,
    )
    if not errors:
        # Lengths and the like, which forms and serializers usually catch first.
        try:
            training.clean_fields(exclude=["evidence", "enterprise", "recorded_by"])
        except ValidationError as error:
            errors.update(error.error_dict)
    if errors:
        raise ValidationError(errors)

    training.evidence.save(evidence.name, evidence, save=False)
    try:
        training.save()
        OfflineAttendance.objects.bulk_create(
            [OfflineAttendance(training=training, learner_id=pk) for pk in learner_ids], batch_size=500
        )
        bank_entries_for_offline_training(training=training)
    except BaseException:
        # The rows roll back with the transaction; the file does not, so it goes explicitly.
        training.evidence.storage.delete(training.evidence.name)
        raise
    return training


@transaction.atomic
def offline_training_withdraw(*, training: OfflineTraining, by, reason: str) -> OfflineTrainingWithdrawal:
    """Withdraw a training recorded by mistake: its hours no longer count, and it stays on record."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": [_error(_("Say why the training is withdrawn."), OfflineError.REASON_REQUIRED)]}
        )
    # Two administrators withdrawing at once: the row lock makes the second see the first's withdrawal.
    training = OfflineTraining.objects.select_for_update().get(pk=training.pk)
    already = _error(_("This training has already been withdrawn."), OfflineError.ALREADY_WITHDRAWN)
    if OfflineTrainingWithdrawal.objects.filter(training=training).exists():
        raise already
    withdrawal = OfflineTrainingWithdrawal(training=training, reason=reason, withdrawn_by=by)
    try:
        withdrawal.clean_fields(exclude=["training", "withdrawn_by"])
    except ValidationError as error:
        raise ValidationError(error.error_dict) from None
    try:
        with transaction.atomic():
            withdrawal.save()
    except IntegrityError:
        raise already from None
    bank_entries_reverse_offline_training(withdrawal=withdrawal)
    return withdrawal
