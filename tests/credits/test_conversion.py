"""The conversion rules as pure functions: study seconds to class hours and credits under the standard in
force that day, with the one rounding rule (per person, day and source, down to 0.01 class hour; credits
down to 0.0001). No database."""

import datetime
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credits.rules.conversion import (
    DEFAULT_STANDARD,
    Standard,
    credits_for,
    display,
    offline_class_hours,
    online_class_hours,
    recognised_class_hours,
    standard_on,
)

D = datetime.date
H = Decimal

DEFAULT = Standard(effective_from=D(2020, 1, 1))
# A standard that changes in the middle of 2026: 40 minutes a class hour from 1 July.
FORTY_MINUTES = Standard(effective_from=D(2026, 7, 1), minutes_per_class_hour=40)
MID_YEAR = [DEFAULT, FORTY_MINUTES]


# Minutes to class hours, at the boundary of one class hour


@pytest.mark.parametrize(
    ("seconds", "class_hours"),
    [
        (2640, H("0.97")),  # 44 minutes: 0.9777… down to 0.97
        (2699, H("0.99")),  # one second short: 0.9996… is not rounded up to 1
        (2700, H("1.00")),  # 45 minutes
        (2701, H("1.00")),
        (2760, H("1.02")),  # 46 minutes: 1.0222…
        (27, H("0.01")),  # the smallest step: 0.01 class hour is 27 seconds at 45 minutes
        (26, H("0.00")),
        (1, H("0.00")),
        (0, H("0.00")),
    ],
)
def test_seconds_become_class_hours_rounded_down_at_45_minutes(seconds, class_hours):
    result = online_class_hours(seconds, DEFAULT)
    assert result == class_hours
    assert result.as_tuple().exponent == -2  # always two decimals, also for zero


def test_negative_seconds_count_as_nothing():
    assert online_class_hours(-2700, DEFAULT) == H("0.00")


# The daily limit


@pytest.mark.parametrize(
    ("seconds", "class_hours"),
    [
        (8 * 2700 - 1, H("7.99")),
        (8 * 2700, H("8.00")),  # exactly the limit: 6 h of study
        (8 * 2700 + 1, H("8.00")),
        (9 * 3600, H("8.00")),  # 9 hours of seconds would be 12 class hours
        (24 * 3600, H("8.00")),
    ],
)
def test_a_day_never_credits_more_than_the_daily_limit(seconds, class_hours):
    assert online_class_hours(seconds, DEFAULT) == class_hours


def test_the_daily_limit_in_seconds_follows_the_minutes_and_the_class_hours():
    assert DEFAULT.daily_online_limit_seconds == 8 * 45 * 60
    assert FORTY_MINUTES.daily_online_limit_seconds == 8 * 40 * 60
    odd = Standard(effective_from=D(2026, 1, 1), minutes_per_class_hour=45, daily_online_class_hours=H("7.5"))
    assert odd.daily_online_limit_seconds == 20250
    assert online_class_hours(odd.daily_online_limit_seconds, odd) == H("7.50")


def test_the_standards_defaults_are_45_minutes_8_online_class_hours_a_day_and_16_a_credit():
    assert (
        DEFAULT_STANDARD.minutes_per_class_hour,
        DEFAULT_STANDARD.daily_online_class_hours,
        DEFAULT_STANDARD.class_hours_per_credit,
        DEFAULT_STANDARD.offline_factor,
        DEFAULT_STANDARD.recognised_factor,
    ) == (45, H("8"), H("16"), H("1"), H("1"))
    assert DEFAULT_STANDARD.daily_online_limit_seconds == 8 * 45 * 60


def test_a_smaller_limit_caps_at_its_own_class_hours():
    four = Standard(effective_from=D(2026, 1, 1), daily_online_class_hours=H("4"))
    assert online_class_hours(5 * 2700, four) == H("4.00")
    assert online_class_hours(3 * 2700, four) == H("3.00")


# Class hours to credits


@pytest.mark.parametrize(
    ("class_hours", "credits"),
    [
        (H("16"), H("1.0000")),
        (H("1"), H("0.0625")),
        (H("8"), H("0.5000")),
        (H("0.99"), H("0.0618")),  # 0.061875 down, not to 0.0619
        (H("15.99"), H("0.9993")),  # 0.999375 down, never up to a whole credit
        (H("0.01"), H("0.0006")),  # 0.000625
        (H("0"), H("0.0000")),
    ],
)
def test_class_hours_become_credits_rounded_down_at_16_per_credit(class_hours, credits):
    result = credits_for(class_hours, DEFAULT)
    assert result == credits
    assert result.as_tuple().exponent == -4


def test_a_reversal_credits_rounded_toward_zero_so_it_cancels_the_entry_it_reverses():
    for class_hours in (H("1"), H("0.99"), H("15.99"), H("7.77")):
        assert credits_for(-class_hours, DEFAULT) == -credits_for(class_hours, DEFAULT)


def test_another_number_of_class_hours_per_credit():
    ten = Standard(effective_from=D(2026, 1, 1), class_hours_per_credit=H("10"))
    assert credits_for(H("8.00"), ten) == H("0.8000")
    third = Standard(effective_from=D(2026, 1, 1), class_hours_per_credit=H("3"))
    assert credits_for(H("1.00"), third) == H("0.3333")


# Offline and recognised class hours


@pytest.mark.parametrize(
    ("declared", "factor", "class_hours"),
    [
        (H("3.5"), H("1"), H("3.50")),
        (H("3.5"), H("0.5"), H("1.75")),
        (H("2.5"), H("0.33"), H("0.82")),  # 0.825 down
        (H("8"), H("0"), H("0.00")),
    ],
)
def test_offline_and_recognised_hours_count_by_their_factor_rounded_down(declared, factor, class_hours):
    standard = Standard(effective_from=D(2026, 1, 1), offline_factor=factor, recognised_factor=factor)
    assert offline_class_hours(declared, standard) == class_hours
    assert recognised_class_hours(declared, standard) == class_hours


def test_offline_hours_are_not_capped_by_the_online_daily_limit():
    four = Standard(effective_from=D(2026, 1, 1), daily_online_class_hours=H("4"))
    assert offline_class_hours(H("8"), four) == H("8.00")


def test_a_figure_is_shown_to_two_decimals_rounded_down():
    assert display(H("1.0625")) == H("1.06")
    assert display(H("0.9999")) == H("0.99")
    assert display(H("12")) == H("12.00")


# The version in force on a day


def test_the_version_in_force_is_the_latest_that_took_effect_on_or_before_the_day():
    versions = [FORTY_MINUTES, DEFAULT]  # in any order
    assert standard_on(D(2026, 6, 30), versions) is DEFAULT  # the day before
    assert standard_on(D(2026, 7, 1), versions) is FORTY_MINUTES  # the day it takes effect
    assert standard_on(D(2026, 7, 2), versions) is FORTY_MINUTES  # the day after
    assert standard_on(D(2030, 1, 1), versions) is FORTY_MINUTES


def test_before_the_first_version_the_first_applies():
    assert standard_on(D(2019, 12, 31), MID_YEAR) is DEFAULT
    assert standard_on(D(2020, 1, 1), MID_YEAR) is DEFAULT


def test_three_versions_each_rule_their_own_span():
    third = Standard(effective_from=D(2027, 1, 1), minutes_per_class_hour=50)
    versions = [third, DEFAULT, FORTY_MINUTES]
    assert standard_on(D(2026, 12, 31), versions) is FORTY_MINUTES
    assert standard_on(D(2027, 1, 1), versions) is third


# A standard that changes mid-year


def test_the_same_seconds_give_different_class_hours_either_side_of_the_change():
    seconds = 2700
    assert online_class_hours(seconds, standard_on(D(2026, 6, 30), MID_YEAR)) == H("1.00")
    assert online_class_hours(seconds, standard_on(D(2026, 7, 1), MID_YEAR)) == H("1.12")  # 1.125 down
    # The cap moves too: 8 class hours are 6 h before and 5 h 20 min after.
    assert online_class_hours(5 * 3600 + 20 * 60, standard_on(D(2026, 6, 30), MID_YEAR)) == H("7.11")
    assert online_class_hours(5 * 3600 + 20 * 60, standard_on(D(2026, 7, 1), MID_YEAR)) == H("8.00")


def year_total(
    records: list[tuple[datetime.date, int]], standards: list[Standard]
) -> tuple[Decimal, Decimal]:
    """The rule applied by hand: group by day, convert each day under its own version, add the days."""
    seconds_by_day: dict[datetime.date, int] = defaultdict(int)
    for day, seconds in records:
        seconds_by_day[day] += seconds
    class_hours = credits = Decimal("0")
    for day, seconds in seconds_by_day.items():
        standard = standard_on(day, standards)
        day_hours = online_class_hours(seconds, standard)
        class_hours += day_hours
        credits += credits_for(day_hours, standard)
    return class_hours, credits


def test_a_year_total_is_the_sum_of_its_days_each_under_its_own_version():
    records = [
        (D(2026, 6, 30), 2640),
        (D(2026, 6, 30), 60),  # the day's records are added before converting: 2700 s, 1.00
        (D(2026, 7, 1), 2700),  # 1.12 under 40 minutes
        (D(2026, 7, 2), 30000),  # capped at 8.00
        (D(2026, 12, 31), 2399),  # 0.99
    ]
    class_hours, credits = year_total(records, MID_YEAR)
    assert class_hours == H("1.00") + H("1.12") + H("8.00") + H("0.99") == H("11.11")
    # Credits add the days' rounded credits: 0.0625 + 0.07 + 0.5 + 0.0618.
    assert credits == H("0.0625") + H("0.0700") + H("0.5000") + H("0.0618")


def test_converting_the_year_in_one_sum_would_give_a_different_figure_which_is_why_days_are_converted():
    # 2 days of 2640 s: per day 0.97 + 0.97 = 1.94; the pooled 5280 s would be 1.95. The rule is per day.
    records = [(D(2026, 3, 1), 2640), (D(2026, 3, 2), 2640)]
    assert year_total(records, MID_YEAR)[0] == H("1.94")
    assert online_class_hours(5280, DEFAULT) == H("1.95")


# Properties

days_2026 = st.dates(min_value=D(2026, 1, 1), max_value=D(2026, 12, 31))
records_strategy = st.lists(st.tuples(days_2026, st.integers(min_value=1, max_value=4 * 3600)), max_size=60)
standards_strategy = st.builds(
    Standard,
    effective_from=st.just(D(2020, 1, 1)),
    minutes_per_class_hour=st.integers(min_value=1, max_value=600),
    daily_online_class_hours=st.integers(min_value=1, max_value=240).map(lambda tenths: Decimal(tenths) / 10),
    class_hours_per_credit=st.integers(min_value=1, max_value=99999).map(lambda tenths: Decimal(tenths) / 10),
)


@given(records=records_strategy, seed=st.integers())
def test_totals_never_depend_on_the_order_records_arrive_in(records, seed):
    shuffled = list(records)
    random.Random(seed).shuffle(shuffled)
    assert year_total(shuffled, MID_YEAR) == year_total(records, MID_YEAR)


@given(records=records_strategy, seed=st.integers())
def test_a_running_day_total_converted_as_records_arrive_ends_at_the_batch_figure(records, seed):
    # As the heartbeat does: each arrival adds to its day's seconds and the day is converted again.
    shuffled = list(records)
    random.Random(seed).shuffle(shuffled)
    seconds_by_day: dict[datetime.date, int] = defaultdict(int)
    hours_by_day: dict[datetime.date, Decimal] = {}
    for day, seconds in shuffled:
        seconds_by_day[day] += seconds
        hours_by_day[day] = online_class_hours(seconds_by_day[day], standard_on(day, MID_YEAR))
    assert sum(hours_by_day.values(), Decimal("0")) == year_total(records, MID_YEAR)[0]


@given(records=records_strategy)
def test_the_total_never_exceeds_the_days_studied_times_each_days_limit(records):
    days = {day for day, _ in records}
    ceiling = sum((standard_on(day, MID_YEAR).daily_online_class_hours for day in days), Decimal("0"))
    assert year_total(records, MID_YEAR)[0] <= ceiling
    assert year_total(records, MID_YEAR)[0] <= len(days) * Decimal("8")


@given(standard=standards_strategy, a=st.integers(0, 200_000), b=st.integers(0, 200_000))
def test_a_days_class_hours_never_fall_as_its_seconds_grow(standard, a, b):
    low, high = sorted((a, b))
    assert online_class_hours(low, standard) <= online_class_hours(high, standard)
    assert credits_for(online_class_hours(low, standard), standard) <= credits_for(
        online_class_hours(high, standard), standard
    )


@given(standard=standards_strategy, seconds=st.integers(0, 200_000))
def test_rounding_is_always_down_and_by_less_than_one_step(standard, seconds):
    exact = min(
        Decimal(seconds) / Decimal(60 * standard.minutes_per_class_hour), standard.daily_online_class_hours
    )
    class_hours = online_class_hours(seconds, standard)
    assert exact - Decimal("0.01") < class_hours <= exact
    exact_credits = class_hours / standard.class_hours_per_credit
    assert exact_credits - Decimal("0.0001") < credits_for(class_hours, standard) <= exact_credits


@given(standard=standards_strategy, seconds=st.integers(0, 200_000))
def test_capping_the_seconds_at_the_daily_limit_is_capping_the_class_hours(standard, seconds):
    """The daily cap has one home (`Standard.daily_online_limit_seconds`); for every standard that can be
    stored (class hours with one decimal), capping the seconds with it gives the same class hours as
    capping the class hours at the day's limit did."""
    exact = min(
        Decimal(seconds) / Decimal(60 * standard.minutes_per_class_hour), standard.daily_online_class_hours
    )
    assert online_class_hours(seconds, standard) == exact.quantize(Decimal("0.01"), rounding="ROUND_DOWN")
