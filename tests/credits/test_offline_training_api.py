"""The offline training API: the same rules as the pages, refusals as 4xx with a code."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from credits.errors import OfflineError
from credits.offline import services as offline
from credits.offline.models import OfflineAttendance, OfflineTraining, OfflineTrainingWithdrawal
from learners.uploads import FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED, IMAGE_BOMB
from tests.credits.offline_helpers import D, api, pdf_bytes, pdf_upload, png_upload, record, stored_evidence
from tests.credits.offline_helpers import make_world as _make_world
from tests.files import png_bomb_bytes, webm_bytes

URL = "/api/v1/offline-trainings/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2025, 6, 1, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield


@pytest.fixture
def world(db):
    return _make_world()


def body(world, **changes):
    data = {
        "topic": "危险化学品储存安全",
        "held_on": "2025-05-20",
        "class_hours": "2.5",
        "trainer": "王海涛",
        "location": "三楼培训室",
        "evidence": pdf_upload(),
        "learners": [world["li"].pk, world["wang"].pk],
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_an_administrator_records_a_training_over_the_api(world):
    response = api(world["admin"]).post(URL, body(world), format="multipart")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["enterprise"] == world["enterprise"].pk
    assert data["class_hours"] == "2.5" and data["source"] == "offline"
    assert data["attendee_count"] == 2 and data["withdrawn"] is False and data["withdrawal"] is None
    assert {person["name"] for person in data["attendees"]} == {"李建国", "王强"}
    assert world["li"].identity_number not in response.content.decode()
    assert OfflineAttendance.objects.filter(training_id=data["id"]).count() == 2

    detail = api(world["admin"]).get(f"{URL}{data['id']}/")
    assert detail.status_code == 200 and detail.json()["topic"] == "危险化学品储存安全"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"held_on": "2025-06-02"}, OfflineError.HELD_IN_FUTURE),
        ({"held_on": "2025-02-20", "learners": "zhao"}, OfflineError.NOT_ON_ROSTER),
        ({"learners": "outsider"}, OfflineError.NOT_ON_ROSTER),
        ({"class_hours": "0"}, OfflineError.CLASS_HOURS_OUT_OF_RANGE),
        ({"class_hours": "-2"}, OfflineError.CLASS_HOURS_OUT_OF_RANGE),
        ({"class_hours": "12"}, OfflineError.CLASS_HOURS_OUT_OF_RANGE),
        ({"learners": []}, OfflineError.NO_ATTENDEES),
        ({"evidence": None}, OfflineError.EVIDENCE_REQUIRED),
        ({"evidence": "webm"}, FILE_TYPE_NOT_ALLOWED),
        ({"evidence": "bomb"}, IMAGE_BOMB),
    ],
)
def test_a_bad_training_is_refused_with_its_code_and_nothing_is_written(world, changes, code):
    uploads = {
        "webm": lambda: png_upload(name="training.webm", content=webm_bytes()),
        "bomb": lambda: png_upload(content=png_bomb_bytes(8000, 8000)),
    }
    people = {"zhao": [world["li"].pk, world["zhao"].pk], "outsider": [world["outsider"].pk]}
    if changes.get("evidence") in uploads:
        changes = {**changes, "evidence": uploads[changes["evidence"]]()}
    if isinstance(changes.get("learners"), str):
        changes = {**changes, "learners": people[changes["learners"]]}
    files_before = stored_evidence()
    response = api(world["admin"]).post(URL, body(world, **changes), format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == code, response.json()
    assert response.json()["detail"]
    assert not OfflineTraining.objects.exists() and stored_evidence() == files_before


def test_an_oversized_scan_is_refused_over_the_api(world, settings):
    settings.ACADEMY_EVIDENCE_MAX_UPLOAD_BYTES = 1000
    response = api(world["admin"]).post(
        URL, body(world, evidence=pdf_upload(content=pdf_bytes("x" * 2000))), format="multipart"
    )
    assert response.status_code == 400 and response.json()["code"] == FILE_TOO_LARGE
    assert not OfflineTraining.objects.exists()


def test_nonsense_fields_are_400_not_500(world):
    response = api(world["admin"]).post(
        URL, body(world, class_hours="abc", held_on="yesterday", learners=["x"]), format="multipart"
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert set(response.json()["errors"]) >= {"class_hours", "held_on", "learners"}


def test_refusals_for_people_who_may_not(world):
    training = record(world)
    # Anonymous.
    assert api().get(URL).json()["code"] == "not_authenticated"
    # A worker: told why.
    for response in (
        api(world["li"].user).get(URL),
        api(world["li"].user).get(f"{URL}{training.pk}/"),
        api(world["li"].user).post(URL, body(world), format="multipart"),
        api(world["li"].user).post(f"{URL}{training.pk}/withdraw/", {"reason": "x"}, format="json"),
    ):
        assert response.status_code == 403
        assert response.json()["code"] == "not_enterprise_administrator"
    # Another enterprise's administrator: nothing of ours exists for them.
    other = api(world["other_admin"])
    assert other.get(f"{URL}{training.pk}/").status_code == 404
    assert other.post(f"{URL}{training.pk}/withdraw/", {"reason": "x"}, format="json").status_code == 404
    assert other.get(URL).json()["count"] == 0
    response = other.post(URL, body(world, enterprise=world["enterprise"].pk), format="multipart")
    assert response.status_code == 404 and response.json()["code"] == "enterprise_not_found"
    assert OfflineTraining.objects.count() == 1 and not OfflineTrainingWithdrawal.objects.exists()


def test_an_administrator_of_several_enterprises_names_one(world):
    world["other"].administrators.add(world["admin"])
    response = api(world["admin"]).post(URL, body(world), format="multipart")
    assert response.status_code == 400 and response.json()["code"] == "enterprise_required"
    response = api(world["admin"]).post(
        URL, body(world, enterprise=world["enterprise"].pk), format="multipart"
    )
    assert response.status_code == 201


def test_withdrawing_over_the_api(world):
    training = record(world)
    client = api(world["admin"])
    url = f"{URL}{training.pk}/withdraw/"
    assert client.post(url, {"reason": ""}, format="json").status_code == 400
    response = client.post(url, {"reason": "重复录入"}, format="json")
    assert response.status_code == 200
    assert response.json()["withdrawn"] is True and response.json()["withdrawal"]["reason"] == "重复录入"
    again = client.post(url, {"reason": "再来"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == OfflineError.ALREADY_WITHDRAWN
    listed = client.get(URL).json()["results"]
    assert [row["withdrawn"] for row in listed] == [True]


def test_the_list_makes_the_same_queries_however_many_trainings(world):
    client = api(world["admin"])
    record(world)

    def queries():
        # A fresh user object each time, as in a real request (the scope is cached on the object).
        fresh = api(type(world["admin"]).objects.get(pk=world["admin"].pk))
        with CaptureQueriesContext(connection) as captured:
            response = fresh.get(URL)
        assert response.status_code == 200
        return len(captured), response.json()["count"]

    few, count = queries()
    assert count == 1
    for day in range(1, 12):
        training = record(
            world, held_on=D(2025, 5, day), learners=[world["li"], world["wang"], world["zhao"]]
        )
        if day % 3 == 0:
            offline.offline_training_withdraw(training=training, by=world["admin"], reason="录错")
    many, count = queries()
    assert count == 12 and many == few
    rows = client.get(URL + f"?enterprise={world['enterprise'].pk}").json()["results"]
    assert rows[0]["held_on"] == "2025-05-20" and rows[1]["attendee_count"] == 3
    assert client.get(URL + "?enterprise=abc").status_code == 400
