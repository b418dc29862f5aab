"""Study into class hours and credits under the conversion standard: pure rules over plain values.

The rounding rule, the one used everywhere: class hours are computed per person, per day and per
source — exact decimal arithmetic on the seconds (or the declared or granted class hours) under the
standard in force that day, capped for online study at the day's limit — and rounded **down** to
0.01 class hour; credits are that day's class hours divided by the day's class hours per credit,
rounded down to 0.0001 credit. Totals add those day figures and are never rounded again, so a total
does not depend on how records are grouped or the order they arrive in. Figures are shown to two
decimals, rounded down: the academy never shows more than was earned (培训学时不折扣).
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

CLASS_HOURS_STEP = Decimal("0.01")
CREDITS_STEP = Decimal("0.0001")


@dataclass(frozen=True)
class Standard:
    """One version of the conversion standard, as plain values. Its defaults are the standard's defaults,
    defined here only (`DEFAULT_STANDARD`): the model's field defaults, and the heartbeat's standard
    before any version exists, are these."""

    effective_from: datetime.date
    minutes_per_class_hour: int = 45
    daily_online_class_hours: Decimal = Decimal("8")
    class_hours_per_credit: Decimal = Decimal("16")
    offline_factor: Decimal = Decimal("1")
    recognised_factor: Decimal = Decimal("1")

    @property
    def seconds_per_class_hour(self) -> int:
        return 60 * self.minutes_per_class_hour

    @property
    def daily_online_limit_seconds(self) -> int:
        """The daily cap: the most online study creditable to one learner on one day, in whole seconds
        (rounded down). The one place it is computed; the heartbeat caps seconds with it and
        `online_class_hours` caps a day's class hours with it."""
        return int(self.daily_online_class_hours * self.seconds_per_class_hour)


# The standard's default values (45 minutes a class hour, at most 8 online class hours a day, 16 class
# hours a credit, offline and recognised hours at par), for any day.
DEFAULT_STANDARD = Standard(effective_from=datetime.date.min)


def round_class_hours(class_hours: Decimal) -> Decimal:
    return class_hours.quantize(CLASS_HOURS_STEP, rounding=ROUND_DOWN)


def credits_for(class_hours: Decimal, standard: Standard) -> Decimal:
    """The credits of one day's class hours (negative for a reversal, rounded toward zero)."""
    return (class_hours / standard.class_hours_per_credit).quantize(CREDITS_STEP, rounding=ROUND_DOWN)


def online_class_hours(seconds: int, standard: Standard) -> Decimal:
    """One day's verified online study in class hours: seconds over the minutes per class hour, at most
    the day's limit."""
    if seconds <= 0:
        return Decimal("0.00")
    capped = min(seconds, standard.daily_online_limit_seconds)
    return round_class_hours(Decimal(capped) / Decimal(standard.seconds_per_class_hour))


def offline_class_hours(declared_class_hours: Decimal, standard: Standard) -> Decimal:
    return round_class_hours(declared_class_hours * standard.offline_factor)


def recognised_class_hours(granted_class_hours: Decimal, standard: Standard) -> Decimal:
    return round_class_hours(granted_class_hours * standard.recognised_factor)


def standard_on(day: datetime.date, standards: list[Standard]) -> Standard:
    """The version in force on `day`: the latest that took effect on or before it. `standards` in any
    order; before the first version, the first applies (nothing is ever earned unconverted)."""
    applicable = [standard for standard in standards if standard.effective_from <= day]
    if applicable:
        return max(applicable, key=lambda standard: standard.effective_from)
    return min(standards, key=lambda standard: standard.effective_from)


def display(value: Decimal) -> Decimal:
    """A figure as shown to people: two decimals, rounded down."""
    return value.quantize(CLASS_HOURS_STEP, rounding=ROUND_DOWN)


def summed(value, step: Decimal = CLASS_HOURS_STEP) -> Decimal:
    """A database sum of stored figures, exact again. SQLite sums decimals as floats; the stored values
    have fixed places, so rounding to the nearest step (not down: 5.8 may come back as 5.7999…)
    restores the exact sum. None (nothing to sum) is zero."""
    return Decimal(value or 0).quantize(step)
