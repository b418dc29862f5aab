"""A small enterprise with people in several roles, positions and employment types, and courses to
assign them; shared by the assignment and "我的课程" tests."""

import datetime

from django.utils import timezone

from courses.enrolments.services import assignment_create
from tests.courses.factories import add_reading_lesson, add_video_lesson, make_course
from tests.learners.factories import engage, make_enterprise_admin, make_learner

DUE = timezone.localdate() + datetime.timedelta(days=30)


def build_plant(academy) -> dict:
    admin, enterprise = make_enterprise_admin(name="长春测试化工有限公司")
    chemicals = academy.sub_colleges["chemicals"]
    course_a = make_course(chemicals, title="危险化学品安全基础")
    video_a = add_video_lesson(course_a, minutes=20)
    reading_a = add_reading_lesson(course_a, minutes=15)
    course_b = make_course(chemicals, title="动火作业安全")
    video_b = add_video_lesson(course_b, minutes=10)
    draft = make_course(chemicals, title="未发布课程", publish=False)

    leader = make_learner(name="班长甲", password="pw")
    engage(leader, enterprise, roles=("team_leader",), position="班组长")
    electrician = make_learner(name="电工乙", password="pw")
    engage(
        electrician, enterprise, roles=("special_operator",), position="电工", employment_type="dispatched"
    )
    operator = make_learner(name="操作工丙", password="pw")
    engage(operator, enterprise, roles=("worker",), position="操作工")
    outsourced = make_learner(name="外包丁")
    engage(outsourced, enterprise, roles=("worker",), position="操作工", employment_type="outsourced")
    former = make_learner(name="离职戊")
    engage(
        former,
        enterprise,
        position="操作工",
        started_on=datetime.date(2020, 1, 1),
        ended_on=datetime.date(2021, 6, 30),
    )
    other_admin, other_enterprise = make_enterprise_admin(name="吉林其他化工有限公司")
    stranger = make_learner(name="别家己", password="pw")
    engage(stranger, other_enterprise, position="操作工")
    return {
        "admin": admin,
        "enterprise": enterprise,
        "course_a": course_a,
        "video_a": video_a,
        "reading_a": reading_a,
        "course_b": course_b,
        "video_b": video_b,
        "draft": draft,
        "leader": leader,
        "electrician": electrician,
        "operator": operator,
        "outsourced": outsourced,
        "former": former,
        "other_admin": other_admin,
        "other_enterprise": other_enterprise,
        "stranger": stranger,
    }


def assign(plant, **changes):
    arguments = {
        "enterprise": plant["enterprise"],
        "created_by": plant["admin"],
        "title": "2026年度危化品安全培训",
        "course_ids": [plant["course_a"].pk, plant["course_b"].pk],
        "due_on": DUE,
    }
    arguments.update(changes)
    return assignment_create(**arguments)


def add_people(enterprise, count: int, *, position: str = "操作工") -> list:
    people = []
    for number in range(count):
        learner = make_learner(name=f"新人{number}")
        engage(learner, enterprise, position=position)
        people.append(learner)
    return people
