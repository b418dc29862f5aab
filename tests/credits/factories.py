"""Study helpers: a server clock under test control, and heartbeats sent at given moments."""

import datetime

import time_machine

from credits.study.crediting import STUDY_TIME_ZONE
from credits.study.services import HeartbeatResult, heartbeat_record, study_session_start

T0 = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=STUDY_TIME_ZONE)


def at(seconds: float) -> datetime.datetime:
    return T0 + datetime.timedelta(seconds=seconds)


def start(learner, lesson, *, when: datetime.datetime = T0):
    with time_machine.travel(when, tick=False):
        return study_session_start(learner=learner, lesson=lesson)


def beat(
    session,
    seq: int,
    when: float | datetime.datetime,
    position: float,
    *,
    playing: bool = True,
    visible: bool = True,
    rate: float = 1.0,
) -> HeartbeatResult:
    """A heartbeat received at `when` (seconds after T0, or a moment) on the server's clock."""
    moment = at(when) if isinstance(when, int | float) else when
    with time_machine.travel(moment, tick=False):
        return heartbeat_record(
            session_id=session.pk,
            learner_id=session.learner_id,
            seq=seq,
            position_seconds=position,
            playing=playing,
            visible=visible,
            playback_rate=rate,
        )


def steady(session, *, first_seq: int, first_at: float, count: int, position: float = 0.0, every: int = 30):
    """`count` playing, visible heartbeats `every` seconds apart; returns the last result."""
    result = None
    for i in range(count):
        result = beat(session, first_seq + i, first_at + i * every, position + i * every)
    return result
