"""Assignments (学习任务): who they reach, what they refuse, roster imports that add people later, and
the enterprise's pages with per-person progress."""

import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.enrolments.models import AssignmentMember, AssignmentMemberSource, Enrolment, EnrolmentSource
from courses.enrolments.selectors import assignment_progress
from courses.enrolments.services import (
    assignment_create,
    assignment_withdraw,
    enrolment_create,
    enrolment_drop,
)
from courses.errors import AssignmentError
from learners.roster.services import roster_import_apply
from tests.courses.assignment_helpers import DUE, add_people, assign, build_plant
from tests.credits.factories import start, steady
from tests.learners.factories import make_user
from tests.learners.roster_files import csv_upload, person
from tests.queries import count_queries

ASSIGNMENTS = "/study/assignments/"


@pytest.fixture(autouse=True)
def _no_presence_check(settings):
    # Minutes are credited here only to observe progress; the "still there?" check has its own tests.
    settings.ACADEMY_PRESENCE_CHECK = False


@pytest.fixture
def plant(academy):
    return build_plant(academy)


def members(assignment) -> dict[str, str]:
    return {member.learner.name: member.how for member in assignment.members.select_related("learner")}


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {item.code for items in error.error_dict.values() for item in items}
    return {item.code for item in error.error_list}


# ---------------------------------------------------------------------------------------------------------
# Who an assignment reaches


def test_criteria_reach_current_people_who_meet_all_of_them(plant):
    assignment = assign(plant, positions=["操作工"], employment_types=["own", "outsourced"])
    # The former operator left in 2021 and the other enterprise's operator is not ours.
    assert members(assignment) == {"操作工丙": "criteria", "外包丁": "criteria"}

    narrower = assign(plant, positions=["操作工"], employment_types=["outsourced"])
    assert members(narrower) == {"外包丁": "criteria"}


def test_any_listed_role_matches(plant):
    assignment = assign(plant, roles=["team_leader", "special_operator"])
    assert members(assignment) == {"班长甲": "criteria", "电工乙": "criteria"}


def test_people_chosen_by_hand_are_added_to_those_the_criteria_match(plant):
    assignment = assign(plant, roles=["team_leader"], learner_ids=[plant["operator"].pk])
    assert members(assignment) == {"班长甲": "criteria", "操作工丙": "by_hand"}


def test_every_member_gets_every_course_as_assigned_with_the_due_date(plant):
    assignment = assign(plant, learner_ids=[plant["leader"].pk, plant["operator"].pk])
    enrolments = Enrolment.objects.filter(assignment=assignment, dropped_at__isnull=True)
    assert sorted((e.learner_id, e.course_id, e.source) for e in enrolments) == sorted(
        (learner.pk, course.pk, EnrolmentSource.ASSIGNED)
        for learner in (plant["leader"], plant["operator"])
        for course in (plant["course_a"], plant["course_b"])
    )
    assert [link.course_id for link in assignment.course_links.all()] == [
        plant["course_a"].pk,
        plant["course_b"].pk,
    ]
    assert assignment.due_on == DUE


def test_a_self_selected_course_becomes_assigned_and_cannot_then_be_dropped(plant):
    chosen = enrolment_create(learner=plant["operator"], course=plant["course_a"])
    assign(plant, learner_ids=[plant["operator"].pk])
    chosen.refresh_from_db()
    assert chosen.source == EnrolmentSource.ASSIGNED and chosen.assignment is not None
    assert Enrolment.objects.filter(learner=plant["operator"], course=plant["course_a"]).count() == 1
    with pytest.raises(ValidationError) as refused:
        enrolment_drop(enrolment=chosen)
    assert refused.value.code == "assigned_enrolment"


def test_a_course_in_two_assignments_follows_the_one_due_first(plant):
    later = assign(plant, learner_ids=[plant["operator"].pk], course_ids=[plant["course_a"].pk])
    sooner = assign(
        plant,
        learner_ids=[plant["operator"].pk],
        course_ids=[plant["course_a"].pk],
        due_on=DUE - datetime.timedelta(days=10),
    )
    enrolment = Enrolment.objects.get(learner=plant["operator"], course=plant["course_a"], dropped_at=None)
    assert enrolment.assignment == sooner
    assert later.members.count() == 1  # still counted in the later one's progress


def test_creating_an_assignment_makes_the_same_number_of_queries_for_many_people(plant):
    def queries_for(people_count: int) -> int:
        add_people(plant["enterprise"], people_count, position=f"岗位{people_count}")
        with CaptureQueriesContext(connection) as queries:
            assign(plant, positions=[f"岗位{people_count}"])
        return len(queries)

    assert queries_for(2) == queries_for(12)


# ---------------------------------------------------------------------------------------------------------
# Refusals: a clear reason, nothing written


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"course_ids": []}, AssignmentError.NO_COURSE),
        ({"due_on": timezone.localdate() - datetime.timedelta(days=1)}, AssignmentError.DUE_IN_PAST),
        ({}, AssignmentError.NO_ONE_CHOSEN),
        ({"title": "  "}, AssignmentError.NO_TITLE),
        ({"roles": ["astronaut"]}, AssignmentError.UNKNOWN_CHOICE),
        ({"positions": ["宇航员"]}, AssignmentError.NOBODY_MATCHES),
        ({"learner_ids": [1], "auto_assign_new": True}, AssignmentError.AUTO_WITHOUT_CRITERIA),
    ],
)
def test_bad_assignments_are_refused_with_a_reason_and_nothing_is_written(plant, changes, code):
    with pytest.raises(ValidationError) as refused:
        assign(plant, **changes)
    assert code in codes(refused.value)
    assert not AssignmentMember.objects.exists()
    assert not Enrolment.objects.exists()


def test_an_unpublished_course_is_refused_by_id(plant):
    with pytest.raises(ValidationError) as refused:
        assign(plant, roles=["worker"], course_ids=[plant["course_a"].pk, plant["draft"].pk])
    assert codes(refused.value) == {AssignmentError.COURSE_NOT_FOUND}
    assert str(plant["draft"].pk) in str(refused.value)


def test_people_chosen_by_hand_must_work_here_now(plant):
    for outsider in (plant["former"], plant["stranger"]):
        with pytest.raises(ValidationError) as refused:
            assign(plant, learner_ids=[plant["leader"].pk, outsider.pk])
        assert codes(refused.value) == {AssignmentError.NOT_ENGAGED}
        assert str(outsider.pk) in " ".join(refused.value.messages)
    assert not Enrolment.objects.exists()


# ---------------------------------------------------------------------------------------------------------
# People who match later


def import_roster(plant, rows):
    record = roster_import_apply(enterprise=plant["enterprise"], user=plant["admin"], file=csv_upload(rows))
    assert record.status == "applied", record.report
    return record


def test_a_roster_import_adds_matching_newcomers_to_auto_assigning_assignments_only(plant):
    auto = assign(plant, positions=["操作工"], auto_assign_new=True)
    manual = assign(plant, positions=["操作工"])
    import_roster(plant, [person(9101), person(9102, 岗位="司机")])

    assert members(auto) == {"操作工丙": "criteria", "外包丁": "criteria", "测试9101": "auto"}
    assert "测试9101" not in members(manual)
    newcomer = AssignmentMember.objects.get(assignment=auto, how=AssignmentMemberSource.AUTO).learner
    assert set(
        Enrolment.objects.filter(learner=newcomer, dropped_at=None).values_list("course_id", flat=True)
    ) == {plant["course_a"].pk, plant["course_b"].pk}


def test_a_refused_roster_adds_nobody(plant):
    auto = assign(plant, positions=["操作工"], auto_assign_new=True)
    record = roster_import_apply(
        enterprise=plant["enterprise"],
        user=plant["admin"],
        file=csv_upload([person(9103), person(9104, 身份证号="123")]),
    )
    assert record.status == "refused"
    assert auto.members.count() == 2


def test_someone_who_moves_into_a_matching_position_gets_it_on_the_next_import(plant):
    auto = assign(plant, positions=["电工"], auto_assign_new=True)
    assert members(auto) == {"电工乙": "criteria"}
    operator = plant["operator"]
    today = timezone.localdate()
    import_roster(
        plant,
        [
            person(
                0,
                身份证号=operator.identity_number,
                姓名=operator.name,
                手机号="",
                岗位="电工",
                入职日期=today.isoformat(),
            )
        ],
    )
    assert members(auto)["操作工丙"] == "auto"


# ---------------------------------------------------------------------------------------------------------
# Progress


def test_progress_per_person_follows_credited_study(plant):
    assignment = assign(plant, learner_ids=[plant["leader"].pk, plant["operator"].pk])
    session = start(plant["leader"], plant["video_b"])
    steady(session, first_seq=0, first_at=0, count=21)  # 10 minutes: the whole lesson
    rows = {row.learner.name: row for row in assignment_progress(assignment=assignment)}

    leader = rows["班长甲"]
    assert [(c.completed_lessons, c.lesson_count) for c in leader.courses] == [(0, 2), (1, 1)]
    assert leader.courses[1].credited_minutes == 10 and leader.courses[1].complete
    assert not leader.complete and leader.position == "班组长"
    assert [(c.completed_lessons, c.credited_seconds) for c in rows["操作工丙"].courses] == [(0, 0), (0, 0)]


def test_overdue_is_an_unfinished_assignment_past_its_due_date(plant):
    assignment = assign(
        plant,
        learner_ids=[plant["operator"].pk],
        due_on=datetime.date(2026, 1, 10),
        today=datetime.date(2026, 1, 1),
    )
    [row] = assignment_progress(assignment=assignment, today=datetime.date(2026, 1, 11))
    assert row.overdue
    [row] = assignment_progress(assignment=assignment, today=datetime.date(2026, 1, 10))
    assert not row.overdue
    assert (
        assignment_progress(assignment=assignment, status="complete", today=datetime.date(2026, 1, 11)) == []
    )


# ---------------------------------------------------------------------------------------------------------
# Pages


@pytest.fixture
def admin_client(client, plant):
    client.force_login(plant["admin"])
    return client


def test_the_list_shows_each_assignment_with_people_and_completions_in_constant_queries(admin_client, plant):
    assign(plant, roles=["team_leader"])
    first = count_queries(admin_client, ASSIGNMENTS)
    for number in range(3):
        add_people(plant["enterprise"], 3, position=f"岗位{number}")
        assign(plant, positions=[f"岗位{number}"], title=f"任务{number}")
    assert count_queries(admin_client, ASSIGNMENTS) == first

    page = BeautifulSoup(admin_client.get(ASSIGNMENTS).content, "html.parser")
    rows = page.select("#assignments-table tbody tr")
    assert len(rows) == 4
    assert "任务2" in rows[0].get_text() and "3" in rows[0].select("td")[3].get_text()


def test_the_form_creates_an_assignment_in_the_order_typed(admin_client, plant):
    response = admin_client.post(
        "/study/assignments/new/",
        {
            "enterprise": plant["enterprise"].pk,
            "title": "班组长专项培训",
            "due_on": DUE.isoformat(),
            "courses": [plant["course_a"].pk, plant["course_b"].pk],
            f"order_{plant['course_a'].pk}": "2",
            f"order_{plant['course_b'].pk}": "1",
            "roles": ["team_leader"],
            "learners": [plant["operator"].pk],
        },
    )
    assert response.status_code == 302
    assignment = plant["enterprise"].assignments.get()
    assert [link.course_id for link in assignment.course_links.all()] == [
        plant["course_b"].pk,
        plant["course_a"].pk,
    ]
    assert members(assignment) == {"班长甲": "criteria", "操作工丙": "by_hand"}


def test_the_form_offers_current_people_and_positions_and_explains_refusals(admin_client, plant):
    page = admin_client.get("/study/assignments/new/")
    text = page.content.decode()
    assert "班长甲" in text and "离职戊" not in text and "别家己" not in text
    assert plant["leader"].identity_number not in text  # masked
    refused = admin_client.post(
        "/study/assignments/new/",
        {"title": "任务", "due_on": "2000-01-01", "courses": [plant["course_a"].pk]},
    )
    assert refused.status_code == 200
    errors = BeautifulSoup(refused.content, "html.parser").select_one(".errors").get_text()
    assert "截止" in errors or "过去" in errors or "past" in errors
    assert not plant["enterprise"].assignments.exists()


def test_the_detail_lists_everyone_with_masked_numbers_in_constant_queries(admin_client, plant):
    assignment = assign(plant, positions=["操作工"], auto_assign_new=True)
    url = f"{ASSIGNMENTS}{assignment.pk}/"
    first = count_queries(admin_client, url)
    new_people = add_people(plant["enterprise"], 5)
    assignment_create(
        enterprise=plant["enterprise"],
        created_by=plant["admin"],
        title="补充",
        course_ids=[plant["course_a"].pk],
        due_on=DUE,
        learner_ids=[learner.pk for learner in new_people],
    )
    assert count_queries(admin_client, url) == first
    page = BeautifulSoup(admin_client.get(url).content, "html.parser")
    table = page.select_one("#progress-table").get_text()
    assert "操作工丙" in table and plant["operator"].identity_number_masked in table
    assert plant["operator"].identity_number not in table


def test_the_detail_downloads_as_excel_with_chinese_headers(admin_client, plant):
    assignment = assign(plant, positions=["操作工"])
    response = admin_client.get(f"{ASSIGNMENTS}{assignment.pk}/?format=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "姓名"
    assert {row[0] for row in rows[1:]} == {"操作工丙", "外包丁"}
    assert plant["operator"].identity_number_masked in {row[1] for row in rows[1:]}


def test_another_enterprises_assignment_is_not_found(client, plant):
    assignment = assign(plant, positions=["操作工"])
    client.force_login(plant["other_admin"])
    assert client.get(f"{ASSIGNMENTS}{assignment.pk}/").status_code == 404
    assert client.get(f"{ASSIGNMENTS}{assignment.pk}/?format=xlsx").status_code == 404
    listed = client.get(ASSIGNMENTS)
    assert listed.status_code == 200 and "2026年度" not in listed.content.decode()


def test_a_worker_is_told_that_only_administrators_assign(client, plant):
    assignment = assign(plant, positions=["操作工"])
    client.force_login(plant["operator"].user)
    for url in (ASSIGNMENTS, "/study/assignments/new/", f"{ASSIGNMENTS}{assignment.pk}/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "管理员" in response.content.decode() or "administrator" in response.content.decode()
    assert client.post("/study/assignments/new/", {"title": "x"}).status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client, plant):
    assert client.get(ASSIGNMENTS).status_code == 302


def test_a_user_without_any_capacity_gets_403(client, plant):
    client.force_login(make_user())
    assert client.get(ASSIGNMENTS).status_code == 403


# ---------------------------------------------------------------------------------------------------------
# Withdrawing


def test_withdrawing_keeps_the_history_and_lets_people_drop_the_courses(plant):
    assignment = assign(plant, learner_ids=[plant["operator"].pk])
    assignment_withdraw(assignment=assignment)

    assert assignment.withdrawn_at is not None
    assert members(assignment) == {"操作工丙": "by_hand"}
    enrolments = Enrolment.objects.filter(learner=plant["operator"], dropped_at=None)
    assert {(e.source, e.assignment_id) for e in enrolments} == {(EnrolmentSource.SELF_SELECTED, None)}
    enrolment_drop(enrolment=enrolments.first())
    with pytest.raises(ValidationError) as refused:
        assignment_withdraw(assignment=assignment)
    assert refused.value.code == AssignmentError.ALREADY_WITHDRAWN


def test_withdrawing_hands_a_shared_course_to_the_other_assignment_that_includes_it(plant):
    later = assign(plant, learner_ids=[plant["operator"].pk], course_ids=[plant["course_a"].pk])
    sooner = assign(
        plant,
        learner_ids=[plant["operator"].pk],
        course_ids=[plant["course_a"].pk, plant["course_b"].pk],
        due_on=DUE - datetime.timedelta(days=5),
    )
    assignment_withdraw(assignment=sooner)
    enrolments = {
        e.course_id: (e.source, e.assignment_id)
        for e in Enrolment.objects.filter(learner=plant["operator"], dropped_at=None)
    }
    assert enrolments == {
        plant["course_a"].pk: (EnrolmentSource.ASSIGNED, later.pk),
        plant["course_b"].pk: (EnrolmentSource.SELF_SELECTED, None),
    }


def test_a_withdrawn_assignment_adds_nobody_on_a_roster_import(plant):
    assignment = assign(plant, positions=["操作工"], auto_assign_new=True)
    assignment_withdraw(assignment=assignment)
    import_roster(plant, [person(9105)])
    assert "测试9105" not in members(assignment)


def test_an_administrator_withdraws_from_the_detail_page_and_others_cannot(client, plant):
    assignment = assign(plant, positions=["操作工"])
    url = f"{ASSIGNMENTS}{assignment.pk}/withdraw/"
    client.force_login(plant["other_admin"])
    assert client.post(url).status_code == 404
    client.force_login(plant["operator"].user)
    assert client.post(url).status_code == 403
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is None

    client.force_login(plant["admin"])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assignment.refresh_from_db()
    assert assignment.withdrawn_at is not None
    page = BeautifulSoup(response.content, "html.parser")
    assert not page.select(f'form[action="{url}"]')
