"""The report API: an enterprise's people, paginated and filterable, or as a workbook; an authority's
enterprises; and the refusals, each with its code."""

import io

import pytest
from openpyxl import load_workbook

from academy.excel import XLSX_CONTENT_TYPE
from credits.compliance.verdicts import Missing
from credits.errors import ErrorCode
from learners.errors import ErrorCode as LearnersErrorCode
from tests.credits.report_helpers import ON, PROFILES, add_people, add_person
from tests.learners.factories import make_authority, make_enterprise, make_enterprise_admin, make_user


@pytest.fixture
def plant(db):
    admin, enterprise = make_enterprise_admin(name="长春安全化工")
    people = [add_person(enterprise, profile=profile) for profile in PROFILES]
    return {"admin": admin, "enterprise": enterprise, "people": people}


def url(enterprise) -> str:
    return f"/api/v1/enterprises/{enterprise.pk}/compliance/"


AUTHORITY = "/api/v1/authority/compliance/"


def test_an_administrator_gets_one_row_per_person_with_their_verdicts(client, plant):
    client.force_login(plant["admin"])
    response = client.get(url(plant["enterprise"]), {"on": ON.isoformat()})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(PROFILES)
    principal = next(row for row in body["results"] if row["learner_id"] == plant["people"][0].pk)
    assert principal["roles"] == ["principal"]
    assert principal["positions"] == ["厂长"]
    assert principal["employment_types"] == ["own"]
    assert principal["status"] == "overdue"
    assert "*" in principal["identity_number_masked"]
    initial = next(
        verdict for verdict in principal["verdicts"] if verdict["requirement"] == "principal_initial"
    )
    assert initial["status"] == "overdue"
    assert (initial["class_hours_earned"], initial["class_hours_required"], initial["class_hours_short"]) == (
        "10.75",
        "48.00",
        "37.25",
    )
    assert initial["due"] == "2024-08-28"
    assert initial["basis"]


def test_missing_facts_are_named_in_the_rows(client, plant):
    client.force_login(plant["admin"])
    results = client.get(url(plant["enterprise"]), {"on": ON.isoformat()}).json()["results"]
    welder = next(row for row in results if row["learner_id"] == plant["people"][3].pk)
    missing = {verdict["missing"] for verdict in welder["verdicts"]}
    assert {Missing.NO_EDUCATION, Missing.NO_ASSESSMENT, Missing.NO_CERTIFICATE} <= missing
    assert welder["status"] == "blocked"


def test_rows_are_paginated_the_projects_way(client, plant):
    client.force_login(plant["admin"])
    body = client.get(url(plant["enterprise"]), {"on": ON.isoformat(), "page_size": 2, "page": 3}).json()
    assert body["count"] == len(PROFILES)
    assert len(body["results"]) == 1
    assert body["next"] is None and body["previous"]
    assert client.get(url(plant["enterprise"]), {"page": 99}).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "overdue"}, [0]),
        ({"role": "team_leader"}, [1]),
        ({"position": "焊工"}, [3]),
        ({"employment_type": "dispatched"}, []),
        ({"status": "blocked", "role": "special_operator"}, [3]),
    ],
)
def test_rows_are_filtered_like_the_page(client, plant, query, expected):
    client.force_login(plant["admin"])
    results = client.get(url(plant["enterprise"]), {"on": ON.isoformat(), **query}).json()["results"]
    assert [row["learner_id"] for row in results] == [plant["people"][index].pk for index in expected]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"on": "2026-02-30"}, "on"),
        ({"on": "yesterday"}, "on"),
        ({"status": "great"}, "status"),
        ({"role": "king"}, "role"),
        ({"employment_type": "slave"}, "employment_type"),
        ({"position": "x" * 101}, "position"),
    ],
)
def test_a_bad_date_or_filter_value_is_a_400(client, plant, query, field):
    client.force_login(plant["admin"])
    response = client.get(url(plant["enterprise"]), query)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert field in response.json()["errors"]
    assert client.get(url(plant["enterprise"]), {**query, "format": "xlsx"}).status_code == 400


def test_format_xlsx_answers_with_every_row_as_a_workbook(client, plant):
    add_people(plant["enterprise"], 3)
    client.force_login(plant["admin"])
    json_rows = client.get(url(plant["enterprise"]), {"on": ON.isoformat(), "page_size": 100}).json()[
        "results"
    ]
    response = client.get(url(plant["enterprise"]), {"on": ON.isoformat(), "format": "xlsx", "page_size": 2})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [row["name"] for row in json_rows]
    assert len(names) == len(PROFILES) + 3


def test_the_accept_header_also_asks_for_the_workbook(client, plant):
    client.force_login(plant["admin"])
    response = client.get(url(plant["enterprise"]), HTTP_ACCEPT=XLSX_CONTENT_TYPE)
    assert response["Content-Type"] == XLSX_CONTENT_TYPE


def test_an_unknown_format_is_refused_not_taken_for_a_filter(client, plant):
    client.force_login(plant["admin"])
    response = client.get(url(plant["enterprise"]), {"format": "pdf"})
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_an_enterprise_the_caller_may_not_see_is_a_404_with_its_code(client, plant):
    other = make_enterprise(prefecture="jilin")
    add_person(other)
    client.force_login(plant["admin"])
    for query in ({}, {"format": "xlsx"}, {"status": "great"}):
        response = client.get(url(other), query)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert response.json()["code"] == LearnersErrorCode.ENTERPRISE_NOT_FOUND
    assert client.get("/api/v1/enterprises/999999999999999999/compliance/").status_code == 404
    assert client.get("/api/v1/enterprises/9999999999999999999/compliance/").status_code == 404


def test_an_authority_sees_the_enterprises_of_its_prefecture_only(client, plant):
    other = make_enterprise(name="吉林市化工", prefecture="jilin")
    add_person(other)
    client.force_login(make_authority("changchun"))
    assert client.get(url(plant["enterprise"])).status_code == 200
    assert client.get(url(other)).status_code == 404
    body = client.get(AUTHORITY, {"on": ON.isoformat()}).json()
    assert [row["name"] for row in body["results"]] == ["长春安全化工"]
    [row] = body["results"]
    assert row["people"] == len(PROFILES)
    assert sum(row["by_status"].values()) == len(PROFILES)
    assert row["team_leaders"] == {
        "holders": 1,
        "total": 1,
        "percent": 100,
        "target_percent": 20,
        "reached": True,
    }
    assert row["employees"]["target_percent"] == 30
    assert client.get(AUTHORITY, {"prefecture": "jilin"}).json()["count"] == 0


def test_a_provincial_authority_sees_every_enterprise_and_filters_them(client, plant):
    coal = make_enterprise(name="吉林市煤矿", prefecture="jilin", industry="coal")
    fireworks = make_enterprise(name="白山烟花", prefecture="baishan", industry="fireworks")
    add_person(coal)
    client.force_login(make_authority(""))
    names = [row["name"] for row in client.get(AUTHORITY).json()["results"]]
    assert sorted(names) == sorted(["长春安全化工", "吉林市煤矿", "白山烟花"])
    assert [row["name"] for row in client.get(AUTHORITY, {"industry": "coal"}).json()["results"]] == [
        "吉林市煤矿"
    ]
    [row] = client.get(AUTHORITY, {"prefecture": "baishan"}).json()["results"]
    assert row["enterprise_id"] == fireworks.pk
    assert row["people"] == 0
    assert row["employees"] is None  # fireworks is not one of the named industries
    response = client.get(AUTHORITY, {"format": "xlsx"})
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert [sheet.title for sheet in load_workbook(io.BytesIO(response.content)).worksheets][1:] != []


@pytest.mark.parametrize("query", [{"prefecture": "atlantis"}, {"industry": "piracy"}, {"on": "2026-6-1x"}])
def test_a_bad_authority_filter_is_a_400(client, plant, query):
    client.force_login(make_authority(""))
    response = client.get(AUTHORITY, query)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_someone_who_is_not_an_authority_user_is_refused_the_authority_report(client, plant):
    for user in (plant["admin"], make_user()):
        client.force_login(user)
        for query in ({}, {"format": "xlsx"}):
            response = client.get(AUTHORITY, query)
            assert response.status_code == 403
            assert response.json()["code"] == ErrorCode.NOT_AUTHORITY


def test_a_signed_in_user_with_no_enterprise_gets_404_and_anonymous_callers_must_sign_in(client, plant):
    assert client.get(url(plant["enterprise"])).status_code in (401, 403)
    assert client.get(AUTHORITY).status_code in (401, 403)
    client.force_login(make_user())
    assert client.get(url(plant["enterprise"])).json()["code"] == LearnersErrorCode.ENTERPRISE_NOT_FOUND
