"""The assignments API: create, list, one assignment and its per-person progress; refusals with codes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.enrolments.models import Assignment, AssignmentMember, Enrolment
from courses.errors import AssignmentError
from learners.errors import ErrorCode as LearnersErrorCode
from tests.courses.assignment_helpers import DUE, add_people, assign, build_plant
from tests.credits.factories import start, steady
from tests.learners.factories import make_enterprise

API = "/api/v1/assignments/"


@pytest.fixture(autouse=True)
def _no_presence_check(settings):
    settings.ACADEMY_PRESENCE_CHECK = False


@pytest.fixture
def plant(academy):
    return build_plant(academy)


@pytest.fixture
def admin_api(client, plant):
    client.force_login(plant["admin"])
    return client


def post(client, body):
    return client.post(API, body, content_type="application/json")


def body(plant, **changes):
    data = {
        "title": "班组长专项培训",
        "courses": [plant["course_b"].pk, plant["course_a"].pk],
        "due_on": DUE.isoformat(),
        "roles": ["team_leader"],
        "learners": [plant["operator"].pk],
        "auto_assign_new": True,
    }
    data.update(changes)
    return data


def list_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_an_administrator_creates_an_assignment_and_reads_it_back(admin_api, plant):
    response = post(admin_api, body(plant))
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["courses"] == [plant["course_b"].pk, plant["course_a"].pk]
    assert (created["member_count"], created["completed_count"]) == (2, 0)
    assert (created["enterprise"], created["due_on"], created["roles"]) == (
        plant["enterprise"].pk,
        DUE.isoformat(),
        ["team_leader"],
    )
    assert admin_api.get(f"{API}{created['id']}/").json() == created
    assert Enrolment.objects.filter(assignment_id=created["id"]).count() == 4


def test_the_worker_sees_the_assignment_and_due_date_on_their_enrolments(client, plant):
    assignment = assign(plant, learner_ids=[plant["operator"].pk], course_ids=[plant["course_a"].pk])
    client.force_login(plant["operator"].user)
    [row] = client.get("/api/v1/enrolments/").json()["results"]
    assert (row["assignment"], row["due_on"], row["source"]) == (assignment.pk, DUE.isoformat(), "assigned")
    destroy = client.delete(f"/api/v1/enrolments/{row['id']}/")
    assert (destroy.status_code, destroy.json()["code"]) == (400, "assigned_enrolment")


def test_the_enrolment_list_makes_the_same_number_of_queries_for_more_assigned_courses(
    client, plant, academy
):
    assign(plant, learner_ids=[plant["operator"].pk], course_ids=[plant["course_a"].pk])
    client.force_login(plant["operator"].user)
    first = list_queries(client, "/api/v1/enrolments/")
    assign(plant, learner_ids=[plant["operator"].pk], course_ids=[plant["course_b"].pk], title="二")
    assert list_queries(client, "/api/v1/enrolments/") == first


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"courses": []}, AssignmentError.NO_COURSE),
        (
            {"due_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat()},
            AssignmentError.DUE_IN_PAST,
        ),
        ({"roles": [], "learners": [], "auto_assign_new": False}, AssignmentError.NO_ONE_CHOSEN),
        ({"roles": [], "auto_assign_new": True}, AssignmentError.AUTO_WITHOUT_CRITERIA),
        ({"courses": [999999]}, AssignmentError.COURSE_NOT_FOUND),
        ({"roles": ["astronaut"]}, "invalid"),
        ({"due_on": "next week"}, "invalid"),
        ({"courses": "1,2"}, "invalid"),
    ],
)
def test_bad_bodies_are_refused_with_a_code_and_nothing_is_created(admin_api, plant, changes, code):
    response = post(admin_api, body(plant, **changes))
    assert response.status_code == 400
    assert response.json()["code"] == code and response.json()["detail"]
    assert not Assignment.objects.exists()


def test_a_person_chosen_by_hand_from_elsewhere_is_refused_by_id(admin_api, plant):
    response = post(admin_api, body(plant, learners=[plant["stranger"].pk]))
    assert (response.status_code, response.json()["code"]) == (400, AssignmentError.NOT_ENGAGED)
    assert str(plant["stranger"].pk) in response.json()["detail"]
    assert not Assignment.objects.exists()


def test_a_body_that_is_not_json_is_refused(admin_api, plant):
    response = admin_api.post(API, "title=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


def test_another_enterprise_is_not_found(admin_api, plant):
    response = post(admin_api, body(plant, enterprise=plant["other_enterprise"].pk))
    assert (response.status_code, response.json()["code"]) == (404, LearnersErrorCode.ENTERPRISE_NOT_FOUND)
    assert not Assignment.objects.exists()


def test_an_administrator_of_several_enterprises_must_say_which(admin_api, plant):
    make_enterprise(admin=plant["admin"])
    response = post(admin_api, body(plant))
    assert (response.status_code, response.json()["code"]) == (400, LearnersErrorCode.ENTERPRISE_REQUIRED)
    assert post(admin_api, body(plant, enterprise=plant["enterprise"].pk)).status_code == 201


def test_another_enterprises_assignments_are_neither_listed_nor_found(client, plant):
    assignment = assign(plant, roles=["team_leader"])
    client.force_login(plant["other_admin"])
    assert client.get(API).json()["results"] == []
    assert client.get(f"{API}{assignment.pk}/").status_code == 404
    assert client.get(f"{API}{assignment.pk}/progress/").status_code == 404


def test_a_worker_is_refused_with_a_code(client, plant):
    assignment = assign(plant, learner_ids=[plant["operator"].pk])
    client.force_login(plant["operator"].user)
    for response in (
        client.get(API),
        client.get(f"{API}{assignment.pk}/"),
        client.get(f"{API}{assignment.pk}/progress/"),
        post(client, body(plant)),
    ):
        assert (response.status_code, response.json()["code"]) == (
            403,
            LearnersErrorCode.NOT_ENTERPRISE_ADMINISTRATOR,
        )


def test_an_anonymous_caller_is_refused(client, plant):
    assert client.get(API).status_code in (401, 403)


def test_the_list_makes_the_same_number_of_queries_for_more_assignments(admin_api, plant):
    assign(plant, roles=["team_leader"])
    first = list_queries(admin_api, API)
    for number in range(3):
        add_people(plant["enterprise"], 2, position=f"岗位{number}")
        assign(plant, positions=[f"岗位{number}"], title=f"任务{number}")
    assert list_queries(admin_api, API) == first
    results = admin_api.get(API).json()["results"]
    assert [row["title"] for row in results][:2] == ["任务2", "任务1"]
    assert results[0]["member_count"] == 2


def test_progress_lists_each_person_with_per_course_progress_in_constant_queries(admin_api, plant):
    assignment = assign(plant, roles=["team_leader"], learner_ids=[plant["operator"].pk])
    session = start(plant["leader"], plant["video_b"])
    steady(session, first_seq=0, first_at=0, count=21)
    url = f"{API}{assignment.pk}/progress/"
    first = list_queries(admin_api, url)
    rows = admin_api.get(url).json()["results"]
    assert [row["name"] for row in rows] == ["操作工丙", "班长甲"]  # by name
    leader = next(row for row in rows if row["name"] == "班长甲")
    assert leader["identity_number"] == plant["leader"].identity_number_masked
    assert [(c["course"], c["completed_lessons"], c["complete"]) for c in leader["courses"]] == [
        (plant["course_a"].pk, 0, False),
        (plant["course_b"].pk, 1, True),
    ]
    assert (leader["complete"], leader["overdue"], leader["how"]) == (False, False, "criteria")

    people = add_people(plant["enterprise"], 4)
    AssignmentMember.objects.bulk_create(
        [AssignmentMember(assignment=assignment, learner=person, how="by_hand") for person in people]
    )
    assert list_queries(admin_api, url) == first
    assert admin_api.get(url).json()["count"] == 6
    assert len(admin_api.get(f"{url}?page_size=2").json()["results"]) == 2
    assert admin_api.get(f"{url}?status=complete").json()["count"] == 0
    bad = admin_api.get(f"{url}?status=nonsense")
    assert (bad.status_code, bad.json()["code"]) == (400, "invalid")


def test_an_administrator_withdraws_an_assignment_once(admin_api, plant):
    assignment = assign(plant, learner_ids=[plant["operator"].pk])
    url = f"{API}{assignment.pk}/withdraw/"
    response = admin_api.post(url)
    assert response.status_code == 200 and response.json()["withdrawn_at"]
    again = admin_api.post(url)
    assert (again.status_code, again.json()["code"]) == (400, AssignmentError.ALREADY_WITHDRAWN)


def test_withdrawing_another_enterprises_assignment_is_not_found(client, plant):
    assignment = assign(plant, learner_ids=[plant["operator"].pk])
    client.force_login(plant["other_admin"])
    assert client.post(f"{API}{assignment.pk}/withdraw/").status_code == 404
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is None
