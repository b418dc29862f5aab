"""An enterprise's people: one row per engagement, filtered, paginated, downloadable, and only for its
administrators."""

import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from learners.access import file_window
from learners.models import Engagement
from learners.selectors import enterprise_people_list
from tests.learners.factories import (
    engage,
    make_authority,
    make_enterprise,
    make_enterprise_admin,
    make_learner,
    make_user,
)
from tests.queries import count_queries

PEOPLE = "/people/"
EN_PEOPLE = "/en/people/"


@pytest.fixture
def plant(db):
    """An enterprise with a team leader, an electrician who changed position, and someone who left."""
    admin, enterprise = make_enterprise_admin(name="吉林测试化工有限公司")
    leader = make_learner(name="班长甲", phone="13900000001")
    engage(leader, enterprise, position="班组长", roles=("team_leader", "special_operator"))
    electrician = make_learner(name="电工乙")
    engage(
        electrician,
        enterprise,
        position="学徒",
        roles=("new_hire",),
        started_on=datetime.date(2022, 1, 1),
        ended_on=datetime.date(2023, 12, 31),
    )
    engage(
        electrician, enterprise, position="电工", roles=("special_operator",), employment_type="dispatched"
    )
    former = make_learner(name="离职丙")
    engage(
        former,
        enterprise,
        position="司机",
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2021, 6, 30),
    )
    return {
        "admin": admin,
        "enterprise": enterprise,
        "leader": leader,
        "electrician": electrician,
        "former": former,
    }


def table(response) -> list[dict]:
    page = BeautifulSoup(response.content, "html.parser")
    headers = [cell.get_text(strip=True) for cell in page.select("#people-table thead th")]
    return [
        dict(zip(headers, [cell.get_text(strip=True) for cell in row.select("td")], strict=True))
        for row in page.select("#people-table tbody tr")
        if not row.select(".empty")
    ]


def names(response) -> list[str]:
    return [row["Name"] for row in table(response)]


def test_an_administrator_sees_the_current_people_one_row_per_engagement(client, plant):
    client.force_login(plant["admin"])
    rows = table(client.get(EN_PEOPLE))
    assert [(row["Name"], row["Position"]) for row in rows] == [("班长甲", "班组长"), ("电工乙", "电工")]
    leader = rows[0]
    assert leader["Identity number"] == plant["leader"].identity_number  # a current person: in full
    assert leader["Mobile number"] == "13900000001"
    assert leader["Roles"] == "Special operator, Team leader"
    assert leader["Employment type"] == "Own staff"
    assert leader["Started on"] == "2024-01-01"


def test_roles_are_joined_the_chinese_way_in_chinese(client, plant):
    client.force_login(plant["admin"])
    page = BeautifulSoup(client.get(PEOPLE).content, "html.parser")
    assert "特种作业人员、班组长" in page.select_one("#people-table tbody").get_text()


def test_former_people_and_positions_are_listed_on_request_with_their_numbers_masked(client, plant):
    client.force_login(plant["admin"])
    rows = table(client.get(EN_PEOPLE, {"former": "on"}))
    assert [(row["Name"], row["Position"], row["Ended on"]) for row in rows] == [
        ("班长甲", "班组长", ""),
        ("电工乙", "电工", ""),
        ("电工乙", "学徒", "2023-12-31"),
        ("离职丙", "司机", "2021-06-30"),
    ]
    former = plant["former"]
    assert rows[3]["Identity number"] == former.identity_number_masked
    # The electrician's old position: still a current person here, so the number is shown in full.
    assert rows[2]["Identity number"] == plant["electrician"].identity_number


def test_each_rows_identity_number_follows_the_file_window_rule(plant):
    admin, enterprise = plant["admin"], plant["enterprise"]
    rows = enterprise_people_list(user=admin, enterprise=enterprise, include_former=True)
    for engagement in rows:
        window = file_window(admin, engagement.learner)
        assert engagement.identity_number_visible == window.full_identity_number, engagement


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"role": "team_leader"}, ["班长甲"]),
        ({"role": "special_operator"}, ["班长甲", "电工乙"]),
        ({"employment_type": "dispatched"}, ["电工乙"]),
        ({"position": "电"}, ["电工乙"]),
        ({"q": "班长"}, ["班长甲"]),
        ({"q": "离职", "former": "on"}, ["离职丙"]),
        ({"q": "离职"}, []),
        ({"role": "new_hire", "former": "on"}, ["电工乙"]),
    ],
)
def test_the_list_filters_by_role_employment_type_position_and_name(client, plant, params, expected):
    client.force_login(plant["admin"])
    assert names(client.get(EN_PEOPLE, params)) == expected


def test_a_whole_identity_number_finds_the_person_but_part_of_one_does_not(client, plant):
    client.force_login(plant["admin"])
    number = plant["former"].identity_number
    assert names(client.get(EN_PEOPLE, {"q": number, "former": "on"})) == ["离职丙"]
    assert names(client.get(EN_PEOPLE, {"q": number[:10], "former": "on"})) == []


def test_an_unknown_filter_value_shows_the_reason_and_no_rows(client, plant):
    client.force_login(plant["admin"])
    response = client.get(EN_PEOPLE, {"role": "astronaut"})
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert names(response) == []


def test_each_name_links_to_the_persons_file(client, plant):
    client.force_login(plant["admin"])
    page = BeautifulSoup(client.get(PEOPLE).content, "html.parser")
    link = page.select_one("#people-table tbody tr a")
    assert link["href"] == reverse("learners:file", args=[plant["leader"].pk])


def test_the_list_downloads_as_excel_with_the_same_filters(client, plant):
    client.force_login(plant["admin"])
    response = client.get(EN_PEOPLE, {"format": "xlsx", "role": "special_operator"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Name", "Identity number", "Mobile number")
    assert [(row[0], row[1], row[4]) for row in rows[1:]] == [
        ("班长甲", plant["leader"].identity_number, "Special operator, Team leader"),
        ("电工乙", plant["electrician"].identity_number, "Special operator"),
    ]


def test_the_list_is_paginated(client, plant):
    for index in range(55):
        engage(make_learner(name=f"员工{index:03d}"), plant["enterprise"])
    client.force_login(plant["admin"])
    first = client.get(EN_PEOPLE)
    assert len(table(first)) == 50
    assert first.context["paginator"].count == 57
    assert len(table(client.get(EN_PEOPLE, {"page": 2}))) == 7


def test_the_query_count_does_not_grow_with_the_number_of_people(client, db):
    admin, enterprise = make_enterprise_admin()
    client.force_login(admin)

    def add(count: int) -> None:
        for _ in range(count):
            engage(make_learner(), enterprise, roles=("worker", "team_leader"))

    add(5)
    few = count_queries(client, PEOPLE)
    add(95)
    many = count_queries(client, PEOPLE)
    assert few == many
    assert many <= 12


def test_an_administrator_of_several_enterprises_picks_one_and_cannot_pick_anothers(client, plant):
    admin = plant["admin"]
    second = make_enterprise(name="第二家公司", admin=admin)
    engage(make_learner(name="二厂丁"), second)
    stranger = make_enterprise(name="别人家公司")
    engage(make_learner(name="外人戊"), stranger)
    client.force_login(admin)
    assert names(client.get(EN_PEOPLE, {"enterprise": second.pk})) == ["二厂丁"]
    page = BeautifulSoup(client.get(EN_PEOPLE).content, "html.parser")
    assert {option.get_text() for option in page.select("select[name=enterprise] option")} == {
        "吉林测试化工有限公司",
        "第二家公司",
    }
    assert client.get(EN_PEOPLE, {"enterprise": stranger.pk}).status_code == 404
    assert client.get(EN_PEOPLE, {"enterprise": "x"}).status_code == 404


def test_another_enterprises_administrator_sees_only_their_own_people(client, plant):
    other_admin, other = make_enterprise_admin()
    engage(plant["leader"], other, position="兼职")
    client.force_login(other_admin)
    assert [(row["Name"], row["Position"]) for row in table(client.get(EN_PEOPLE))] == [("班长甲", "兼职")]


def test_a_worker_or_an_authority_user_gets_a_403_page_that_says_why(client, plant):
    worker = make_learner(name="工人", password="pw")
    engage(worker, plant["enterprise"])
    for user in (worker.user, make_authority(prefecture="changchun"), make_user()):
        client.force_login(user)
        response = client.get(PEOPLE)
        assert response.status_code == 403
        assert BeautifulSoup(response.content, "html.parser").select_one(".errors").get_text(strip=True)


def test_an_authority_user_who_also_administers_an_enterprise_sees_its_people(client, plant):
    authority = make_authority()
    plant["enterprise"].administrators.add(authority)
    client.force_login(authority)
    assert names(client.get(EN_PEOPLE)) == ["班长甲", "电工乙"]


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(PEOPLE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_superuser_sees_any_enterprises_people(client, plant):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    assert names(client.get(EN_PEOPLE, {"enterprise": plant["enterprise"].pk})) == ["班长甲", "电工乙"]


def test_the_selector_refuses_someone_who_does_not_manage_the_enterprise(plant):
    outsider, _ = make_enterprise_admin()
    assert not enterprise_people_list(user=outsider, enterprise=plant["enterprise"]).exists()
    assert Engagement.objects.filter(enterprise=plant["enterprise"]).count() == 4
