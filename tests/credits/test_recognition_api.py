"""The recognition API: the same rules as the pages, refusals as 4xx with a code, strangers get 404."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from credits.bank.models import BankEntry
from credits.errors import BankError, RecognitionError
from credits.recognition.models import Recognition, RecognitionDecision
from tests.credits.offline_helpers import api, pdf_upload, png_upload
from tests.credits.test_recognition import (
    accept,
    make_recognition_world,
    stored_recognition_evidence,
    submit,
)
from tests.files import webm_bytes

URL = "/api/v1/recognitions/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2025, 6, 1, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield


@pytest.fixture
def world(db):
    return make_recognition_world()


def body(**changes):
    data = {
        "kind": "other_platform",
        "title": "有限空间作业安全（某平台证书）",
        "provider": "某安全培训平台",
        "completed_on": "2025-04-10",
        "class_hours_claimed": "12.5",
        "evidence": pdf_upload(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_worker_submits_for_themself_over_the_api(world):
    response = api(world["li"].user).post(URL, body(), format="multipart")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["learner"] == {"id": world["li"].pk, "name": "李建国"}
    assert data["enterprise"] is None and data["status"] == "pending" and data["decision"] is None
    assert data["class_hours_claimed"] == "12.5" and data["bank_entries"] == []
    assert data["evidence_url"].endswith(f"/training/recognition/{data['id']}/evidence/")
    assert world["li"].identity_number not in response.content.decode()
    assert Recognition.objects.get().submitted_by == world["li"].user


def test_an_administrator_submits_for_one_of_their_people(world):
    response = api(world["admin"]).post(URL, body(learner=world["wang"].pk), format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["enterprise"] == world["enterprise"].pk
    assert response.json()["enterprise_name"] == world["enterprise"].name


@pytest.mark.parametrize(
    ("who", "changes", "status", "code"),
    [
        ("li", {"evidence": None}, 400, RecognitionError.EVIDENCE_REQUIRED),
        ("li", {"evidence": "webm"}, 400, "file_type_not_allowed"),
        ("li", {"completed_on": "2025-06-02"}, 400, RecognitionError.COMPLETED_IN_FUTURE),
        ("li", {"class_hours_claimed": "0"}, 400, RecognitionError.CLASS_HOURS_OUT_OF_RANGE),
        ("li", {"class_hours_claimed": "501"}, 400, RecognitionError.CLASS_HOURS_OUT_OF_RANGE),
        ("li", {"class_hours_claimed": "abc", "completed_on": "soon"}, 400, "invalid"),
        ("li", {"kind": "hearsay"}, 400, "invalid"),
        ("li", {"learner": "wang"}, 404, "learner_not_found"),  # another worker: not theirs to see
        ("li", {"enterprise": "other"}, 404, "enterprise_not_found"),
        ("li", {"enterprise": "enterprise", "learner": "leaver"}, 404, "learner_not_found"),
        ("admin", {}, 400, "learner_required"),  # an account with no learner record names someone
        ("admin", {"learner": "outsider"}, 404, "learner_not_found"),
        ("admin", {"learner": "leaver"}, 403, RecognitionError.NOT_ALLOWED),  # a former employee
        ("reviewer", {"learner": "li"}, 403, RecognitionError.NOT_ALLOWED),
        ("leaver", {"enterprise": "enterprise"}, 400, RecognitionError.NOT_ENGAGED),
    ],
)
def test_a_bad_submission_is_refused_with_its_code_and_nothing_is_written(world, who, changes, status, code):
    if changes.get("evidence") == "webm":
        changes = {**changes, "evidence": png_upload(name="course.webm", content=webm_bytes())}
    for field in ("learner", "enterprise"):
        if field in changes:
            changes[field] = world[changes[field]].pk
    user = world[who].user if who in ("li", "leaver") else world[who]
    files_before = stored_recognition_evidence()
    response = api(user).post(URL, body(**changes), format="multipart")
    assert response.status_code == status, response.json()
    assert response.json()["code"] == code and response.json()["detail"]
    assert not Recognition.objects.exists() and stored_recognition_evidence() == files_before


def test_a_reviewer_accepts_over_the_api_and_the_bank_entry_is_shown(world):
    recognition = submit(world)
    response = api(world["reviewer"]).post(
        f"{URL}{recognition.pk}/decision/",
        {"accepted": True, "class_hours_granted": "30", "reason": "证书真实"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "accepted"
    assert data["decision"]["accepted"] is True and data["decision"]["class_hours_granted"] == "30.0"
    [entry] = data["bank_entries"]
    # Under the standard from 2025-03-01: 30 × 0.8 class hours, 10 to a credit.
    assert entry["class_hours"] == "24.00" and entry["credits"] == "2.4000"
    assert (
        entry["earned_on"] == "2025-04-10" and entry["source"] == "recognised" and entry["reverses"] is None
    )

    again = api(world["provincial"]).post(
        f"{URL}{recognition.pk}/decision/", {"accepted": False, "reason": "再审"}, format="json"
    )
    assert again.status_code == 409 and again.json()["code"] == RecognitionError.ALREADY_DECIDED
    assert RecognitionDecision.objects.count() == 1 and BankEntry.objects.count() == 1


def test_a_rejection_over_the_api_puts_nothing_in_the_bank(world):
    recognition = submit(world)
    response = api(world["reviewer"]).post(
        f"{URL}{recognition.pk}/decision/", {"accepted": False, "reason": "无法核验"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert response.json()["bank_entries"] == [] and not BankEntry.objects.exists()


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"accepted": True, "reason": "真实"}, RecognitionError.GRANT_REQUIRED),
        (
            {"accepted": True, "class_hours_granted": "41", "reason": "真实"},
            RecognitionError.GRANT_OUT_OF_RANGE,
        ),
        (
            {"accepted": False, "class_hours_granted": "4", "reason": "不符"},
            RecognitionError.GRANT_ON_REJECTION,
        ),
        ({"accepted": True, "class_hours_granted": "4", "reason": "   "}, "invalid"),
        ({"accepted": "maybe", "reason": "x"}, "invalid"),
    ],
)
def test_a_bad_decision_is_400_with_its_code(world, payload, code):
    recognition = submit(world)
    response = api(world["reviewer"]).post(f"{URL}{recognition.pk}/decision/", payload, format="json")
    assert response.status_code == 400 and response.json()["code"] == code, response.json()
    assert not RecognitionDecision.objects.exists()


def test_someone_who_sees_the_request_but_does_not_review_gets_403(world):
    recognition = submit(world)
    for user in (world["li"].user, world["admin"]):
        response = api(user).post(
            f"{URL}{recognition.pk}/decision/",
            {"accepted": True, "class_hours_granted": "5", "reason": "自己批"},
            format="json",
        )
        assert response.status_code == 403 and response.json()["code"] == RecognitionError.NOT_A_REVIEWER
    assert not RecognitionDecision.objects.exists()


def test_a_reversal_over_the_api_and_its_refusals(world):
    pending = submit(world, title="待审")
    response = api(world["reviewer"]).post(f"{URL}{pending.pk}/reversal/", {"reason": "伪造"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == RecognitionError.NOT_ACCEPTED

    recognition = submit(world)
    accept(world, recognition)
    response = api(world["reviewer"]).post(
        f"{URL}{recognition.pk}/reversal/", {"reason": "证书系伪造"}, format="json"
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == "reversed"
    original, reversal = data["bank_entries"]
    assert reversal["reverses"] == original["id"] and reversal["class_hours"] == "-25.60"
    assert reversal["reason"] == "证书系伪造"

    again = api(world["reviewer"]).post(f"{URL}{recognition.pk}/reversal/", {"reason": "再撤"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == BankError.ALREADY_REVERSED
    of_reversal = api(world["reviewer"]).post(
        f"{URL}{recognition.pk}/reversal/", {"reason": "撤回撤销", "entry": reversal["id"]}, format="json"
    )
    assert of_reversal.status_code == 400 and of_reversal.json()["code"] == BankError.REVERSAL_OF_REVERSAL
    foreign = api(world["reviewer"]).post(
        f"{URL}{recognition.pk}/reversal/", {"reason": "x", "entry": 10**17}, format="json"
    )
    assert foreign.status_code == 404 and foreign.json()["code"] == "bank_entry_not_found"
    no_reason = api(world["reviewer"]).post(f"{URL}{recognition.pk}/reversal/", {}, format="json")
    assert no_reason.status_code == 400
    worker = api(world["li"].user).post(f"{URL}{recognition.pk}/reversal/", {"reason": "x"}, format="json")
    assert worker.status_code == 403 and worker.json()["code"] == RecognitionError.NOT_A_REVIEWER
    assert BankEntry.objects.count() == 2


@pytest.mark.parametrize("stranger", ["other_admin", "other_reviewer", "wang"])
def test_a_stranger_gets_404_and_an_empty_list(world, stranger):
    recognition = submit(world)
    accept(world, recognition)
    client = api(world["wang"].user if stranger == "wang" else world[stranger])
    assert client.get(f"{URL}{recognition.pk}/").status_code == 404
    for action, payload in (
        ("decision", {"accepted": False, "reason": "x"}),
        ("reversal", {"reason": "x"}),
    ):
        response = client.post(f"{URL}{recognition.pk}/{action}/", payload, format="json")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert client.get(URL).json()["results"] == []
    assert BankEntry.objects.count() == 1 and not BankEntry.objects.filter(reverses__isnull=False).exists()


def test_the_list_shows_what_each_may_see_and_filters_by_status(world):
    mine = submit(world)
    accept(world, mine)
    wang = submit(world, learner=world["wang"])
    assert [row["id"] for row in api(world["li"].user).get(URL).json()["results"]] == [mine.pk]
    assert {row["id"] for row in api(world["admin"]).get(URL).json()["results"]} == {mine.pk, wang.pk}
    pending = api(world["reviewer"]).get(URL, {"status": "pending"}).json()["results"]
    assert [row["id"] for row in pending] == [wang.pk]
    bad = api(world["reviewer"]).get(URL, {"status": "lost"})
    assert bad.status_code == 400 and bad.json()["code"] == "invalid"
    assert api().get(URL).status_code in (401, 403)


def test_ids_beyond_any_row_are_404_not_500(world):
    assert api(world["li"].user).get(f"{URL}{10**20}/").status_code == 404
    assert api(world["li"].user).get(f"{URL}{10**18 - 1}/").status_code == 404


def test_the_list_makes_the_same_queries_however_many_requests(world):
    def queries(user) -> int:
        client = api(type(user).objects.get(pk=user.pk))  # a fresh user: nothing cached on it
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    accept(world, submit(world))
    few_admin, few_reviewer = queries(world["admin"]), queries(world["reviewer"])
    for index in range(6):
        recognition = submit(world, learner=world["wang"] if index % 2 else world["li"], title=f"课程{index}")
        if index % 2 == 0:
            accept(world, recognition, hours="5")
    assert queries(world["admin"]) == few_admin
    assert queries(world["reviewer"]) == few_reviewer


def test_class_hours_are_decimals_not_floats(world):
    recognition = submit(world, class_hours_claimed="7.5")
    data = api(world["li"].user).get(f"{URL}{recognition.pk}/").json()
    assert data["class_hours_claimed"] == "7.5" and Decimal(data["class_hours_claimed"]) == Decimal("7.5")
