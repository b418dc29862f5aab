"""Writes of study time: starting a study session and recording a heartbeat.

`heartbeat_record` is the one door through which online study time enters the ledger. It runs in one
transaction with the session row locked, so the beats of one session are applied one at a time; since a
learner has one active session and starting another must take that lock too (to supersede it), the
learner's lesson and daily totals are only ever written by one beat at a time. The server clock decides
every time; the client reports only what the player was doing. The rules themselves are the pure
functions of `credits.study.crediting`.
"""

import datetime
import math
import random
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import LessonKind, LessonPage, QuizLessonPage
from courses.quiz import QuizResult
from credits.errors import StudyError
from credits.rules.conversion import Standard, credits_for, online_class_hours
from credits.rules.standard import ONLINE_FIELDS, standard_field_on
from credits.study.crediting import Beat, Rules, credit_heartbeat, split_by_day, study_day
from credits.study.models import (
    DailyStudy,
    Heartbeat,
    LessonProgress,
    QuizAttempt,
    StudyRecord,
    StudySession,
    StudySource,
)
from credits.study.selectors import enrolled_for_lesson, resume_position
from learners.models import Learner

# How far past the lesson's declared length a reported position may be (players overrun, videos may be a
# little longer than the declared minutes).
POSITION_SLACK_SECONDS = 600
MIN_PLAYBACK_RATE = 0.1
MAX_PLAYBACK_RATE = 16.0
# The reason given for the first heartbeat of a session: it starts the clock, nothing before it counts.
REASON_STARTED = "started"
# The reason given when a retried heartbeat (same `seq`) is answered again without crediting.
REASON_REPLAYED = "replayed"
# The reason given while a "still there?" check has gone unanswered past its answer time.
REASON_PRESENCE = "presence_unconfirmed"


def next_presence_check(*, lesson: LessonPage, now: datetime.datetime) -> datetime.datetime | None:
    """When to ask "still there?" next on `lesson`: at a random moment, so that it cannot be scripted
    around; never on short lessons or when the check is turned off."""
    if (
        not settings.ACADEMY_PRESENCE_CHECK
        or lesson.minutes < settings.ACADEMY_PRESENCE_CHECK_MIN_LESSON_MINUTES
    ):
        return None
    minutes = random.uniform(
        settings.ACADEMY_PRESENCE_CHECK_MIN_MINUTES, settings.ACADEMY_PRESENCE_CHECK_MAX_MINUTES
    )
    return now + datetime.timedelta(minutes=minutes)


def presence_lapsed(session: StudySession, now: datetime.datetime) -> bool:
    """The check fell due and was not answered in time: crediting stops until it is."""
    return session.presence_check_at is not None and now > session.presence_check_at + datetime.timedelta(
        seconds=settings.ACADEMY_PRESENCE_CHECK_ANSWER_SECONDS
    )


def rules() -> Rules:
    return Rules(heartbeat_seconds=settings.ACADEMY_HEARTBEAT_SECONDS)


@transaction.atomic
def study_session_start(
    *, learner: Learner, lesson: LessonPage, now: datetime.datetime | None = None
) -> StudySession:
    """Open a crediting session on `lesson`; any other active session of the learner is superseded.
    `now` is for tests and demo data; the server clock decides."""
    if lesson.lesson_kind == LessonKind.QUIZ:
        raise ValidationError(_("A quiz is completed by passing it, not by time."), code=StudyError.NOT_TIMED)
    if not enrolled_for_lesson(learner_id=learner.pk, lesson=lesson):
        raise ValidationError(
            _("Enrol in the course before studying its lessons."), code=StudyError.NOT_ENROLLED
        )
    # Starts of one learner queue here, so two devices starting at once cannot both stay active. NO KEY:
    # a crediting heartbeat's foreign-key checks on the learner (FOR KEY SHARE, at its commit) must not
    # wait for this lock while this start waits for that heartbeat's session row — a deadlock.
    Learner.objects.select_for_update(no_key=True).filter(pk=learner.pk).values_list("pk").get()
    now = now or timezone.now()
    StudySession.objects.filter(learner=learner, superseded_at__isnull=True).update(superseded_at=now)
    progress, _created = LessonProgress.objects.get_or_create(learner=learner, lesson=lesson)
    return StudySession.objects.create(
        learner=learner,
        lesson=lesson,
        progress=progress,
        started_at=now,
        last_position_seconds=resume_position(learner_id=learner.pk, lesson_id=lesson.pk),
        presence_check_at=next_presence_check(lesson=lesson, now=now),
    )


@dataclass(frozen=True)
class HeartbeatResult:
    credited_seconds: int  # the learner's total on the lesson
    lesson_seconds: int  # what the lesson declares
    lesson_complete: bool
    credited_now: int  # what this heartbeat earned
    reason: str
    presence_check: bool = False  # a "still there?" check is due: ask the learner


def _refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _day_used(day: datetime.date) -> Subquery:
    return Subquery(
        DailyStudy.objects.filter(learner_id=OuterRef("learner_id"), study_day=day).values(
            "credited_seconds"
        )[:1]
    )


def _day_standard(day: datetime.date, prefix: str) -> dict:
    """Annotations of the conversion standard in force on `day`, so the heartbeat's one read gets them."""
    return {f"{prefix}_{field}": standard_field_on(day, field) for field in ONLINE_FIELDS}


def _annotated_standard(session: StudySession, day: datetime.date, prefix: str) -> Standard:
    values = {field: getattr(session, f"{prefix}_{field}") for field in ONLINE_FIELDS}
    if values["minutes_per_class_hour"] is None:  # before the first version: the defaults apply
        return Standard(effective_from=day)
    return Standard(effective_from=day, **values)


@transaction.atomic
def heartbeat_record(
    *,
    session_id: int,
    learner_id: int | None = None,
    user_id: int | None = None,
    seq: int,
    position_seconds: float,
    playing: bool,
    visible: bool,
    playback_rate: float,
    now: datetime.datetime | None = None,
) -> HeartbeatResult:
    """Accept one heartbeat of a study session and credit what the rules allow, in a fixed number of
    queries. A heartbeat whose `seq` equals the last accepted one is a retry: it is answered with the
    current totals and credits nothing again. `now` is for tests; the server clock decides.

    The session must be the learner's (`learner_id`) or the signed-in user's (`user_id`, as the API
    passes it, so that checking whose it is costs no query of its own). One statement reads and locks the
    session with the lesson, the lesson progress and the day totals a span can touch (today and, across
    midnight, yesterday: a creditable span is never longer than the heartbeat interval plus the grace)."""
    if (learner_id is None) == (user_id is None):
        raise TypeError("Pass exactly one of learner_id and user_id.")
    now = now or timezone.now()
    today = study_day(now)
    yesterday = today - datetime.timedelta(days=1)
    owner = {"learner_id": learner_id} if learner_id is not None else {"learner__user_id": user_id}
    session = (
        StudySession.objects.select_for_update(of=("self", "progress"))
        # Only the lesson's minutes: a whole lesson page is a heavy object to build on the hot path.
        .select_related("progress")
        .annotate(
            lesson_minutes=F("lesson__minutes"),
            used_today=_day_used(today),
            used_yesterday=_day_used(yesterday),
            **_day_standard(today, "today"),
            **_day_standard(yesterday, "yesterday"),
        )
        .filter(pk=session_id, **owner)
        .first()
    )
    if session is None:
        raise _refuse(_("No such study session of yours."), StudyError.NOT_YOUR_SESSION)
    if session.superseded_at is not None:
        raise _refuse(_("Another study session has taken over."), StudyError.SUPERSEDED)
    learner_id = session.learner_id
    progress = session.progress
    standards = {
        today: _annotated_standard(session, today, "today"),
        yesterday: _annotated_standard(session, yesterday, "yesterday"),
    }
    lesson_seconds = session.lesson_minutes * 60
    if session.last_seq is not None and seq < session.last_seq:
        raise _refuse(
            _("This heartbeat's sequence number is older than the last one."), StudyError.STALE_SEQUENCE
        )
    if session.last_seq is not None and seq == session.last_seq:
        return HeartbeatResult(
            credited_seconds=progress.credited_seconds,
            lesson_seconds=lesson_seconds,
            lesson_complete=progress.completed_at is not None,
            credited_now=0,
            reason=REASON_REPLAYED,
            presence_check=_presence_due(session, now),
        )
    if not (
        math.isfinite(position_seconds)
        and 0 <= position_seconds <= lesson_seconds + POSITION_SLACK_SECONDS
        and math.isfinite(playback_rate)
        and MIN_PLAYBACK_RATE <= playback_rate <= MAX_PLAYBACK_RATE
    ):
        raise _refuse(_("The position or the playback rate is out of range."), StudyError.INVALID)

    current = Beat(
        at=now,
        position_seconds=position_seconds,
        playing=playing,
        visible=visible,
        playback_rate=playback_rate,
    )
    credited_now, reason, spans = 0, REASON_STARTED, ()
    furthest = progress.furthest_position_seconds
    if presence_lapsed(session, now):
        reason = REASON_PRESENCE
    elif session.last_beat_at is not None:
        previous = Beat(
            at=session.last_beat_at,
            position_seconds=session.last_position_seconds,
            playing=session.last_playing,
            visible=session.last_visible,
            playback_rate=session.last_rate,
        )
        days = {day for day, _start, _end in split_by_day(previous.at, now)}
        used = {today: session.used_today or 0, yesterday: session.used_yesterday or 0}
        credit = credit_heartbeat(
            previous=previous,
            current=current,
            furthest_position_seconds=furthest,
            first_viewing=progress.completed_at is None,
            lesson_remaining_seconds=lesson_seconds - progress.credited_seconds,
            # An older day than yesterday is only touched by a gap, which credits nothing.
            day_remaining_seconds={
                day: standards[day].daily_online_limit_seconds - used[day] for day in days if day in used
            },
            rules=rules(),
        )
        credited_now, reason, spans, furthest = (
            credit.seconds,
            credit.reason,
            credit.spans,
            credit.furthest_position_seconds,
        )

    Heartbeat.objects.create(
        session=session,
        seq=seq,
        received_at=now,
        position_seconds=position_seconds,
        playing=playing,
        visible=visible,
        playback_rate=playback_rate,
        credited_seconds=credited_now,
        reason=reason,
    )
    if spans:
        StudyRecord.objects.bulk_create(
            StudyRecord(
                learner_id=learner_id,
                lesson_id=session.lesson_id,
                session=session,
                started_at=span.started_at,
                ended_at=span.ended_at,
                study_day=span.day,
                seconds=span.seconds,
                lesson_minutes_at_time=session.lesson_minutes,
                furthest_position_seconds=furthest,
                source=StudySource.ONLINE,
                reason=reason,
                created_at=now,
            )
            for span in spans
        )
        progress.credited_seconds += credited_now
        progress.furthest_position_seconds = furthest
        if progress.completed_at is None and progress.credited_seconds >= lesson_seconds:
            progress.completed_at = now
        progress.save(update_fields=["credited_seconds", "furthest_position_seconds", "completed_at"])
        day_totals = [(span.day, used.get(span.day, 0) + span.seconds) for span in spans]
        day_hours = {day: online_class_hours(seconds, standards[day]) for day, seconds in day_totals}
        DailyStudy.objects.bulk_create(
            [
                DailyStudy(
                    learner_id=learner_id,
                    study_day=day,
                    credited_seconds=seconds,
                    class_hours=day_hours[day],
                    credits=credits_for(day_hours[day], standards[day]),
                )
                for day, seconds in day_totals
            ],
            update_conflicts=True,
            unique_fields=["learner", "study_day"],
            update_fields=["credited_seconds", "class_hours", "credits"],
        )
    session.last_seq = seq
    session.last_beat_at = now
    session.last_position_seconds = position_seconds
    session.last_playing = playing
    session.last_visible = visible
    session.last_rate = playback_rate
    session.save(
        update_fields=[
            "last_seq",
            "last_beat_at",
            "last_position_seconds",
            "last_playing",
            "last_visible",
            "last_rate",
        ]
    )
    return HeartbeatResult(
        credited_seconds=progress.credited_seconds,
        lesson_seconds=lesson_seconds,
        lesson_complete=progress.completed_at is not None,
        credited_now=credited_now,
        reason=reason,
        presence_check=_presence_due(session, now),
    )


def _presence_due(session: StudySession, now: datetime.datetime) -> bool:
    return session.presence_check_at is not None and now >= session.presence_check_at


@transaction.atomic
def presence_confirm(
    *, session_id: int, learner_id: int, now: datetime.datetime | None = None
) -> StudySession:
    """The learner answered "still there?": schedule the next check. After a lapse, crediting starts
    again from the next heartbeat, as at the start of a session, so the unattended time stays uncredited."""
    now = now or timezone.now()
    session = (
        StudySession.objects.select_for_update(of=("self",))
        .select_related("lesson")
        .filter(pk=session_id, learner_id=learner_id)
        .first()
    )
    if session is None:
        raise _refuse(_("No such study session of yours."), StudyError.NOT_YOUR_SESSION)
    if session.superseded_at is not None:
        raise _refuse(_("Another study session has taken over."), StudyError.SUPERSEDED)
    if not _presence_due(session, now):
        return session  # nothing was asked (or a repeated answer): nothing to do
    if presence_lapsed(session, now):
        session.last_beat_at = None
    session.presence_check_at = next_presence_check(lesson=session.lesson, now=now)
    session.save(update_fields=["presence_check_at", "last_beat_at"])
    return session


@transaction.atomic
def quiz_attempt_record(*, learner: Learner, quiz: QuizLessonPage, result: QuizResult) -> QuizAttempt | None:
    """Keep a graded quiz of an enrolled learner; the first pass completes the quiz lesson. Anyone may
    try a quiz, but only an enrolled learner's attempt counts (and is kept)."""
    if not enrolled_for_lesson(learner_id=learner.pk, lesson=quiz):
        return None
    now = timezone.now()
    attempt = QuizAttempt.objects.create(
        learner=learner,
        lesson=quiz,
        score_percent=result.score_percent,
        pass_mark_percent=result.pass_mark_percent,
        passed=result.passed,
        submitted_at=now,
    )
    if result.passed:
        LessonProgress.objects.get_or_create(learner=learner, lesson=quiz)
        LessonProgress.objects.filter(learner=learner, lesson=quiz, completed_at__isnull=True).update(
            completed_at=now
        )
    return attempt
