"""The "still there?" check: due at a (here fixed) moment on long lessons; unanswered for a minute, it
stops crediting until the learner answers, and the unattended time stays uncredited."""

import pytest
from django.core.exceptions import ValidationError

from credits.errors import StudyError
from credits.study.models import StudySession
from credits.study.services import REASON_PRESENCE, REASON_STARTED, presence_confirm
from tests.courses.factories import add_video_lesson
from tests.credits.factories import at, beat, start, steady


@pytest.fixture
def presence(settings):
    settings.ACADEMY_PRESENCE_CHECK = True
    settings.ACADEMY_PRESENCE_CHECK_MIN_LESSON_MINUTES = 10
    # Due exactly 5 minutes after the session starts or the last answer.
    settings.ACADEMY_PRESENCE_CHECK_MIN_MINUTES = 5
    settings.ACADEMY_PRESENCE_CHECK_MAX_MINUTES = 5
    settings.ACADEMY_PRESENCE_CHECK_ANSWER_SECONDS = 60
    return settings


def confirm(session, when: float):
    return presence_confirm(session_id=session.pk, learner_id=session.learner_id, now=at(when))


def test_the_check_is_asked_when_due_and_an_answer_in_time_loses_nothing(study, presence):
    session = start(study["learner"], study["video"])
    assert session.presence_check_at == at(300)
    beat(session, 0, 0, 0)
    before = steady(session, first_seq=1, first_at=30, count=9, position=30)  # up to 270 s
    assert before.presence_check is False
    due = beat(session, 10, 300, 300)
    assert due.presence_check is True and due.credited_now == 30  # asked, still credited
    confirm(session, 320)
    after = beat(session, 11, 330, 330)
    assert (after.presence_check, after.credited_now) == (False, 30)
    assert after.credited_seconds == 330
    assert StudySession.objects.get(pk=session.pk).presence_check_at == at(320 + 300)


def test_unanswered_for_a_minute_crediting_stops_until_the_learner_comes_back(study, presence):
    session = start(study["learner"], study["video"])
    beat(session, 0, 0, 0)
    steady(session, first_seq=1, first_at=30, count=12, position=30)  # 30…360 s, answer window ends at 360
    lapsed = beat(session, 13, 390, 390)
    assert (lapsed.credited_now, lapsed.reason, lapsed.presence_check) == (0, REASON_PRESENCE, True)
    assert beat(session, 14, 420, 420).credited_now == 0
    confirm(session, 430)
    # The next beat starts the clock again, as at the start of a session: 420–430 s is not credited.
    restarted = beat(session, 15, 450, 450)
    assert (restarted.credited_now, restarted.reason) == (0, REASON_STARTED)
    resumed = beat(session, 16, 480, 480)
    assert resumed.credited_now == 30
    assert resumed.credited_seconds == 360 + 30


def test_short_lessons_and_a_turned_off_check_never_ask(study, presence):
    short = add_video_lesson(study["course"], minutes=5)
    assert start(study["learner"], short).presence_check_at is None
    presence.ACADEMY_PRESENCE_CHECK = False
    assert start(study["learner"], study["video"]).presence_check_at is None


def test_answering_when_nothing_was_asked_changes_nothing(study, presence):
    session = start(study["learner"], study["video"])
    confirm(session, 60)
    assert StudySession.objects.get(pk=session.pk).presence_check_at == at(300)


def test_a_superseded_session_cannot_answer(study, presence):
    first = start(study["learner"], study["video"])
    start(study["learner"], study["video"], when=at(10))
    with pytest.raises(ValidationError) as excinfo:
        confirm(first, 20)
    assert excinfo.value.code == StudyError.SUPERSEDED


def test_the_api_answers_the_check(study, presence, client):
    client.force_login(study["learner"].user)
    session = start(study["learner"], study["video"])
    url = f"/api/v1/study-sessions/{session.pk}/presence/"
    response = client.post(url)
    assert response.status_code == 200 and response.json() == {"presence_check": False}
    assert client.post("/api/v1/study-sessions/999999/presence/").json()["code"] == "not_your_session"
