"""/api/v1/me/compliance/ and /api/v1/me/credits/: the signed-in person's verdicts as the issue's contract
says, and their credit bank; refusals for the signed-out, accounts without a learner record and bad
dates; a query count that does not grow with the records."""

import pytest
from rest_framework.test import APIClient

from credits.compliance.verdicts import Missing, Status
from credits.errors import ErrorCode
from credits.study.models import StudySource
from tests.credits import bank_helpers
from tests.credits.bank_helpers import D, entry, online_day
from tests.learners.factories import make_learner, make_user
from tests.queries import count_queries

clock = bank_helpers.clock
bank_world = bank_helpers.bank_world

COMPLIANCE = "/api/v1/me/compliance/"
CREDITS = "/api/v1/me/credits/"
VERDICT_FIELDS = {
    "requirement",
    "title",
    "kind",
    "role",
    "status",
    "class_hours_required",
    "class_hours_earned",
    "class_hours_short",
    "due",
    "counted_from",
    "counted_until",
    "basis",
    "missing",
}


@pytest.fixture
def api():
    return APIClient()


def signed_in(api, user) -> APIClient:
    api.force_authenticate(user)
    return api


def test_compliance_answers_each_requirement_as_the_contract_says(api, bank_world):
    body = signed_in(api, bank_world["learner"].user).get(COMPLIANCE).json()
    assert body["on"] == "2026-06-01" and body["missing"] == "" and body["status"] == Status.BLOCKED
    verdicts = {verdict["requirement"]: verdict for verdict in body["verdicts"]}
    assert set(verdicts) == {"principal_initial", "principal_annual", "worker_assessment"}
    assert all(set(verdict) == VERDICT_FIELDS for verdict in verdicts.values())
    annual = verdicts["principal_annual"]
    assert annual["status"] == "in_progress" and annual["due"] == "2026-12-31"
    # Numbers, as the catalogue gives class hours.
    assert (annual["class_hours_required"], annual["class_hours_earned"], annual["class_hours_short"]) == (
        16.0,
        5.5,
        10.5,
    )
    assert "第九条" in annual["basis"]
    initial = verdicts["principal_initial"]
    assert (initial["status"], initial["class_hours_earned"], initial["due"]) == (
        "overdue",
        45.5,
        "2025-06-30",
    )
    assessment = verdicts["worker_assessment"]
    assert assessment["status"] == "blocked" and assessment["missing"] == Missing.NO_ASSESSMENT
    assert assessment["class_hours_required"] is None and assessment["due"] is None


def test_compliance_on_a_past_day_counts_what_was_recorded_by_then(api, bank_world):
    body = signed_in(api, bank_world["learner"].user).get(COMPLIANCE, {"on": "2025-12-31"}).json()
    annual = next(verdict for verdict in body["verdicts"] if verdict["requirement"] == "principal_annual")
    # The role was taken up in 2025: its initial training covers that year.
    assert annual["status"] == "not_applicable" and body["on"] == "2025-12-31"


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday", "2026/06/01"])
def test_a_bad_date_is_refused_with_400(api, bank_world, value):
    response = signed_in(api, bank_world["learner"].user).get(COMPLIANCE, {"on": value})
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert "on" in response.json()["errors"]


def test_a_person_with_no_current_engagement_gets_no_verdicts_and_the_reason(api, db, clock):
    learner = make_learner(password="pw")
    body = signed_in(api, learner.user).get(COMPLIANCE).json()
    assert body == {
        "on": "2026-06-01",
        "status": Status.NOT_APPLICABLE,
        "missing": Missing.NO_ENGAGEMENT,
        "verdicts": [],
    }


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", COMPLIANCE),
        ("get", CREDITS),
        # The study API refuses the same case the same way (the heartbeat protocol's 403 `no_learner`).
        ("get", "/api/v1/enrolments/"),
        ("post", "/api/v1/enrolments/"),
        ("post", "/api/v1/study-sessions/"),
    ],
)
def test_an_account_without_a_learner_record_gets_403_no_learner_everywhere(api, db, method, url):
    client = signed_in(api, make_user())
    response = client.get(url) if method == "get" else client.post(url, {}, format="json")
    assert (response.status_code, response.json()["code"]) == (403, ErrorCode.NO_LEARNER)
    assert response.json()["detail"]


@pytest.mark.parametrize("url", [COMPLIANCE, CREDITS])
def test_signed_out_callers_are_refused(api, db, url):
    assert api.get(url).status_code in (401, 403)


def test_credits_give_the_bank_by_source_year_and_course_with_its_entries(api, bank_world):
    body = signed_in(api, bank_world["learner"].user).get(CREDITS).json()
    assert body["total"] == {"class_hours": 45.5, "credits": 2.8437}
    assert body["by_source"] == {
        "online": {"class_hours": 2.5, "credits": 0.1562},
        "offline": {"class_hours": 40.0, "credits": 2.5},
        "recognised": {"class_hours": 3.0, "credits": 0.1875},
    }
    assert [year["year"] for year in body["by_year"]] == [2026, 2025]
    assert body["by_year"][0]["total"]["class_hours"] == 5.5
    assert body["by_course"] == []  # the online day of the fixture has no study record behind it
    by_id = {line["entry"]: line for line in body["entries"] if line["kind"] == "entry"}
    reversal = by_id[bank_world["reversal"].pk]
    assert reversal["reverses"] == bank_world["offline"].pk and reversal["class_hours"] == -4.0
    assert by_id[bank_world["offline"].pk]["reversed_by"] == bank_world["reversal"].pk
    [online] = [line for line in body["entries"] if line["kind"] == "online_day"]
    assert online["source"] == StudySource.ONLINE and online["online_minutes"] == 112


def test_credits_show_only_the_callers_own_bank(api, bank_world):
    other = make_learner(name="路人乙", password="pw")
    online_day(other, D(2026, 5, 2), 2700, "1.00", "0.0625")
    body = signed_in(api, other.user).get(CREDITS).json()
    assert body["total"]["class_hours"] == 1.0
    assert [line["kind"] for line in body["entries"]] == ["online_day"]


def test_the_api_makes_the_same_number_of_queries_whatever_the_records(api, bank_world):
    learner = bank_world["learner"]
    signed_in(api, learner.user)
    count_queries(api, COMPLIANCE)  # the caller's scope is read once and kept on the user
    before = {url: count_queries(api, url) for url in (COMPLIANCE, CREDITS)}
    for day in range(1, 15):
        online_day(learner, D(2026, 2, day), 3600, "1.33", "0.0831")
        entry(
            learner,
            day=D(2024, 1, day),
            source=StudySource.RECOGNISED,
            class_hours="1",
            by=bank_world["reviewer"],
        )
    assert {url: count_queries(api, url) for url in (COMPLIANCE, CREDITS)} == before
