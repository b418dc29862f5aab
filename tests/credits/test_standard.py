"""Versions of the conversion standard as stored: what `standard_create`/`standard_update`/`standard_delete`
refuse (with their codes), and that study is capped and converted under the version in force on the day
it was done — by the heartbeat as it happens, and by the rebuild from the study record."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from credits.errors import StandardError
from credits.rules.conversion import DEFAULT_STANDARD
from credits.rules.models import ConversionStandard
from credits.rules.standard import (
    as_standard,
    daily_online_limit_seconds,
    standard_create,
    standard_delete,
    standard_in_force,
    standard_update,
    standards_all,
)
from credits.study.crediting import STUDY_TIME_ZONE, Reason
from credits.study.models import DailyStudy
from credits.study.services import heartbeat_record
from credits.study.summaries import study_summaries_rebuild
from tests.credits.factories import T0, at, beat, start, steady
from tests.learners.factories import make_user

D = datetime.date
H = Decimal
TODAY = T0.date()  # 2026-03-02, the study helpers' day
TOMORROW = TODAY + datetime.timedelta(days=1)
SEEDED_DAY = D(2020, 1, 1)


def values(**fields) -> dict:
    return {
        "effective_from": D(2026, 7, 1),
        "minutes_per_class_hour": 40,
        "daily_online_class_hours": H("8"),
        "class_hours_per_credit": H("16"),
        "offline_factor": H("1"),
        "recognised_factor": H("1"),
        **fields,
    }


@pytest.fixture
def staff(db):
    return make_user(is_staff=True)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(T0, tick=False):
        yield


def refusal_code(call, **kwargs) -> str:
    with pytest.raises(ValidationError) as refused:
        call(**kwargs)
    return refused.value.code


# Creating a version


def test_a_version_from_tomorrow_is_created_with_its_author_and_note(staff):
    version = standard_create(user=staff, note="四十分钟一学时", **values(effective_from=TOMORROW))
    assert (version.effective_from, version.minutes_per_class_hour, version.created_by, version.note) == (
        TOMORROW,
        40,
        staff,
        "四十分钟一学时",
    )
    assert [standard.effective_from for standard in standards_all()] == [SEEDED_DAY, TOMORROW]


def test_a_version_given_only_its_day_takes_the_standards_defaults(staff):
    """One definition of the defaults (`DEFAULT_STANDARD`): the model's, the service's and the pure rules'."""
    created = standard_create(user=staff, effective_from=TOMORROW)
    assert as_standard(created) == replace(DEFAULT_STANDARD, effective_from=TOMORROW)
    assert as_standard(ConversionStandard(effective_from=TOMORROW)) == replace(
        DEFAULT_STANDARD, effective_from=TOMORROW
    )


@pytest.mark.parametrize("day", [TODAY, TODAY - datetime.timedelta(days=1), SEEDED_DAY, D(2019, 1, 1)])
def test_a_version_from_today_or_the_past_is_refused(staff, day):
    assert refusal_code(standard_create, user=staff, **values(effective_from=day)) == StandardError.NOT_FUTURE
    assert ConversionStandard.objects.count() == 1


def test_today_is_the_day_in_asia_shanghai_not_in_utc(staff):
    # 2026-03-02 23:30 in Shanghai is still 2026-03-02 15:30 UTC: tomorrow there is 03-03 all the same.
    with time_machine.travel(datetime.datetime(2026, 3, 2, 23, 30, tzinfo=STUDY_TIME_ZONE), tick=False):
        assert (
            refusal_code(standard_create, user=staff, **values(effective_from=TODAY))
            == StandardError.NOT_FUTURE
        )
        assert standard_create(user=staff, **values(effective_from=TOMORROW)).effective_from == TOMORROW
    # Just after midnight in Shanghai (16:00 UTC the day before), 03-03 is today.
    with time_machine.travel(datetime.datetime(2026, 3, 4, 0, 5, tzinfo=STUDY_TIME_ZONE), tick=False):
        code = refusal_code(standard_create, user=staff, **values(effective_from=D(2026, 3, 4)))
    assert code == StandardError.NOT_FUTURE


@pytest.mark.parametrize(
    "fields",
    [
        {"minutes_per_class_hour": 0},
        {"minutes_per_class_hour": -45},
        {"daily_online_class_hours": H("0")},
        {"daily_online_class_hours": H("-8")},
        {"class_hours_per_credit": H("0")},
        {"class_hours_per_credit": H("-16")},
        {"minutes_per_class_hour": None},
    ],
)
def test_zero_negative_or_missing_values_are_refused(staff, fields):
    assert refusal_code(standard_create, user=staff, **values(**fields)) == StandardError.NOT_POSITIVE
    assert ConversionStandard.objects.count() == 1


def test_a_second_version_on_the_same_day_is_refused(staff):
    standard_create(user=staff, **values())
    assert (
        refusal_code(standard_create, user=staff, **values(minutes_per_class_hour=50))
        == StandardError.SAME_DAY
    )
    assert ConversionStandard.objects.get(effective_from=D(2026, 7, 1)).minutes_per_class_hour == 40


# Changing and deleting a version


def test_a_future_version_can_be_changed_and_moved_to_another_future_day(staff):
    version = standard_create(user=staff, **values())
    changed = standard_update(standard=version, effective_from=D(2026, 8, 1), minutes_per_class_hour=50)
    version.refresh_from_db()
    assert (
        (version.effective_from, version.minutes_per_class_hour)
        == (D(2026, 8, 1), 50)
        == (
            changed.effective_from,
            changed.minutes_per_class_hour,
        )
    )


def test_a_future_version_cannot_be_moved_to_today_onto_another_version_or_to_zero(staff):
    version = standard_create(user=staff, **values())
    other = standard_create(user=staff, **values(effective_from=D(2026, 8, 1)))
    assert refusal_code(standard_update, standard=version, effective_from=TODAY) == StandardError.NOT_FUTURE
    code = refusal_code(standard_update, standard=version, effective_from=other.effective_from)
    assert code == StandardError.SAME_DAY
    code = refusal_code(standard_update, standard=version, minutes_per_class_hour=0)
    assert code == StandardError.NOT_POSITIVE
    version.refresh_from_db()
    assert (version.effective_from, version.minutes_per_class_hour) == (D(2026, 7, 1), 40)


def test_the_version_in_force_cannot_be_changed_or_deleted(staff):
    in_force = ConversionStandard.objects.get(effective_from=SEEDED_DAY)
    code = refusal_code(standard_update, standard=in_force, minutes_per_class_hour=40)
    assert code == StandardError.IN_FORCE
    assert refusal_code(standard_delete, standard=in_force) == StandardError.IN_FORCE
    in_force.refresh_from_db()
    assert in_force.minutes_per_class_hour == 45


def test_a_version_that_took_effect_today_is_in_force_and_can_no_longer_be_changed(staff):
    version = standard_create(user=staff, **values(effective_from=TOMORROW))
    with time_machine.travel(datetime.datetime(2026, 3, 3, 0, 0, tzinfo=STUDY_TIME_ZONE), tick=False):
        assert (
            refusal_code(standard_update, standard=version, minutes_per_class_hour=30)
            == StandardError.IN_FORCE
        )
        assert refusal_code(standard_delete, standard=version) == StandardError.IN_FORCE
        assert standard_in_force(TOMORROW).minutes_per_class_hour == 40


def test_a_stale_copy_does_not_let_a_version_in_force_be_changed(staff):
    # The check reads the stored day, not the caller's (possibly edited) object.
    in_force = ConversionStandard.objects.get(effective_from=SEEDED_DAY)
    in_force.effective_from = D(2026, 9, 1)
    assert (
        refusal_code(standard_update, standard=in_force, minutes_per_class_hour=30) == StandardError.IN_FORCE
    )
    assert ConversionStandard.objects.filter(effective_from=SEEDED_DAY, minutes_per_class_hour=45).exists()


def test_a_future_version_can_be_deleted(staff):
    version = standard_create(user=staff, **values())
    standard_delete(standard=version)
    assert not ConversionStandard.objects.filter(pk=version.pk).exists()


# Reading the version in force


def test_the_version_in_force_and_its_daily_limit_change_on_the_day_it_takes_effect(staff):
    standard_create(user=staff, **values(effective_from=TOMORROW, daily_online_class_hours=H("4")))
    assert standard_in_force(TODAY).effective_from == SEEDED_DAY
    assert daily_online_limit_seconds(TODAY) == 8 * 45 * 60
    assert standard_in_force(TOMORROW).effective_from == TOMORROW
    assert daily_online_limit_seconds(TOMORROW) == 4 * 40 * 60
    assert standard_in_force(D(2019, 6, 1)).effective_from == SEEDED_DAY  # before the first: the first


# Study under the version of its day


def day_row(learner, day) -> DailyStudy:
    return DailyStudy.objects.get(learner=learner, study_day=day)


def test_a_smaller_daily_limit_from_tomorrow_caps_tomorrows_study_and_not_todays(study, staff):
    # Today 1 class hour is 1 minute with 8 a day; from tomorrow the limit is 1 class hour (60 s).
    ConversionStandard.objects.update(minutes_per_class_hour=1)
    standard_create(
        user=staff,
        **values(effective_from=TOMORROW, minutes_per_class_hour=1, daily_online_class_hours=H("1")),
    )
    learner = study["learner"]
    today = start(learner, study["video"])
    assert steady(today, first_seq=0, first_at=0, count=4).credited_seconds == 90
    tomorrow_at = 86400
    session = start(learner, study["video"], when=at(tomorrow_at))
    beat(session, 0, tomorrow_at, 90)
    assert beat(session, 1, tomorrow_at + 30, 120).credited_now == 30
    assert beat(session, 2, tomorrow_at + 60, 150).credited_now == 30
    capped = beat(session, 3, tomorrow_at + 90, 180)
    assert (capped.credited_now, capped.reason) == (0, Reason.DAILY_CAP)
    assert (day_row(learner, TODAY).credited_seconds, day_row(learner, TOMORROW).credited_seconds) == (90, 60)
    assert (day_row(learner, TODAY).class_hours, day_row(learner, TOMORROW).class_hours) == (
        H("1.50"),
        H("1.00"),
    )
    assert study_summaries_rebuild(write=False) == []


def test_a_days_class_hours_and_credits_follow_the_version_of_that_day(study, staff):
    # 60 s a class hour today, 120 s from tomorrow, and 10 class hours a credit from tomorrow.
    ConversionStandard.objects.update(minutes_per_class_hour=1)
    standard_create(
        user=staff,
        **values(effective_from=TOMORROW, minutes_per_class_hour=2, class_hours_per_credit=H("10")),
    )
    learner = study["learner"]
    steady(start(learner, study["video"]), first_seq=0, first_at=0, count=4)  # 90 s today
    tomorrow_at = 86400
    steady(
        start(learner, study["video"], when=at(tomorrow_at)),
        first_seq=0,
        first_at=tomorrow_at,
        count=4,
        position=90,
    )  # 90 s tomorrow
    today_row, tomorrow_row = day_row(learner, TODAY), day_row(learner, TOMORROW)
    assert (today_row.credited_seconds, today_row.class_hours, today_row.credits) == (
        90,
        H("1.50"),
        H("0.0937"),
    )
    assert (tomorrow_row.credited_seconds, tomorrow_row.class_hours, tomorrow_row.credits) == (
        90,
        H("0.75"),
        H("0.0750"),
    )
    assert study_summaries_rebuild(write=False) == []


def test_a_span_across_midnight_is_converted_half_under_each_days_version(study, staff):
    ConversionStandard.objects.update(minutes_per_class_hour=1)
    standard_create(user=staff, **values(effective_from=TOMORROW, minutes_per_class_hour=2))
    before_midnight = datetime.datetime(2026, 3, 2, 23, 59, 45, tzinfo=STUDY_TIME_ZONE)
    session = start(study["learner"], study["video"], when=before_midnight)
    beat(session, 0, before_midnight, 0)
    assert beat(session, 1, before_midnight + datetime.timedelta(seconds=30), 30).credited_now == 30
    learner = study["learner"]
    assert (day_row(learner, TODAY).credited_seconds, day_row(learner, TODAY).class_hours) == (15, H("0.25"))
    assert (day_row(learner, TOMORROW).credited_seconds, day_row(learner, TOMORROW).class_hours) == (
        15,
        H("0.12"),
    )
    assert study_summaries_rebuild(write=False) == []


def test_the_heartbeat_reads_the_standard_of_the_day_it_is_received_given_as_now(study, staff):
    # `now=` on the heartbeat itself, without moving the clock: the version is chosen by the server's
    # moment of receipt.
    ConversionStandard.objects.update(minutes_per_class_hour=1)
    standard_create(user=staff, **values(effective_from=TOMORROW, minutes_per_class_hour=2))
    learner = study["learner"]
    session = start(learner, study["video"], when=at(86400))
    moments = [at(86400 + 30 * i) for i in range(3)]
    for seq, moment in enumerate(moments):
        heartbeat_record(
            session_id=session.pk,
            learner_id=learner.pk,
            seq=seq,
            position_seconds=30 * seq,
            playing=True,
            visible=True,
            playback_rate=1.0,
            now=moment,
        )
    assert (day_row(learner, TOMORROW).credited_seconds, day_row(learner, TOMORROW).class_hours) == (
        60,
        H("0.50"),
    )


def test_the_rebuild_finds_a_tampered_days_class_hours_and_with_write_restores_them(study, staff):
    ConversionStandard.objects.update(minutes_per_class_hour=1)
    standard_create(user=staff, **values(effective_from=TOMORROW, minutes_per_class_hour=2))
    learner = study["learner"]
    steady(start(learner, study["video"]), first_seq=0, first_at=0, count=4)
    assert study_summaries_rebuild(write=False) == []
    DailyStudy.objects.filter(learner=learner, study_day=TODAY).update(
        class_hours=H("7.77"), credits=H("0.4856")
    )

    found = study_summaries_rebuild(write=False)
    assert {(d.table, d.field, d.stored, d.rebuilt) for d in found} == {
        ("daily_study", "class_hours", H("7.77"), H("1.50")),
        ("daily_study", "credits", H("0.4856"), H("0.0937")),
    }
    assert day_row(learner, TODAY).class_hours == H("7.77")  # reported, not written

    assert len(study_summaries_rebuild(write=True)) == 2
    assert (day_row(learner, TODAY).class_hours, day_row(learner, TODAY).credits) == (H("1.50"), H("0.0937"))
    assert study_summaries_rebuild(write=False) == []


def test_a_new_version_changes_no_figure_already_recorded(study, staff):
    learner = study["learner"]
    steady(start(learner, study["video"]), first_seq=0, first_at=0, count=4)
    before = day_row(learner, TODAY)
    standard_create(user=staff, **values(effective_from=TOMORROW, minutes_per_class_hour=1))
    assert study_summaries_rebuild(write=False) == []
    after = day_row(learner, TODAY)
    assert (
        (after.class_hours, after.credits) == (before.class_hours, before.credits) == (H("0.03"), H("0.0018"))
    )
