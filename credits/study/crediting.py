"""How much study time one heartbeat earns: pure rules over plain values, no database.

The server, never the client, decides. Between two accepted heartbeats of the same study
session it credits the wall-clock time that passed on the *server's* clock, and only when:

- both heartbeats say the lesson was playing (or the reading page open) and the page visible;
- the gap is no longer than the heartbeat interval plus a grace (a longer gap — sleep, lost
  network — credits nothing for the gap, but the session goes on from the new heartbeat);
- the player did not jump ahead of the furthest point already watched on a first viewing
  (faster playback moves the position faster, but only wall-clock time is credited, so 2× earns 1×);
- the lesson's declared minutes and the day's online limit are not yet used up.

A span that crosses midnight (Asia/Shanghai) is split between the two days, each under its own
daily limit. The caller records each `DaySpan` in the append-only study record.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

STUDY_TIME_ZONE = ZoneInfo("Asia/Shanghai")


class Reason:
    """Why a span was credited as it was; stored with every study record and sent to the client."""

    CREDITED = "credited"
    NOT_AFTER = "not_after"  # the server clock did not move forward (a replay is refused earlier)
    GAP = "gap"
    PAUSED = "paused"
    HIDDEN = "hidden"
    SEEK_AHEAD = "seek_ahead"
    LESSON_CAP = "lesson_cap"
    DAILY_CAP = "daily_cap"


@dataclass(frozen=True)
class Beat:
    """One accepted heartbeat: the server's receive time and what the client says it was doing."""

    at: datetime.datetime
    position_seconds: float
    playing: bool
    visible: bool
    playback_rate: float = 1.0


@dataclass(frozen=True)
class Rules:
    heartbeat_seconds: int = 30
    grace_seconds: int = 10
    max_playback_rate: float = 2.0
    # Players report positions a little late or early; this much jitter is not a seek.
    seek_tolerance_seconds: float = 5.0


@dataclass(frozen=True)
class DaySpan:
    day: datetime.date
    started_at: datetime.datetime
    ended_at: datetime.datetime
    seconds: int


@dataclass(frozen=True)
class Credit:
    seconds: int
    spans: tuple[DaySpan, ...]
    reason: str
    furthest_position_seconds: float


def study_day(at: datetime.datetime) -> datetime.date:
    """The day a moment of study belongs to: always decided in Asia/Shanghai."""
    return at.astimezone(STUDY_TIME_ZONE).date()


def _next_midnight(at: datetime.datetime) -> datetime.datetime:
    local = at.astimezone(STUDY_TIME_ZONE)
    next_day = local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(next_day, datetime.time(), tzinfo=STUDY_TIME_ZONE)


def split_by_day(
    started_at: datetime.datetime, ended_at: datetime.datetime
) -> list[tuple[datetime.date, datetime.datetime, datetime.datetime]]:
    """[started_at, ended_at) cut at each Asia/Shanghai midnight."""
    pieces = []
    start = started_at
    while start < ended_at:
        end = min(ended_at, _next_midnight(start))
        pieces.append((study_day(start), start, end))
        start = end
    return pieces


def credit_heartbeat(
    *,
    previous: Beat,
    current: Beat,
    furthest_position_seconds: float,
    first_viewing: bool,
    lesson_remaining_seconds: int,
    day_remaining_seconds: Mapping[datetime.date, int],
    rules: Rules = Rules(),
) -> Credit:
    """The credit earned between two consecutive accepted heartbeats of one session.

    `furthest_position_seconds` is the furthest point of the lesson credited so far;
    `day_remaining_seconds` gives, for each day the span touches, what the daily limit still allows
    (a missing day allows nothing).
    """
    furthest = furthest_position_seconds

    def nothing(reason: str) -> Credit:
        return Credit(seconds=0, spans=(), reason=reason, furthest_position_seconds=furthest)

    elapsed = (current.at - previous.at).total_seconds()
    if elapsed <= 0:
        return nothing(Reason.NOT_AFTER)
    if elapsed > rules.heartbeat_seconds + rules.grace_seconds:
        return nothing(Reason.GAP)
    if not (previous.visible and current.visible):
        return nothing(Reason.HIDDEN)
    if not (previous.playing and current.playing):
        return nothing(Reason.PAUSED)
    if first_viewing:
        rate = min(max(current.playback_rate, previous.playback_rate, 1.0), rules.max_playback_rate)
        reachable = max(furthest, previous.position_seconds) + elapsed * rate + rules.seek_tolerance_seconds
        if current.position_seconds > reachable:
            return nothing(Reason.SEEK_AHEAD)
    if lesson_remaining_seconds <= 0:
        return nothing(Reason.LESSON_CAP)

    # Whole seconds only, rounded down: a fraction of a second is never credited.
    budget = min(int(elapsed), lesson_remaining_seconds)
    spans = []
    reason = Reason.CREDITED if budget == int(elapsed) else Reason.LESSON_CAP
    for day, started_at, ended_at in split_by_day(previous.at, current.at):
        if budget <= 0:
            break
        available = int((ended_at - started_at).total_seconds())
        allowed = max(0, day_remaining_seconds.get(day, 0))
        seconds = min(available, budget, allowed)
        if seconds < min(available, budget):
            reason = Reason.DAILY_CAP
        if seconds > 0:
            spans.append(
                DaySpan(
                    day=day,
                    started_at=started_at,
                    ended_at=started_at + datetime.timedelta(seconds=seconds),
                    seconds=seconds,
                )
            )
            budget -= seconds
    credited = sum(span.seconds for span in spans)
    if credited:
        furthest = max(
            furthest,
            min(current.position_seconds, previous.position_seconds + elapsed * rules.max_playback_rate),
        )
    return Credit(seconds=credited, spans=tuple(spans), reason=reason, furthest_position_seconds=furthest)
