"""The study API: enrolments, study sessions and heartbeats, and their refusals."""

import pytest
import time_machine

from courses.enrolments.models import Enrolment
from credits.errors import ErrorCode as ApiErrorCode
from credits.errors import StudyError
from credits.study.models import StudyRecord
from tests.credits.factories import at, start
from tests.learners.factories import make_learner, make_user

API = "/api/v1"
BEAT = {"seq": 0, "position_seconds": 0, "playing": True, "visible": True, "playback_rate": 1}


@pytest.fixture
def worker(client, study):
    client.force_login(study["learner"].user)
    return client


def post(client, url, body, when=None):
    if when is None:
        return client.post(url, body, content_type="application/json")
    with time_machine.travel(when, tick=False):
        return client.post(url, body, content_type="application/json")


def start_session(client, lesson, when=None) -> int:
    response = post(client, f"{API}/study-sessions/", {"lesson": lesson.pk}, when or at(0))
    assert response.status_code == 201, response.json()
    return response.json()["id"]


def test_enrolling_is_idempotent_and_a_self_selected_course_can_be_dropped(worker, study):
    course = study["other_course"]
    created = post(worker, f"{API}/enrolments/", {"course": course.pk})
    assert created.status_code == 201
    assert created.json()["source"] == "self_selected"
    again = post(worker, f"{API}/enrolments/", {"course": course.pk})
    assert (again.status_code, again.json()["id"]) == (200, created.json()["id"])
    listed = worker.get(f"{API}/enrolments/").json()["results"]
    assert {row["course"] for row in listed} == {course.pk, study["course"].pk}
    url = f"{API}/enrolments/{created.json()['id']}/"
    assert worker.delete(url).status_code == 204
    assert worker.delete(url).status_code == 404
    assert Enrolment.objects.filter(course=course, dropped_at__isnull=False).count() == 1


def test_enrolling_in_no_such_course_is_refused(worker):
    response = post(worker, f"{API}/enrolments/", {"course": 987654})
    assert (response.status_code, response.json()["code"]) == (400, ApiErrorCode.COURSE_NOT_FOUND)
    response = post(worker, f"{API}/enrolments/", {"course": 10**30})
    assert (response.status_code, response.json()["code"]) == (400, "invalid")


def test_another_persons_enrolment_cannot_be_dropped(client, study):
    other = make_learner(name="李四", password="pw")
    client.force_login(other.user)
    mine = Enrolment.objects.get(learner=study["learner"])
    assert client.delete(f"{API}/enrolments/{mine.pk}/").status_code == 404
    assert client.delete(f"{API}/enrolments/{10**18 - 1}/").status_code == 404
    assert client.delete(f"{API}/enrolments/{10**25}/").status_code == 404


def test_anonymous_callers_and_accounts_without_a_learner_are_refused(client, study):
    urls = [f"{API}/enrolments/", f"{API}/study-sessions/", f"{API}/study-sessions/1/heartbeats/"]
    for url in urls:
        response = post(client, url, BEAT)
        assert response.status_code == 403 and response.json()["code"]
    assert client.get(f"{API}/enrolments/").status_code == 403
    client.force_login(make_user())
    response = post(client, f"{API}/study-sessions/", {"lesson": study["video"].pk})
    assert (response.status_code, response.json()["code"]) == (403, ApiErrorCode.NO_LEARNER)


def test_a_study_session_answers_with_the_protocols_numbers(worker, study, settings):
    settings.ACADEMY_HEARTBEAT_SECONDS = 20
    response = post(worker, f"{API}/study-sessions/", {"lesson": study["video"].pk})
    assert response.status_code == 201
    body = response.json()
    assert body["heartbeat_seconds"] == 20
    assert body["lesson_seconds"] == 20 * 60
    assert (body["credited_seconds"], body["furthest_position_seconds"]) == (0, 0)


def test_studying_a_lesson_of_a_course_not_enrolled_is_refused(worker, study):
    response = post(worker, f"{API}/study-sessions/", {"lesson": study["other_lesson"].pk})
    assert (response.status_code, response.json()["code"]) == (403, StudyError.NOT_ENROLLED)
    response = post(worker, f"{API}/study-sessions/", {"lesson": 987654})
    assert (response.status_code, response.json()["code"]) == (400, ApiErrorCode.LESSON_NOT_FOUND)


def test_heartbeats_credit_server_time_and_ignore_a_forged_client_time(worker, study):
    session = start_session(worker, study["video"])
    url = f"{API}/study-sessions/{session}/heartbeats/"
    assert post(worker, url, BEAT, at(0)).status_code == 200
    forged = {
        **BEAT,
        "seq": 1,
        "position_seconds": 30,
        "client_time": "2030-01-01T00:00:00Z",
        "elapsed": 9999,
    }
    response = post(worker, url, forged, at(30))
    assert response.status_code == 200
    assert response.json() == {
        "credited_seconds": 30,
        "lesson_seconds": 1200,
        "lesson_complete": False,
        "credited_now": 30,
        "reason": "credited",
        "presence_check": False,
    }
    assert sum(StudyRecord.objects.values_list("seconds", flat=True)) == 30


def test_a_superseded_session_gets_409(worker, study):
    first = start_session(worker, study["video"])
    start_session(worker, study["reading"], at(10))
    response = post(worker, f"{API}/study-sessions/{first}/heartbeats/", BEAT, at(20))
    assert (response.status_code, response.json()["code"]) == (409, StudyError.SUPERSEDED)


def test_a_stale_sequence_gets_409_and_a_replay_200(worker, study):
    session = start_session(worker, study["video"])
    url = f"{API}/study-sessions/{session}/heartbeats/"
    post(worker, url, {**BEAT, "seq": 3}, at(0))
    assert post(worker, url, {**BEAT, "seq": 3}, at(5)).json()["reason"] == "replayed"
    response = post(worker, url, {**BEAT, "seq": 2}, at(10))
    assert (response.status_code, response.json()["code"]) == (409, StudyError.STALE_SEQUENCE)


def test_another_persons_session_is_404(client, worker, study):
    session = start_session(worker, study["video"])
    client.force_login(make_learner(name="李四", password="pw").user)
    response = post(client, f"{API}/study-sessions/{session}/heartbeats/", BEAT, at(0))
    assert (response.status_code, response.json()["code"]) == (404, StudyError.NOT_YOUR_SESSION)
    assert post(client, f"{API}/study-sessions/{10**25}/heartbeats/", BEAT).status_code == 404


@pytest.mark.parametrize(
    "change",
    [
        {"seq": -1},
        {"seq": 1.5},
        {"seq": "x"},
        {"position_seconds": -1},
        {"position_seconds": 20 * 60 + 601},
        {"playback_rate": 0},
        {"playback_rate": 17},
        {"playing": None},
        {"visible": "perhaps"},
    ],
)
def test_nonsense_heartbeats_are_refused_with_a_code_and_credit_nothing(worker, study, change):
    session = start_session(worker, study["video"])
    response = post(worker, f"{API}/study-sessions/{session}/heartbeats/", {**BEAT, **change}, at(0))
    assert (response.status_code, response.json()["code"]) == (400, "invalid")
    assert response.json()["detail"]


def test_a_heartbeat_missing_a_field_is_refused(worker, study):
    session = start_session(worker, study["video"])
    body = {key: value for key, value in BEAT.items() if key != "playing"}
    response = post(worker, f"{API}/study-sessions/{session}/heartbeats/", body, at(0))
    assert (response.status_code, response.json()["code"]) == (400, "invalid")


def test_a_body_that_is_not_json_is_refused(worker, study):
    session = start_session(worker, study["video"])
    url = f"{API}/study-sessions/{session}/heartbeats/"
    form = worker.post(url, BEAT)
    assert (form.status_code, form.json()["code"]) == (415, "unsupported_media_type")
    broken = worker.post(url, "{not json", content_type="application/json")
    assert (broken.status_code, broken.json()["code"]) == (400, "parse_error")


def test_progress_lists_each_lesson_with_the_time_credited(worker, study, django_assert_max_num_queries):
    session = start_session(worker, study["video"])
    url = f"{API}/study-sessions/{session}/heartbeats/"
    post(worker, url, BEAT, at(0))
    post(worker, url, {**BEAT, "seq": 1, "position_seconds": 30}, at(30))
    enrolment = Enrolment.objects.get(learner=study["learner"], course=study["course"])
    with django_assert_max_num_queries(12):
        response = worker.get(f"{API}/enrolments/{enrolment.pk}/progress/")
    assert response.status_code == 200
    body = response.json()
    assert (body["course"], body["lesson_count"], body["completed_lessons"], body["complete"]) == (
        study["course"].pk,
        3,
        0,
        False,
    )
    assert [(row["kind"], row["credited_seconds"]) for row in body["lessons"]] == [
        ("video", 30),
        ("reading", 0),
        ("quiz", 0),
    ]


def test_progress_of_someone_elses_enrolment_is_a_404(client, study):
    other = make_learner(name="别人", password="pw")
    client.force_login(other.user)
    enrolment = Enrolment.objects.get(learner=study["learner"])
    assert client.get(f"{API}/enrolments/{enrolment.pk}/progress/").status_code == 404


def test_a_new_session_resumes_where_the_last_one_stopped(worker, study):
    session = start_session(worker, study["video"])
    url = f"{API}/study-sessions/{session}/heartbeats/"
    post(worker, url, {**BEAT, "position_seconds": 0}, at(0))
    post(worker, url, {**BEAT, "seq": 1, "position_seconds": 30}, at(30))
    post(worker, url, {**BEAT, "seq": 2, "position_seconds": 12, "playing": False}, at(40))  # went back
    response = post(worker, f"{API}/study-sessions/", {"lesson": study["video"].pk}, at(100))
    assert response.json()["resume_seconds"] == 12
    assert response.json()["furthest_position_seconds"] == 30
    assert 'data-resume-seconds="12.0"' in worker.get(study["video"].url).content.decode()


def test_a_heartbeat_request_makes_a_constant_small_number_of_queries(
    worker, study, django_assert_num_queries
):
    session = start_session(worker, study["video"])
    url = f"{API}/study-sessions/{session}/heartbeats/"
    post(worker, url, BEAT, at(0))
    for seq in (1, 2):
        # The web session and the user (2), the service's savepoint and release in the test transaction
        # (2), and its six statements.
        with django_assert_num_queries(2 + 2 + 6):
            assert (
                post(
                    worker, url, {**BEAT, "seq": seq, "position_seconds": 30 * seq}, at(30 * seq)
                ).status_code
                == 200
            )
    with django_assert_num_queries(2 + 2 + 1):
        assert (
            post(worker, url, {**BEAT, "seq": 2, "position_seconds": 60}, at(61)).json()["reason"]
            == "replayed"
        )


def test_a_heartbeat_from_an_account_without_a_learner_record_is_not_found(client, study):
    session = start(study["learner"], study["video"])
    client.force_login(make_user("editor-2"))
    response = post(client, f"{API}/study-sessions/{session.pk}/heartbeats/", BEAT, at(0))
    assert response.status_code == 404 and response.json()["code"] == "not_your_session"
