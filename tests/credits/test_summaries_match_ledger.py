"""The summaries the reports read (daily study with its class hours and credits) always equal a
recomputation straight from the ledger — the study records, the conversion standard in force each day
and the bank entries — whatever mix of study, offline training, withdrawals and corrections made them,
and whatever order the records arrived in."""

import datetime
from collections import defaultdict
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from credits.bank.models import BankEntry
from credits.bank.services import bank_entry_correct
from credits.compliance.selectors import end_of_day, hours_by_learner
from credits.compliance.verdicts import Hours
from credits.offline.services import offline_training_record, offline_training_withdraw
from credits.rules.conversion import Standard, credits_for, online_class_hours, standard_on
from credits.rules.models import ConversionStandard
from credits.rules.standard import standards_all
from credits.study.crediting import STUDY_TIME_ZONE
from credits.study.models import DailyStudy, StudyRecord, StudySource
from credits.study.services import heartbeat_record, study_session_start
from credits.study.summaries import study_summaries_rebuild
from learners.models import AccidentRecord
from tests.courses.factories import add_video_lesson
from tests.credits.factories import beat, start
from tests.credits.offline_helpers import pdf_upload
from tests.learners.factories import engage, make_enterprise_admin

D = datetime.date
ZERO = Decimal("0")


def moment(day: datetime.date, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=STUDY_TIME_ZONE)


def sitting(learner, lesson, first: datetime.datetime, beats: int) -> None:
    """A session of `beats` playing heartbeats 30 s apart from `first` (the first only starts the clock)."""
    session = start(learner, lesson, when=first)
    for seq in range(beats):
        beat(session, seq, first + datetime.timedelta(seconds=30 * seq), 30.0 * seq)


def recomputed_hours(learner_id: int, on: datetime.date) -> Hours:
    """Hours straight from the ledger: the study records grouped by day and converted under that day's
    standard, plus the bank entries earned and recorded by the end of `on` — no summary table read."""
    standards = standards_all()
    seconds_by_day: dict[datetime.date, int] = defaultdict(int)
    for day, seconds in StudyRecord.objects.filter(learner_id=learner_id).values_list("study_day", "seconds"):
        seconds_by_day[day] += seconds
    earned = [
        (day, online_class_hours(seconds, standard_on(day, standards)))
        for day, seconds in seconds_by_day.items()
    ]
    earned += list(
        BankEntry.objects.filter(learner_id=learner_id, created_at__lt=end_of_day(on)).values_list(
            "earned_on", "class_hours"
        )
    )

    def total(first: datetime.date | None, last: datetime.date) -> Decimal:
        return sum((hours for day, hours in earned if (first is None or first <= day) and day <= last), ZERO)

    accident_on = (
        AccidentRecord.objects.filter(
            learner_id=learner_id,
            with_deaths=True,
            role__in=["principal", "safety_manager"],
            occurred_on__lte=on,
        )
        .order_by("-occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    return Hours(
        until_day=total(None, on),
        since_accident=total(accident_on, on) if accident_on else ZERO,
        this_year=total(D(on.year, 1, 1), on),
        last_year=total(D(on.year - 1, 1, 1), D(on.year - 1, 12, 31)),
    )


@pytest.fixture
def mixed(study):
    """A worker's year: online study on several days (one sitting across the New Year's midnight, one day
    at the daily limit, days under a standard that changed on 3 March), offline training recorded and
    another withdrawn, and a correction of their online hours."""
    learner, video = study["learner"], study["video"]
    long_video = add_video_lesson(study["course"], title="长视频", minutes=600)
    admin, enterprise = make_enterprise_admin(name="长春示范化工有限公司")
    engage(learner, enterprise, started_on=D(2024, 1, 1))
    # From 3 March: 30 minutes a class hour and at most a fifth of one (360 s) a day.
    ConversionStandard.objects.create(
        effective_from=D(2026, 3, 3), minutes_per_class_hour=30, daily_online_class_hours=Decimal("0.2")
    )
    sitting(learner, video, moment(D(2025, 12, 31), 23, 58), 9)  # across midnight into 2026
    sitting(learner, long_video, moment(D(2026, 1, 5), 20), 40)
    sitting(learner, video, moment(D(2026, 3, 2), 9), 12)
    sitting(learner, long_video, moment(D(2026, 3, 3), 9), 20)  # 570 s, capped at 360
    sitting(learner, long_video, moment(D(2026, 3, 4), 9), 7)
    with time_machine.travel(moment(D(2026, 3, 5), 10), tick=False):
        offline_training_record(
            enterprise=enterprise,
            recorded_by=admin,
            topic="危险化学品储存安全",
            held_on=D(2026, 3, 4),
            class_hours="2.5",
            trainer="王海涛",
            evidence=pdf_upload(),
            learner_ids=[learner.pk],
        )
        mistaken = offline_training_record(
            enterprise=enterprise,
            recorded_by=admin,
            topic="重复录入",
            held_on=D(2026, 3, 4),
            class_hours="1.5",
            trainer="王海涛",
            evidence=pdf_upload(),
            learner_ids=[learner.pk],
        )
    with time_machine.travel(moment(D(2026, 3, 6), 10), tick=False):
        offline_training_withdraw(training=mistaken, by=admin, reason="重复录入")
    with time_machine.travel(moment(D(2026, 3, 7), 10), tick=False):
        bank_entry_correct(
            learner=learner,
            earned_on=D(2026, 3, 2),
            source=StudySource.ONLINE,
            class_hours=Decimal("-0.05"),
            by=admin,
            reason="代刷学时核减",
        )
    return learner


def test_the_mix_leaves_summaries_that_a_rebuild_finds_nothing_to_change_in(mixed):
    assert DailyStudy.objects.filter(learner=mixed).count() == 6  # 31 Dec, 1 Jan, 5 Jan, 2, 3, 4 Mar
    assert DailyStudy.objects.get(learner=mixed, study_day=D(2026, 3, 3)).credited_seconds == 360
    assert study_summaries_rebuild(write=False) == []


# The days around each event: the sitting across midnight, the training held but not yet recorded,
# recorded twice, one withdrawn, the correction, and the year's end.
REPORT_DAYS = [
    D(2025, 12, 31),
    D(2026, 1, 1),
    D(2026, 3, 2),
    D(2026, 3, 4),
    D(2026, 3, 5),
    D(2026, 3, 6),
    D(2026, 3, 7),
    D(2026, 12, 31),
    D(2027, 1, 1),
]


def test_the_hours_reports_count_equal_a_recomputation_from_the_ledger(mixed):
    # One world for every day (building it is the slow part): a list of differences names the days.
    found = {on: hours_by_learner(learner_ids=[mixed.pk], on=on).get(mixed.pk, Hours()) for on in REPORT_DAYS}
    expected = {on: recomputed_hours(mixed.pk, on) for on in REPORT_DAYS}
    assert [on for on in REPORT_DAYS if found[on] != expected[on]] == []
    assert expected[D(2026, 3, 7)] != expected[D(2026, 3, 4)]  # the days do differ


def test_hours_since_an_accident_equal_a_recomputation_from_the_ledger(mixed):
    AccidentRecord.objects.create(
        learner=mixed, occurred_on=D(2026, 1, 5), accident="储罐泄漏", role="principal", with_deaths=True
    )
    AccidentRecord.objects.create(  # without deaths: no retraining
        learner=mixed, occurred_on=D(2026, 3, 3), accident="轻微事故", role="principal", with_deaths=False
    )
    found = {on: hours_by_learner(learner_ids=[mixed.pk], on=on).get(mixed.pk, Hours()) for on in REPORT_DAYS}
    expected = {on: recomputed_hours(mixed.pk, on) for on in REPORT_DAYS}
    assert [on for on in REPORT_DAYS if found[on] != expected[on]] == []
    assert ZERO < expected[D(2026, 3, 7)].since_accident < expected[D(2026, 3, 7)].until_day


def test_the_recomputation_sees_every_source(mixed):
    hours = recomputed_hours(mixed.pk, D(2026, 3, 7))
    online = sum(DailyStudy.objects.filter(learner=mixed).values_list("class_hours", flat=True), ZERO)
    # 2.5 offline, the withdrawn 1.5 in and out again, 0.05 taken away.
    assert hours.until_day == online + Decimal("2.5") - Decimal("0.05")
    assert hours.last_year == DailyStudy.objects.get(learner=mixed, study_day=D(2025, 12, 31)).class_hours


def test_a_tampered_daily_summary_is_found(mixed):
    row = DailyStudy.objects.get(learner=mixed, study_day=D(2026, 3, 2))
    DailyStudy.objects.filter(pk=row.pk).update(class_hours=row.class_hours + Decimal("0.01"))
    differences = study_summaries_rebuild(write=False)
    assert [(d.table, d.field, d.stored, d.rebuilt) for d in differences] == [
        ("daily_study", "class_hours", row.class_hours + Decimal("0.01"), row.class_hours)
    ]
    on = D(2026, 3, 7)
    assert hours_by_learner(learner_ids=[mixed.pk], on=on)[mixed.pk] != recomputed_hours(mixed.pk, on)


def test_a_deleted_daily_summary_is_found(mixed):
    DailyStudy.objects.filter(learner=mixed, study_day=D(2026, 1, 1)).delete()
    fields = {d.field for d in study_summaries_rebuild(write=False) if d.key.endswith("day=2026-01-01")}
    assert fields == {"credited_seconds", "class_hours", "credits"}


# Order independence.

STANDARDS = [
    Standard(effective_from=D(2020, 1, 1)),
    Standard(
        effective_from=D(2026, 3, 3),
        minutes_per_class_hour=30,
        daily_online_class_hours=Decimal("0.2"),
        class_hours_per_credit=Decimal("12"),
    ),
]
DAYS = [D(2025, 12, 31), D(2026, 1, 1), D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)]
records = st.lists(st.tuples(st.sampled_from(DAYS), st.integers(min_value=1, max_value=900)), max_size=40)


def summaries_after(arrivals) -> dict:
    """The day summaries as the heartbeat keeps them: each arriving record adds its seconds to the day,
    and the day's class hours and credits are converted again from the day's new total."""
    days: dict[datetime.date, tuple[int, Decimal, Decimal]] = {}
    for day, seconds in arrivals:
        total = days.get(day, (0, ZERO, ZERO))[0] + seconds
        standard = standard_on(day, STANDARDS)
        hours = online_class_hours(total, standard)
        days[day] = (total, hours, credits_for(hours, standard))
    return days


@given(data=st.data(), arrivals=records)
def test_day_totals_do_not_depend_on_the_order_records_arrive_in(data, arrivals):
    shuffled = data.draw(st.permutations(arrivals))
    assert summaries_after(shuffled) == summaries_after(arrivals) == summaries_after(sorted(arrivals))
    summaries = summaries_after(arrivals)
    hours = sum((day_hours for _seconds, day_hours, _credits in summaries.values()), ZERO)
    # A total is the sum of whole days converted once; it is never rounded again.
    by_day: dict[datetime.date, int] = defaultdict(int)
    for day, seconds in shuffled:
        by_day[day] += seconds
    assert hours == sum(
        (online_class_hours(seconds, standard_on(day, STANDARDS)) for day, seconds in by_day.items()), ZERO
    )


# Real heartbeats: sittings on several days, studied in any order, leave the same day summaries.

SITTINGS = [
    (D(2025, 12, 31), 23, 59),  # into the New Year
    (D(2026, 1, 5), 8, 0),
    (D(2026, 1, 5), 20, 0),
    (D(2026, 3, 3), 9, 0),  # the standard of 3 March, with its small daily limit
    (D(2026, 3, 3), 15, 0),
]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    plan=st.permutations(range(len(SITTINGS))),
    beats=st.lists(st.integers(min_value=2, max_value=8), min_size=len(SITTINGS), max_size=len(SITTINGS)),
)
def test_sittings_studied_in_any_order_leave_the_same_day_summaries(study, plan, beats):
    learner = study["learner"]

    def studied(lesson, order) -> tuple[dict, list]:
        with transaction.atomic():
            for index in order:
                day, hour, minute = SITTINGS[index]
                first = moment(day, hour, minute)
                session = study_session_start(learner=learner, lesson=lesson)
                for seq in range(beats[index]):
                    heartbeat_record(
                        session_id=session.pk,
                        learner_id=learner.pk,
                        seq=seq,
                        position_seconds=30.0 * seq,
                        playing=True,
                        visible=True,
                        playback_rate=1.0,
                        now=first + datetime.timedelta(seconds=30 * seq),
                    )
            summaries = {
                row.study_day: (row.credited_seconds, row.class_hours, row.credits)
                for row in DailyStudy.objects.filter(learner=learner)
            }
            differences = study_summaries_rebuild(write=False)
            transaction.set_rollback(True)
        return summaries, differences

    # Each example starts from the fixture's state: everything it writes is rolled back.
    with transaction.atomic():
        lesson = add_video_lesson(study["course"], title="长视频", minutes=600)
        ConversionStandard.objects.create(
            effective_from=D(2026, 3, 3), minutes_per_class_hour=30, daily_online_class_hours=Decimal("0.2")
        )
        in_order = studied(lesson, range(len(SITTINGS)))
        shuffled = studied(lesson, plan)
        transaction.set_rollback(True)
    assert shuffled[0] == in_order[0]
    assert len(in_order[0]) >= 2  # every example studies on at least two days
    assert in_order[1] == shuffled[1] == []
