"""The training requirements as stored: versions by (code, industry, effective day), and how a version of
a versioned rule (a requirement, or the conversion standard) stands today.

Like the conversion standard (`credits.rules.standard`), a requirement version that has taken effect is never
changed or deleted, so every verdict already given can be reproduced: `requirement_create` accepts only a
day after today, `requirement_update`/`requirement_delete` only a version not yet in force. A change to a
rule in force is a later version with the same code and industry.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Case, OuterRef, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from credits.errors import RequirementError
from credits.rules.models import Requirement, RequirementKind

FIELDS = (
    "code",
    "industry",
    "effective_from",
    "active",
    "role",
    "kind",
    "title",
    "class_hours",
    "period_days",
    "restarts_on_accident",
    "certificate_kind",
    "minimum_education",
    "basis",
)

HOUR_KINDS = frozenset({RequirementKind.INITIAL_HOURS, RequirementKind.ANNUAL_HOURS})


# How a version stands


class VersionStatus(models.TextChoices):
    SCHEDULED = "scheduled", gettext_lazy("Not yet in force")
    IN_FORCE = "in_force", gettext_lazy("In force")
    SUPERSEDED = "superseded", gettext_lazy("Superseded")


def version_has_taken_effect(effective_from: datetime.date, *, today: datetime.date | None = None) -> bool:
    """A version that has taken effect (in force now, or superseded) is never changed or deleted."""
    return effective_from <= (today or timezone.localdate())


def versions_with_status(
    queryset: QuerySet, *, today: datetime.date | None = None, same_rule: tuple[str, ...] = ()
) -> QuerySet:
    """Annotate each version with `version_status` (a `VersionStatus`): the version in force is the latest
    that took effect on or before today among the versions of the same rule (`same_rule` fields equal:
    none for the standard, code and industry for a requirement). One query, however many versions."""
    today = today or timezone.localdate()
    latest_taken_effect = (
        queryset.model.objects.filter(
            effective_from__lte=today, **{field: OuterRef(field) for field in same_rule}
        )
        .order_by("-effective_from")
        .values("effective_from")[:1]
    )
    return queryset.annotate(
        version_status=Case(
            When(effective_from__gt=today, then=Value(VersionStatus.SCHEDULED.value)),
            When(effective_from=Subquery(latest_taken_effect), then=Value(VersionStatus.IN_FORCE.value)),
            default=Value(VersionStatus.SUPERSEDED.value),
            output_field=models.CharField(),
        )
    )


# Writes


def _check(values: dict, *, today: datetime.date, instance: Requirement | None = None) -> None:
    if values["effective_from"] <= today:
        raise ValidationError(
            _(
                "A new version of a requirement must take effect after today, so that no verdict already given changes."
            ),
            code=RequirementError.NOT_FUTURE,
        )
    if values["kind"] in HOUR_KINDS and (values["class_hours"] is None or values["class_hours"] <= 0):
        raise ValidationError(
            _("A requirement of training hours needs its class hours, more than zero."),
            code=RequirementError.HOURS_NOT_POSITIVE,
        )
    if values["kind"] == RequirementKind.CERTIFICATE and not values["certificate_kind"]:
        raise ValidationError(
            _("A certificate requirement needs the kind of certificate."),
            code=RequirementError.DETAIL_MISSING,
        )
    if values["kind"] == RequirementKind.EDUCATION and not values["minimum_education"]:
        raise ValidationError(
            _("An education requirement needs the minimum education."), code=RequirementError.DETAIL_MISSING
        )
    clash = Requirement.objects.filter(
        code=values["code"], industry=values["industry"], effective_from=values["effective_from"]
    )
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise _same_day()


def _same_day() -> ValidationError:
    return ValidationError(
        _(
            "Another version of this requirement for this industry already takes effect on that day; change that version instead."
        ),
        code=RequirementError.SAME_DAY,
    )


def _defaults(values: dict) -> dict:
    model_defaults = {field: Requirement._meta.get_field(field).get_default() for field in FIELDS}
    return {**model_defaults, **{field: value for field, value in values.items() if field in FIELDS}}


@transaction.atomic
def requirement_create(*, user, today: datetime.date | None = None, **values) -> Requirement:
    """Add a version of a requirement (a new requirement, or a later version of one), from a day after
    today."""
    today = today or timezone.localdate()
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown requirement fields: {sorted(unknown)}")
    merged = _defaults(values)
    _check(merged, today=today)
    try:
        # A savepoint: two staff adding the same version at once meet the unique constraint, which is
        # the same refusal as the check above.
        with transaction.atomic():
            return Requirement.objects.create(created_by=user, **merged)
    except IntegrityError:
        raise _same_day()


@transaction.atomic
def requirement_update(
    *, requirement: Requirement, today: datetime.date | None = None, **values
) -> Requirement:
    """Change a version that has not taken effect yet."""
    today = today or timezone.localdate()
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"Unknown requirement fields: {sorted(unknown)}")
    stored = Requirement.objects.select_for_update().get(pk=requirement.pk)
    if version_has_taken_effect(stored.effective_from, today=today):
        raise ValidationError(
            _("This version is in force or was in force; add a later version instead."),
            code=RequirementError.IN_FORCE,
        )
    merged = {field: values.get(field, getattr(stored, field)) for field in FIELDS}
    _check(merged, today=today, instance=stored)
    for field, value in merged.items():
        setattr(stored, field, value)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:
        raise _same_day()
    return stored


@transaction.atomic
def requirement_delete(*, requirement: Requirement, today: datetime.date | None = None) -> None:
    """Delete a version that has not taken effect yet (one in force is replaced by a later version)."""
    today = today or timezone.localdate()
    stored = Requirement.objects.select_for_update().filter(pk=requirement.pk).first()
    if stored is None:
        return
    if version_has_taken_effect(stored.effective_from, today=today):
        raise ValidationError(
            _("This version is in force or was in force; it cannot be deleted."),
            code=RequirementError.IN_FORCE,
        )
    stored.delete()
