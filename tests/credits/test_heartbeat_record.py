"""The crediting rules driven through `heartbeat_record` with a controlled server clock."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from credits.errors import StudyError
from credits.ledger import AppendOnlyError
from credits.rules.models import ConversionStandard
from credits.study.crediting import STUDY_TIME_ZONE, Reason
from credits.study.models import DailyStudy, Heartbeat, LessonProgress, StudyRecord
from credits.study.services import REASON_REPLAYED, REASON_STARTED, study_session_start
from tests.courses.factories import add_video_lesson
from tests.credits.factories import T0, at, beat, start, steady


def total(learner, lesson) -> int:
    return LessonProgress.objects.get(learner=learner, lesson=lesson).credited_seconds


def error_code(excinfo) -> str:
    return excinfo.value.code


def test_steady_study_credits_the_server_time_between_heartbeats(study):
    session = start(study["learner"], study["video"])
    first = beat(session, 0, 0, 0)
    assert (first.credited_now, first.reason) == (0, REASON_STARTED)
    result = steady(session, first_seq=1, first_at=30, count=2, position=30)
    assert (result.credited_seconds, result.credited_now, result.reason) == (60, 30, Reason.CREDITED)
    assert result.lesson_seconds == 20 * 60 and not result.lesson_complete
    records = list(StudyRecord.objects.order_by("started_at"))
    assert [(r.started_at, r.ended_at, r.seconds) for r in records] == [
        (at(0), at(30), 30),
        (at(30), at(60), 30),
    ]
    assert {r.lesson_minutes_at_time for r in records} == {20}
    assert {r.source for r in records} == {"online"}
    assert DailyStudy.objects.get(learner=study["learner"]).credited_seconds == 60


def test_a_pause_credits_nothing_until_two_playing_heartbeats_again(study):
    session = start(study["learner"], study["video"])
    beat(session, 0, 0, 0)
    paused = beat(session, 1, 30, 30, playing=False)
    assert (paused.credited_now, paused.reason) == (0, Reason.PAUSED)
    resumed = beat(session, 2, 60, 30)
    assert (resumed.credited_now, resumed.reason) == (0, Reason.PAUSED)
    assert beat(session, 3, 90, 60).credited_now == 30
    assert total(study["learner"], study["video"]) == 30


def test_a_hidden_page_credits_nothing(study):
    session = start(study["learner"], study["video"])
    beat(session, 0, 0, 0)
    hidden = beat(session, 1, 30, 30, visible=False)
    assert (hidden.credited_now, hidden.reason) == (0, Reason.HIDDEN)
    assert total(study["learner"], study["video"]) == 0


def test_a_long_gap_credits_nothing_for_the_gap_but_the_session_goes_on(study):
    session = start(study["learner"], study["video"])
    beat(session, 0, 0, 0)
    gap = beat(session, 1, 600, 30)
    assert (gap.credited_now, gap.reason) == (0, Reason.GAP)
    assert beat(session, 2, 630, 60).credited_now == 30


def test_second_session_takes_over_and_first_stops_crediting(study):
    learner = study["learner"]
    first = start(learner, study["video"])
    beat(first, 0, 0, 0)
    beat(first, 1, 30, 30)
    second = start(learner, study["reading"], when=at(40))
    with pytest.raises(ValidationError) as refused:
        beat(first, 2, 60, 60)
    assert error_code(refused) == StudyError.SUPERSEDED
    beat(second, 0, 45, 0)
    assert beat(second, 1, 75, 30).credited_now == 30
    assert total(learner, study["video"]) == 30


def test_a_replayed_heartbeat_is_accepted_once_and_answered_with_the_totals(study):
    session = start(study["learner"], study["video"])
    beat(session, 0, 0, 0)
    first = beat(session, 1, 30, 30)
    again = beat(session, 1, 35, 35)
    assert (again.credited_seconds, again.credited_now, again.reason) == (30, 0, REASON_REPLAYED)
    assert first.credited_seconds == 30
    assert Heartbeat.objects.filter(session=session, seq=1).count() == 1
    assert StudyRecord.objects.count() == 1
    # The replay did not move the session's clock: the next beat is measured from the accepted one.
    assert beat(session, 2, 60, 60).credited_now == 30


def test_a_sequence_number_from_the_past_is_refused_and_credits_nothing(study):
    session = start(study["learner"], study["video"])
    beat(session, 5, 0, 0)
    beat(session, 6, 30, 30)
    with pytest.raises(ValidationError) as refused:
        beat(session, 4, 60, 60)
    assert error_code(refused) == StudyError.STALE_SEQUENCE
    assert total(study["learner"], study["video"]) == 30


def test_seeking_ahead_on_a_first_viewing_credits_nothing(study):
    session = start(study["learner"], study["video"])
    beat(session, 0, 0, 0)
    jump = beat(session, 1, 30, 600)
    assert (jump.credited_now, jump.reason) == (0, Reason.SEEK_AHEAD)
    assert LessonProgress.objects.get(learner=study["learner"]).furthest_position_seconds == 0


def test_double_speed_credits_wall_clock_time_only(study):
    session = start(study["learner"], study["video"])
    beat(session, 0, 0, 0, rate=2.0)
    fast = beat(session, 1, 30, 60, rate=2.0)
    assert (fast.credited_now, fast.reason) == (30, Reason.CREDITED)
    assert LessonProgress.objects.get(learner=study["learner"]).furthest_position_seconds == 60


def test_the_lesson_cap_stops_at_its_minutes_and_completes_the_lesson(study):
    short = add_video_lesson(study["course"], title="短视频", minutes=1)
    session = start(study["learner"], short)
    result = steady(session, first_seq=0, first_at=0, count=3)
    assert (result.credited_seconds, result.lesson_complete) == (60, True)
    capped = beat(session, 3, 90, 90)
    assert (capped.credited_now, capped.credited_seconds, capped.reason) == (0, 60, Reason.LESSON_CAP)
    assert LessonProgress.objects.get(lesson=short).completed_at == at(60)


def test_the_daily_cap_applies_across_lessons(study):
    # The standard in force sets the cap: 1 class hour of 1 minute is 60 seconds a day.
    ConversionStandard.objects.update(minutes_per_class_hour=1, daily_online_class_hours=1)
    learner = study["learner"]
    video = start(learner, study["video"])
    steady(video, first_seq=0, first_at=0, count=2)  # 30 s
    reading = start(learner, study["reading"], when=at(100))
    steady(reading, first_seq=0, first_at=100, count=2)  # 30 s: the day is full
    full = beat(reading, 2, 160, 60)
    assert (full.credited_now, full.reason) == (0, Reason.DAILY_CAP)
    assert DailyStudy.objects.get(learner=learner).credited_seconds == 60
    # The next day has its own limit.
    tomorrow = start(learner, study["video"], when=at(86400))
    assert steady(tomorrow, first_seq=0, first_at=86400, count=2, position=30).credited_now == 30


def test_a_span_across_midnight_is_split_between_the_two_days(study):
    before_midnight = datetime.datetime(2026, 3, 2, 23, 59, 45, tzinfo=STUDY_TIME_ZONE)
    session = start(study["learner"], study["video"], when=before_midnight)
    beat(session, 0, before_midnight, 0)
    result = beat(session, 1, before_midnight + datetime.timedelta(seconds=30), 30)
    assert result.credited_now == 30
    days = dict(DailyStudy.objects.values_list("study_day", "credited_seconds"))
    assert days == {datetime.date(2026, 3, 2): 15, datetime.date(2026, 3, 3): 15}
    assert sorted(StudyRecord.objects.values_list("study_day", "seconds")) == [
        (datetime.date(2026, 3, 2), 15),
        (datetime.date(2026, 3, 3), 15),
    ]


def test_a_position_beyond_the_lesson_is_refused(study):
    session = start(study["learner"], study["video"])
    with pytest.raises(ValidationError) as refused:
        beat(session, 0, 0, 20 * 60 + 601)
    assert error_code(refused) == StudyError.INVALID
    assert not Heartbeat.objects.exists()


def test_another_persons_session_is_not_found(study):
    from tests.learners.factories import make_learner

    session = start(study["learner"], study["video"])
    stranger = make_learner(name="赵外")
    session.learner_id = stranger.pk
    with pytest.raises(ValidationError) as refused:
        beat(session, 0, 0, 0)
    assert error_code(refused) == StudyError.NOT_YOUR_SESSION


def test_studying_needs_an_enrolment_and_a_timed_lesson(study):
    with pytest.raises(ValidationError) as refused:
        study_session_start(learner=study["learner"], lesson=study["other_lesson"])
    assert error_code(refused) == StudyError.NOT_ENROLLED
    with pytest.raises(ValidationError) as refused:
        study_session_start(learner=study["learner"], lesson=study["quiz"])
    assert error_code(refused) == StudyError.NOT_TIMED


def test_a_study_record_cannot_be_changed(study):
    session = start(study["learner"], study["video"])
    steady(session, first_seq=0, first_at=0, count=2)
    record = StudyRecord.objects.get()
    record.seconds = 3000
    with pytest.raises(AppendOnlyError):
        record.save()


def test_a_heartbeat_makes_a_constant_number_of_queries_and_a_replay_fewer(study):
    session = start(study["learner"], study["video"])
    beat(session, 0, 0, 0)
    counts = []
    for seq in (1, 2, 3):
        with CaptureQueriesContext(connection) as queries:
            assert beat(session, seq, seq * 30, seq * 30).credited_now == 30
        counts.append(len(queries))
    # Inside the test's transaction the service's own transaction is a savepoint and its release (2), then:
    # read and lock the session with its lesson, progress and day totals; insert the heartbeat and the
    # record; update the progress; upsert the day; update the session.
    assert counts == [2 + 6] * 3
    with CaptureQueriesContext(connection) as replay:
        assert beat(session, 3, 95, 90).reason == REASON_REPLAYED
    assert len(replay) == 2 + 1  # the one read answers a replay


def test_the_first_heartbeat_of_a_session_is_measured_from_the_server_clock_not_the_start(study):
    session = start(study["learner"], study["video"], when=T0)
    assert beat(session, 0, 25, 0).credited_now == 0
