"""Writes of the catalogue's study side: enrolments. One transaction each."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from learners.models import Learner

from .models import CoursePage, Enrolment, EnrolmentSource


class ErrorCode:
    ASSIGNED_ENROLMENT = "assigned_enrolment"
    ALREADY_DROPPED = "already_dropped"


def enrolment_create(*, learner: Learner, course: CoursePage) -> Enrolment:
    """Put `course` on the learner's list as self-selected; idempotent: an active enrolment is returned
    as it is (whatever its source)."""
    existing = Enrolment.objects.filter(learner=learner, course=course, dropped_at__isnull=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Enrolment.objects.create(
                learner=learner, course=course, source=EnrolmentSource.SELF_SELECTED
            )
    except IntegrityError:
        # A concurrent request enrolled first: the unique active enrolment is the answer.
        return Enrolment.objects.get(learner=learner, course=course, dropped_at__isnull=True)


@transaction.atomic
def enrolment_drop(*, enrolment: Enrolment) -> Enrolment:
    """Drop a self-selected course; an assigned one stays until the enterprise withdraws it."""
    if enrolment.source != EnrolmentSource.SELF_SELECTED:
        raise ValidationError(_("An assigned course cannot be dropped."), code=ErrorCode.ASSIGNED_ENROLMENT)
    updated = Enrolment.objects.filter(pk=enrolment.pk, dropped_at__isnull=True).update(
        dropped_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This course was already dropped."), code=ErrorCode.ALREADY_DROPPED)
    enrolment.refresh_from_db(fields=["dropped_at"])
    return enrolment
