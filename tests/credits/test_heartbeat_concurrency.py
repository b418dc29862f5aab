"""Heartbeats and session starts racing each other in real concurrent transactions.

The crediting rules are tested one beat at a time elsewhere; here many threads, each with its own
database connection, are released together by a barrier, so that the row locks of `heartbeat_record`
and `study_session_start` are what keeps the ledger right: no second lost, none counted twice. The
server clock is the `now=` argument, since threads cannot share a time-machine travel.

PostgreSQL only: SQLite takes one writer at a time for the whole file, so nothing would race there.
"""

import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum

from courses.enrolments.services import enrolment_create
from courses.models import LessonPage
from credits.errors import StudyError
from credits.rules.models import ConversionStandard
from credits.study.crediting import Reason, study_day
from credits.study.models import DailyStudy, Heartbeat, LessonProgress, StudyRecord, StudySession
from credits.study.services import REASON_REPLAYED, heartbeat_record, study_session_start
from learners.models import Learner
from tests.credits.factories import T0, at, beat, start
from tests.learners.factories import make_learner

pytestmark = [
    # Skipped before any fixture runs, so that no transactional setup and flush happen for nothing.
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises all writers, so no two transactions can race",
    ),
    pytest.mark.django_db(transaction=True),
]

# Every wait on a thread is bounded: a deadlock that PostgreSQL did not break fails the test, not CI.
JOIN_SECONDS = 60


@pytest.fixture(autouse=True)
def _postgresql_without_presence_check(request, settings):
    # Threads see only committed rows, so these tests commit; the browser tests' fixture puts back what
    # the migrations made (Wagtail's root page), which the flush after a transactional test removes.
    request.getfixturevalue("migrated_db")
    # The "still there?" check would stop crediting at random moments; these tests count seconds exactly.
    settings.ACADEMY_PRESENCE_CHECK = False


def run_together(tasks: list[Callable[[], object]]) -> list[object]:
    """Run each task in its own thread, all released at once; each task's result or exception, in order."""
    barrier = threading.Barrier(len(tasks))
    outcomes: list[object] = [None] * len(tasks)

    def run(index: int, task: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=JOIN_SECONDS)
            outcomes[index] = task()
        except BaseException as error:  # noqa: BLE001 (every failure is asserted on by the test)
            outcomes[index] = error
        finally:
            # The thread's own connection would otherwise stay open and block the test database's flush.
            connection.close()

    threads = [threading.Thread(target=run, args=(i, task), daemon=True) for i, task in enumerate(tasks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a thread is still waiting: deadlock?"
    return outcomes


def send(session_id: int, learner_id: int, seq: int, seconds: float, position: float):
    """One playing, visible heartbeat received `seconds` after T0 on the server's clock."""
    return heartbeat_record(
        session_id=session_id,
        learner_id=learner_id,
        seq=seq,
        position_seconds=position,
        playing=True,
        visible=True,
        playback_rate=1.0,
        now=at(seconds),
    )


def refusal_code(outcome: object) -> str | None:
    return outcome.code if isinstance(outcome, ValidationError) else None


def unexpected(outcomes: list[object], allowed_codes: set[str] = frozenset()) -> list[object]:
    """Outcomes that are neither a result nor one of the allowed refusals (a 500 in the API)."""
    return [
        outcome
        for outcome in outcomes
        if isinstance(outcome, BaseException) and refusal_code(outcome) not in allowed_codes
    ]


def ledger(learner_id: int) -> dict[str, int]:
    """The learner's credited seconds as the record, the lesson summaries and the day summary see them."""

    def total(queryset) -> int:
        return queryset.filter(learner_id=learner_id).aggregate(total=Sum("credited_seconds"))["total"] or 0

    return {
        "records": StudyRecord.objects.filter(learner_id=learner_id).aggregate(total=Sum("seconds"))["total"]
        or 0,
        "lessons": total(LessonProgress.objects),
        "days": total(DailyStudy.objects),
    }


def wait_for_lock_waiters(count: int, timeout_seconds: float = 10.0) -> None:
    """Return once `count` backends of this database wait on a lock: the only way to know that a thread
    has reached the statement it is meant to block on. Polls PostgreSQL, bounded in time."""
    deadline = time.monotonic() + timeout_seconds
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] >= count:
                return
            assert time.monotonic() < deadline, f"fewer than {count} transactions waiting on a lock"
            time.sleep(0.02)


def enrolled_learners(course, count: int) -> list[Learner]:
    learners = [make_learner(name=f"学员{i}") for i in range(count)]
    for learner in learners:
        enrolment_create(learner=learner, course=course)
    return learners


def test_many_learners_beating_at_once_are_each_credited_every_second_exactly_once(study):
    beats, learners = 30, enrolled_learners(study["course"], 12)
    sessions = [start(learner, study["video"]) for learner in learners]

    def steady(session: StudySession) -> list[int]:
        return [
            send(session.pk, session.learner_id, seq, seconds=30 * seq, position=30 * seq).credited_now
            for seq in range(beats + 1)
        ]

    outcomes = run_together([lambda session=session: steady(session) for session in sessions])

    assert unexpected(outcomes) == []
    expected = 30 * beats
    assert all(outcome == [0] + [30] * beats for outcome in outcomes)
    for learner in learners:
        assert ledger(learner.pk) == {"records": expected, "lessons": expected, "days": expected}
        day = DailyStudy.objects.get(learner=learner)
        assert (day.study_day, day.credited_seconds) == (study_day(T0), expected)
    assert Heartbeat.objects.count() == len(learners) * (beats + 1)


def test_the_same_heartbeat_sent_many_times_at_once_is_credited_once(study):
    learner = study["learner"]
    session = start(learner, study["video"])
    beat(session, 0, 0, 0)
    beat(session, 1, 30, 30)
    copies = 16

    outcomes = run_together([lambda: send(session.pk, learner.pk, 2, seconds=60, position=60)] * copies)

    assert unexpected(outcomes, {StudyError.STALE_SEQUENCE}) == []
    answered = [outcome for outcome in outcomes if not isinstance(outcome, BaseException)]
    assert Counter((result.credited_now, result.reason) for result in answered) == {
        (30, Reason.CREDITED): 1,
        (0, REASON_REPLAYED): len(answered) - 1,
    }
    assert {result.credited_seconds for result in answered} == {60}
    assert Heartbeat.objects.filter(session=session, seq=2).count() == 1
    assert ledger(learner.pk) == {"records": 60, "lessons": 60, "days": 60}


def test_sessions_started_at_once_leave_exactly_one_active_and_the_others_credit_nothing(study):
    learner_id, lesson_id, starts = study["learner"].pk, study["video"].pk, 12

    def start_fresh() -> StudySession:
        # Fresh instances per thread, as each request would load its own.
        return study_session_start(
            learner=Learner.objects.get(pk=learner_id), lesson=LessonPage.objects.get(pk=lesson_id).specific
        )

    started = run_together([start_fresh] * starts)

    assert unexpected(started) == []
    active = StudySession.objects.filter(learner_id=learner_id, superseded_at__isnull=True)
    assert active.count() == 1
    assert (
        StudySession.objects.filter(learner_id=learner_id, superseded_at__isnull=False).count() == starts - 1
    )
    survivor = active.get().pk

    def two_beats(session_id: int) -> list[object]:
        results = []
        for seq in (0, 1):
            try:
                results.append(send(session_id, learner_id, seq, seconds=30 * seq, position=30 * seq))
            except ValidationError as error:
                results.append(error.code)
        return results

    outcomes = run_together([lambda pk=session.pk: two_beats(pk) for session in started])

    assert unexpected(outcomes) == []
    for session, outcome in zip(started, outcomes, strict=True):
        if session.pk == survivor:
            assert [result.credited_now for result in outcome] == [0, 30]
        else:
            assert outcome == [StudyError.SUPERSEDED, StudyError.SUPERSEDED]
    assert not Heartbeat.objects.exclude(session_id=survivor).exists()
    assert ledger(learner_id) == {"records": 30, "lessons": 30, "days": 30}


def test_takeovers_racing_heartbeats_never_credit_beyond_the_daily_limit(study, settings):
    ConversionStandard.objects.update(minutes_per_class_hour=5, daily_online_class_hours=1)
    limit_seconds, devices, rounds, beats = 5 * 60, 4, 8, 5
    learner_id = study["learner"].pk
    lesson_ids = [study["video"].pk, study["reading"].pk]

    rounds_together = threading.Barrier(devices)

    def device(index: int) -> list[object]:
        """Each round, every device starts a session and beats on it until refused: the starts race each
        other and the beats of whichever session won so far."""
        outcomes = []
        for round_ in range(rounds):
            rounds_together.wait(JOIN_SECONDS)
            lesson = LessonPage.objects.get(pk=lesson_ids[(index + round_) % 2]).specific
            base = 30 * (beats + 1) * round_  # each round on its own stretch of the day
            try:
                session = study_session_start(learner=Learner.objects.get(pk=learner_id), lesson=lesson)
                for seq in range(beats):
                    outcomes.append(
                        send(session.pk, learner_id, seq, seconds=base + 30 * seq, position=30 * seq)
                    )
            except ValidationError as error:
                outcomes.append(error)
        return outcomes

    def device_or_abort(index: int) -> list[object]:
        try:
            return device(index)
        except BaseException:
            rounds_together.abort()  # the other devices fail now rather than at the barrier's timeout
            raise

    per_device = run_together([lambda index=index: device_or_abort(index) for index in range(devices)])

    assert unexpected(per_device) == []
    outcomes = [outcome for device_outcomes in per_device for outcome in device_outcomes]
    assert unexpected(outcomes, {StudyError.SUPERSEDED}) == []
    totals = ledger(learner_id)
    # The rounds offer several times the limit, so it is reached; never passed.
    assert totals == {"records": limit_seconds, "lessons": limit_seconds, "days": limit_seconds}
    assert any(getattr(outcome, "reason", None) == Reason.DAILY_CAP for outcome in outcomes)
    credited = sum(outcome.credited_now for outcome in outcomes if not isinstance(outcome, BaseException))
    assert credited == totals["records"]
    assert DailyStudy.objects.get(learner_id=learner_id).study_day == study_day(T0)


def test_a_takeover_waiting_on_a_crediting_heartbeat_lets_it_commit_and_then_supersedes_it(study):
    learner, lesson_progress_of = study["learner"], LessonProgress.objects.filter(lesson=study["video"])
    session = start(learner, study["video"])
    beat(session, 0, 0, 0)
    hold, held = threading.Event(), threading.Event()

    def blocker() -> None:
        # Holds the lesson summary so that the heartbeat stops just before its last writes, session locked.
        with transaction.atomic():
            lesson_progress_of.select_for_update().get(learner=learner)
            held.set()
            hold.wait(JOIN_SECONDS)

    def heartbeat():
        held.wait(JOIN_SECONDS)
        return send(session.pk, learner.pk, 1, seconds=30, position=30)

    def takeover():
        wait_for_lock_waiters(1)  # the heartbeat has the session and waits on the blocker
        return study_session_start(
            learner=Learner.objects.get(pk=learner.pk),
            lesson=LessonPage.objects.get(pk=study["reading"].pk).specific,
        )

    def release():
        wait_for_lock_waiters(2)  # the takeover has the learner and waits on the heartbeat's session
        hold.set()

    outcomes = run_together([blocker, heartbeat, takeover, release])

    assert [outcome for outcome in outcomes if isinstance(outcome, BaseException)] == []
    credited, new_session = outcomes[1], outcomes[2]
    assert credited.credited_now == 30
    assert StudySession.objects.get(pk=session.pk).superseded_at is not None
    assert StudySession.objects.get(learner=learner, superseded_at__isnull=True) == new_session
    assert ledger(learner.pk) == {"records": 30, "lessons": 30, "days": 30}
