"""我的课程: assigned courses first by due date, progress and the next lesson, enrolling and dropping."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from courses.enrolments.models import Assignment, Enrolment, EnrolmentSource
from courses.enrolments.selectors import my_courses
from courses.enrolments.services import enrolment_create
from learners.models import Learner
from tests.courses.assignment_helpers import DUE, assign, build_plant
from tests.courses.factories import add_video_lesson, make_course
from tests.credits.factories import start, steady
from tests.learners.factories import make_user
from tests.queries import count_queries

MY_COURSES = "/study/"


@pytest.fixture(autouse=True)
def _no_presence_check(settings):
    # Minutes are credited here only to observe progress; the "still there?" check has its own tests.
    settings.ACADEMY_PRESENCE_CHECK = False


@pytest.fixture
def plant(academy):
    return build_plant(academy)


@pytest.fixture
def operator_client(client, plant):
    client.force_login(plant["operator"].user)
    return client


def titles(rows) -> list[str]:
    return [row.course.title for row in rows]


def test_assigned_courses_come_first_soonest_due_then_self_selected_newest_first(plant, academy):
    operator = plant["operator"]
    chosen_first = make_course(academy.sub_colleges["coal"], title="自选一")
    chosen_second = make_course(academy.sub_colleges["coal"], title="自选二")
    enrolment_create(learner=operator, course=chosen_first)
    enrolment_create(learner=operator, course=chosen_second)
    assign(plant, learner_ids=[operator.pk], course_ids=[plant["course_a"].pk])
    assign(
        plant,
        learner_ids=[operator.pk],
        course_ids=[plant["course_b"].pk],
        due_on=DUE - datetime.timedelta(days=20),
    )

    rows = my_courses(learner=operator)
    assert titles(rows) == ["动火作业安全", "危险化学品安全基础", "自选二", "自选一"]
    assert [row.due_on for row in rows] == [DUE - datetime.timedelta(days=20), DUE, None, None]
    assert [row.assigned for row in rows] == [True, True, False, False]


def test_an_assignment_past_its_due_date_is_overdue_until_done(plant):
    assign(
        plant,
        learner_ids=[plant["operator"].pk],
        course_ids=[plant["course_b"].pk],
        due_on=datetime.date(2026, 2, 1),
        today=datetime.date(2026, 1, 1),
    )
    [row] = my_courses(learner=plant["operator"], today=datetime.date(2026, 2, 2))
    assert row.overdue
    session = start(plant["operator"], plant["video_b"])
    steady(session, first_seq=0, first_at=0, count=21)
    [row] = my_courses(learner=plant["operator"], today=datetime.date(2026, 2, 2))
    assert row.progress.complete and not row.overdue and row.next_lesson is None


def test_progress_and_the_next_lesson_follow_the_study_record(plant):
    assign(plant, learner_ids=[plant["operator"].pk], course_ids=[plant["course_a"].pk])
    [row] = my_courses(learner=plant["operator"])
    assert row.next_lesson.pk == plant["video_a"].pk
    assert (row.progress.completed_lessons, row.progress.lesson_count) == (0, 2)

    session = start(plant["operator"], plant["video_a"])
    steady(session, first_seq=0, first_at=0, count=41)  # 20 minutes
    [row] = my_courses(learner=plant["operator"])
    assert row.next_lesson.pk == plant["reading_a"].pk
    assert (row.progress.completed_lessons, row.progress.credited_minutes, row.progress.percent) == (
        1,
        20,
        50,
    )


def test_the_page_shows_due_dates_progress_continue_links_and_drop_only_for_self_selected(
    operator_client, plant, academy
):
    chosen = make_course(academy.sub_colleges["coal"], title="自选课程")
    add_video_lesson(chosen)
    enrolment_create(learner=plant["operator"], course=chosen)
    assign(plant, learner_ids=[plant["operator"].pk])

    page = BeautifulSoup(operator_client.get(MY_COURSES).content, "html.parser")
    cards = page.select(".my-course")
    assert [card.select_one(".my-course__title").get_text(strip=True) for card in cards] == [
        "危险化学品安全基础",
        "动火作业安全",
        "自选课程",
    ]
    assert DUE.strftime("%Y-%m-%d") in cards[0].get_text()
    assert cards[0].select_one("progress")["value"] == "0"
    assert cards[0].select_one("a.button")["href"] == plant["video_a"].url
    assert not cards[0].select("form")
    assert cards[2].select_one("form")["action"].endswith("/drop/")


def test_the_page_makes_the_same_number_of_queries_for_more_courses(operator_client, plant, academy):
    assign(plant, learner_ids=[plant["operator"].pk], course_ids=[plant["course_a"].pk])
    count_queries(operator_client, MY_COURSES)  # the first request warms Wagtail's site cache
    first = count_queries(operator_client, MY_COURSES)
    assign(plant, learner_ids=[plant["operator"].pk], course_ids=[plant["course_b"].pk])
    for number in range(3):
        course = make_course(academy.sub_colleges["coal"], title=f"自选{number}")
        add_video_lesson(course)
        enrolment_create(learner=plant["operator"], course=course)
    assert count_queries(operator_client, MY_COURSES) == first


def test_enrolling_from_a_course_page_adds_it_as_self_selected(operator_client, plant):
    course = plant["course_a"]
    response = operator_client.post(f"/study/enrol/{course.pk}/")
    assert response.status_code == 302 and response["Location"] == course.url
    enrolment = Enrolment.objects.get(learner=plant["operator"], course=course, dropped_at=None)
    assert enrolment.source == EnrolmentSource.SELF_SELECTED
    assert operator_client.post(f"/study/enrol/{course.pk}/").status_code == 302  # idempotent
    assert Enrolment.objects.filter(learner=plant["operator"], course=course).count() == 1
    assert operator_client.post(f"/study/enrol/{plant['draft'].pk}/").status_code == 404
    assert operator_client.get(f"/study/enrol/{course.pk}/").status_code == 405


def test_dropping_a_self_selected_course_removes_it_from_the_list(operator_client, plant):
    enrolment = enrolment_create(learner=plant["operator"], course=plant["course_a"])
    response = operator_client.post(f"/study/enrolments/{enrolment.pk}/drop/")
    assert response.status_code == 302 and response["Location"] == MY_COURSES
    assert my_courses(learner=plant["operator"]) == []


def test_an_assigned_course_cannot_be_dropped_and_the_page_says_why(operator_client, plant):
    assign(plant, learner_ids=[plant["operator"].pk], course_ids=[plant["course_a"].pk])
    enrolment = Enrolment.objects.get(learner=plant["operator"], dropped_at=None)
    response = operator_client.post(f"/study/enrolments/{enrolment.pk}/drop/", follow=True)
    assert titles(my_courses(learner=plant["operator"])) == ["危险化学品安全基础"]
    assert BeautifulSoup(response.content, "html.parser").select(".message--error")


def test_someone_elses_enrolment_cannot_be_dropped(operator_client, plant):
    theirs = enrolment_create(learner=plant["leader"], course=plant["course_a"])
    assert operator_client.post(f"/study/enrolments/{theirs.pk}/drop/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.dropped_at is None


def test_an_account_without_a_learner_record_is_told_it_has_no_courses(client, plant):
    client.force_login(plant["admin"])
    response = client.get(MY_COURSES)
    assert response.status_code == 403
    assert "learner record" in response.content.decode() or "学员" in response.content.decode()
    client.force_login(make_user())
    assert client.post(f"/study/enrol/{plant['course_a'].pk}/").status_code == 403


def test_an_anonymous_visitor_is_sent_to_sign_in(client, plant):
    assert client.get(MY_COURSES).status_code == 302
    assert client.post(f"/study/enrol/{plant['course_a'].pk}/").status_code == 302


def test_the_navigation_links_to_my_courses_for_workers_and_assignments_for_administrators(client, plant):
    client.force_login(plant["operator"].user)
    nav = BeautifulSoup(client.get(MY_COURSES).content, "html.parser").select_one(".site-nav")
    assert nav.select_one('a[href="/study/"]') and not nav.select_one('a[href="/study/assignments/"]')
    client.force_login(plant["admin"])
    nav = BeautifulSoup(client.get("/study/assignments/").content, "html.parser").select_one(".site-nav")
    assert nav.select_one('a[href="/study/assignments/"]') and not nav.select_one('a[href="/study/"]')


@pytest.mark.django_db
def test_the_demo_worker_has_an_assignment_due_soon_and_an_overdue_one_and_seeding_twice_changes_nothing(
    settings,
):
    settings.DEBUG = True
    call_command("seed_demo")
    worker = Learner.objects.get(user__username="worker")
    rows = my_courses(learner=worker)
    assigned = [row for row in rows if row.assigned]
    assert len(assigned) == 3
    assert assigned[0].overdue and not assigned[1].overdue and not assigned[2].overdue
    counts = (Assignment.objects.count(), Enrolment.objects.count())
    call_command("seed_demo")
    assert (Assignment.objects.count(), Enrolment.objects.count()) == counts == (2, counts[1])
