"""The crediting rules, driven with explicit server times: what one heartbeat earns, and why."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from credits.study.crediting import (
    STUDY_TIME_ZONE,
    Beat,
    Reason,
    Rules,
    credit_heartbeat,
    split_by_day,
    study_day,
)

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=STUDY_TIME_ZONE)
DAY = T0.date()
PLENTY = {DAY: 8 * 3600}


def beat(seconds_after: float, position: float, *, playing=True, visible=True, rate=1.0) -> Beat:
    return Beat(
        at=T0 + datetime.timedelta(seconds=seconds_after),
        position_seconds=position,
        playing=playing,
        visible=visible,
        playback_rate=rate,
    )


def credit(previous, current, *, furthest=None, first_viewing=True, lesson_remaining=3600, days=PLENTY):
    return credit_heartbeat(
        previous=previous,
        current=current,
        furthest_position_seconds=previous.position_seconds if furthest is None else furthest,
        first_viewing=first_viewing,
        lesson_remaining_seconds=lesson_remaining,
        day_remaining_seconds=days,
    )


def test_steady_study_credits_the_server_time_between_heartbeats():
    result = credit(beat(0, 100), beat(30, 130))
    assert (result.seconds, result.reason) == (30, Reason.CREDITED)
    assert result.furthest_position_seconds == 130


def test_a_pause_at_either_end_credits_nothing():
    assert credit(beat(0, 100, playing=False), beat(30, 100)).reason == Reason.PAUSED
    assert credit(beat(0, 100), beat(30, 110, playing=False)).seconds == 0


def test_a_hidden_page_at_either_end_credits_nothing():
    assert credit(beat(0, 100, visible=False), beat(30, 130)).reason == Reason.HIDDEN
    assert credit(beat(0, 100), beat(30, 130, visible=False)).seconds == 0


def test_a_long_gap_credits_nothing_for_the_gap():
    result = credit(beat(0, 100), beat(41, 141))
    assert (result.seconds, result.reason) == (0, Reason.GAP)
    # Within the interval plus the grace it still counts.
    assert credit(beat(0, 100), beat(40, 140)).seconds == 40


def test_a_heartbeat_not_after_the_previous_one_credits_nothing():
    assert credit(beat(30, 130), beat(30, 130)).reason == Reason.NOT_AFTER
    assert credit(beat(30, 130), beat(10, 110)).reason == Reason.NOT_AFTER


def test_seeking_ahead_on_a_first_viewing_credits_nothing_and_does_not_move_the_furthest_point():
    result = credit(beat(0, 100), beat(30, 900))
    assert (result.seconds, result.reason) == (0, Reason.SEEK_AHEAD)
    assert result.furthest_position_seconds == 100


def test_seeking_ahead_is_fine_when_watching_again():
    assert credit(beat(0, 100), beat(30, 900), first_viewing=False).seconds == 30


def test_seeking_back_is_fine():
    assert credit(beat(0, 100), beat(30, 20), furthest=300).seconds == 30


def test_double_speed_credits_wall_clock_time_only():
    result = credit(beat(0, 100, rate=2.0), beat(30, 160, rate=2.0))
    assert result.seconds == 30
    assert result.furthest_position_seconds == 160


def test_claiming_a_huge_rate_does_not_allow_a_seek():
    assert credit(beat(0, 100, rate=16), beat(30, 580, rate=16)).reason == Reason.SEEK_AHEAD


def test_a_lesson_never_earns_more_than_it_declares():
    result = credit(beat(0, 100), beat(30, 130), lesson_remaining=12)
    assert (result.seconds, result.reason) == (12, Reason.LESSON_CAP)
    assert credit(beat(0, 100), beat(30, 130), lesson_remaining=0).seconds == 0


def test_the_daily_limit_stops_crediting():
    result = credit(beat(0, 100), beat(30, 130), days={DAY: 7})
    assert (result.seconds, result.reason) == (7, Reason.DAILY_CAP)
    assert credit(beat(0, 100), beat(30, 130), days={DAY: 0}).seconds == 0


def test_a_span_across_midnight_is_split_between_the_two_days():
    before_midnight = datetime.datetime(2026, 3, 2, 23, 59, 50, tzinfo=STUDY_TIME_ZONE)
    previous = Beat(at=before_midnight, position_seconds=0, playing=True, visible=True)
    current = Beat(
        at=before_midnight + datetime.timedelta(seconds=30), position_seconds=30, playing=True, visible=True
    )
    tomorrow = DAY + datetime.timedelta(days=1)
    result = credit(previous, current, days={DAY: 3600, tomorrow: 3600})
    assert [(span.day, span.seconds) for span in result.spans] == [(DAY, 10), (tomorrow, 20)]
    # Yesterday's limit being used up does not stop today's study.
    result = credit(previous, current, days={DAY: 0, tomorrow: 3600})
    assert [(span.day, span.seconds) for span in result.spans] == [(tomorrow, 20)]


def test_the_day_is_decided_in_asia_shanghai_whatever_the_clock_zone():
    utc_evening = datetime.datetime(2026, 3, 2, 17, 30, tzinfo=datetime.UTC)  # 01:30 on 3 March in Changchun
    assert study_day(utc_evening) == datetime.date(2026, 3, 3)


@given(
    elapsed=st.floats(min_value=-5, max_value=200, allow_nan=False),
    advance=st.floats(min_value=-100, max_value=500, allow_nan=False),
    playing=st.tuples(st.booleans(), st.booleans()),
    visible=st.tuples(st.booleans(), st.booleans()),
    rate=st.floats(min_value=0.25, max_value=16, allow_nan=False),
    lesson_remaining=st.integers(min_value=-10, max_value=100),
    day_remaining=st.integers(min_value=-10, max_value=100),
    start_offset=st.integers(min_value=0, max_value=86_399),
)
def test_no_span_ever_earns_more_than_time_passed_or_the_limits_allow(
    elapsed, advance, playing, visible, rate, lesson_remaining, day_remaining, start_offset
):
    start = datetime.datetime(2026, 3, 2, tzinfo=STUDY_TIME_ZONE) + datetime.timedelta(seconds=start_offset)
    previous = Beat(
        at=start, position_seconds=100, playing=playing[0], visible=visible[0], playback_rate=rate
    )
    current = Beat(
        at=start + datetime.timedelta(seconds=elapsed),
        position_seconds=100 + advance,
        playing=playing[1],
        visible=visible[1],
        playback_rate=rate,
    )
    days = {study_day(start): day_remaining, study_day(start) + datetime.timedelta(days=1): day_remaining}
    result = credit_heartbeat(
        previous=previous,
        current=current,
        furthest_position_seconds=100,
        first_viewing=True,
        lesson_remaining_seconds=lesson_remaining,
        day_remaining_seconds=days,
        rules=Rules(),
    )
    assert 0 <= result.seconds <= max(0, int(elapsed))
    assert result.seconds <= max(0, lesson_remaining)
    assert result.seconds == sum(span.seconds for span in result.spans)
    for span in result.spans:
        assert span.seconds <= max(0, day_remaining)
        assert previous.at <= span.started_at < span.ended_at <= current.at
    if result.seconds:
        assert all(playing) and all(visible) and elapsed <= 40


def test_split_by_day_covers_the_span_exactly():
    start = datetime.datetime(2026, 3, 2, 23, 0, tzinfo=STUDY_TIME_ZONE)
    pieces = split_by_day(start, start + datetime.timedelta(hours=26))
    assert [piece[0] for piece in pieces] == [
        DAY,
        DAY + datetime.timedelta(days=1),
        DAY + datetime.timedelta(days=2),
    ]
    assert pieces[0][1] == start and pieces[-1][2] == start + datetime.timedelta(hours=26)
