"""The conversion standard (线上学习课时转换标准) as stored: versions by effective day, read and written.

A version that has taken effect is never changed, so figures computed under it stay reproducible:
`standard_create` accepts only a day after today, `standard_update`/`standard_delete` only a version
that has not yet taken effect.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from credits.errors import StandardError
from credits.rules.conversion import Standard
from credits.rules.models import ConversionStandard

# What turns online study into class hours and credits (the heartbeat reads these with its one statement);
# each must be more than zero.
ONLINE_FIELDS = ("minutes_per_class_hour", "daily_online_class_hours", "class_hours_per_credit")
FIELDS = ("effective_from", *ONLINE_FIELDS, "offline_factor", "recognised_factor")


def as_standard(row: ConversionStandard) -> Standard:
    return Standard(**{field: getattr(row, field) for field in FIELDS})


def standards_all() -> list[Standard]:
    """Every version, oldest first: one query (a handful of rows)."""
    return [as_standard(row) for row in ConversionStandard.objects.order_by("effective_from")]


def standard_in_force(day: datetime.date) -> Standard:
    row = ConversionStandard.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if row is None:
        row = ConversionStandard.objects.order_by("effective_from").first()
    return as_standard(row)


def standard_field_on(day: datetime.date, field: str) -> Subquery:
    """A subquery of one field of the version in force on `day`, for annotating rows without a query
    of its own."""
    return Subquery(
        ConversionStandard.objects.filter(effective_from__lte=day)
        .order_by("-effective_from")
        .values(field)[:1]
    )


def daily_online_limit_seconds(day: datetime.date) -> int:
    """The most online study creditable to one learner on `day` (Asia/Shanghai), in seconds."""
    return standard_in_force(day).daily_online_limit_seconds


def _check(values: dict, *, today: datetime.date, instance: ConversionStandard | None = None) -> None:
    if values["effective_from"] <= today:
        raise ValidationError(
            _(
                "A new version of the standard must take effect after today, so that no figure already shown changes."
            ),
            code=StandardError.NOT_FUTURE,
        )
    for field in ONLINE_FIELDS:
        if values[field] is None or values[field] <= 0:
            raise ValidationError(
                _(
                    "Minutes per class hour, the daily limit and class hours per credit must be more than zero."
                ),
                code=StandardError.NOT_POSITIVE,
            )
    clash = ConversionStandard.objects.filter(effective_from=values["effective_from"])
    if instance is not None:
        clash = clash.exclude(pk=instance.pk)
    if clash.exists():
        raise ValidationError(
            _("Another version already takes effect on that day; change that version instead."),
            code=StandardError.SAME_DAY,
        )


@transaction.atomic
def standard_create(
    *, user, today: datetime.date | None = None, note: str = "", **values
) -> ConversionStandard:
    today = today or timezone.localdate()
    # What is not given takes the model's default, as the stored row would.
    values = {
        **{
            name: ConversionStandard._meta.get_field(name).get_default()
            for name in FIELDS
            if name != "effective_from"
        },
        **values,
    }
    _check(values, today=today)
    return ConversionStandard.objects.create(created_by=user, note=note, **values)


@transaction.atomic
def standard_update(
    *, standard: ConversionStandard, today: datetime.date | None = None, **values
) -> ConversionStandard:
    """Change a version that has not taken effect yet."""
    today = today or timezone.localdate()
    stored = ConversionStandard.objects.select_for_update().get(pk=standard.pk)
    if stored.effective_from <= today:
        raise ValidationError(
            _("This version is in force or was in force; add a later version instead."),
            code=StandardError.IN_FORCE,
        )
    merged = {field: values.get(field, getattr(stored, field)) for field in FIELDS}
    _check(merged, today=today, instance=stored)
    for field, value in {**merged, **{k: v for k, v in values.items() if k == "note"}}.items():
        setattr(stored, field, value)
    stored.save()
    return stored


@transaction.atomic
def standard_delete(*, standard: ConversionStandard, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    if standard.effective_from <= today:
        raise ValidationError(
            _("This version is in force or was in force; it cannot be deleted."), code=StandardError.IN_FORCE
        )
    ConversionStandard.objects.filter(pk=standard.pk).delete()
