"""Vocational training packages (职业培训包): their page, and assigning one in one step to the people of an
enterprise in the package's position, from the page and from the API."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from courses.enrolments.models import Assignment, Enrolment
from courses.enrolments.services import package_assign
from courses.errors import AssignmentError, ErrorCode
from courses.models import Position
from courses.packages.models import TrainingPackageCourse, TrainingPackageMaterial
from learners.errors import ErrorCode as LearnersErrorCode
from learners.roster.services import roster_import_apply
from tests.courses.assignment_helpers import DUE, build_plant
from tests.courses.factories import make_course, make_material, make_package
from tests.learners.factories import make_enterprise
from tests.learners.roster_files import csv_upload, person
from tests.queries import count_queries

API = "/api/v1/assignments/"
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def operator_position() -> Position:
    # The snippet's name is the roster's wording, which assignments match exactly.
    return Position.objects.get_or_create(slug="operator", defaults={"name": "操作工"})[0]


@pytest.fixture(autouse=True)
def _no_presence_check(settings):
    settings.ACADEMY_PRESENCE_CHECK = False


@pytest.fixture
def plant(academy):
    plant = build_plant(academy)
    chemicals = academy.sub_colleges["chemicals"]
    plant["material"] = make_material(chemicals, title="危化品操作工活页教材")
    plant["draft_material"] = make_material(chemicals, title="未发布教材", publish=False)
    # The package's order (b before a) is not the order the courses were made in.
    plant["package"] = make_package(
        chemicals,
        title="危化品操作工岗位培训包",
        position=operator_position(),
        courses=[plant["course_b"], plant["draft"], plant["course_a"]],
        materials=[plant["material"], plant["draft_material"]],
    )
    return plant


def page_of(client, package) -> BeautifulSoup:
    response = client.get(package.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def assign_form(soup: BeautifulSoup, package):
    return soup.find("form", action=f"/study/assignments/package/{package.pk}/")


def post_form(client, package, **data):
    return client.post(f"/study/assignments/package/{package.pk}/", data)


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {item.code for items in error.error_dict.values() for item in items}
    return {item.code for item in error.error_list}


# ---------------------------------------------------------------------------------------------------------
# The page


def test_the_package_page_lists_its_live_courses_in_order_and_its_live_materials(client, plant):
    soup = page_of(client, plant["package"])
    assert [title.get_text() for title in soup.select(".course-card__title")] == [
        "动火作业安全",
        "危险化学品安全基础",
    ]
    materials = soup.select(".data-table tbody tr")
    assert len(materials) == 1
    row = materials[0].get_text(" ", strip=True)
    assert "危化品操作工活页教材" in row and "2026年第1版" in row
    assert materials[0].find("a")["href"] == plant["material"].url
    assert "未发布" not in soup.get_text()
    assert "操作工" in soup.select_one(".facts").get_text()


def test_the_package_page_makes_the_same_number_of_queries_for_more_courses_and_materials(
    client, plant, academy, settings
):
    settings.ACADEMY_PAGE_CACHE_SECONDS = 0
    chemicals = academy.sub_colleges["chemicals"]
    package = make_package(
        chemicals,
        title="小包",
        position=operator_position(),
        courses=[make_course(chemicals, with_cover=True)],
        materials=[make_material(chemicals, title="教材甲")],
    )
    client.force_login(plant["admin"])  # the administrator's page, with the form, costs the most
    count_queries(client, package.url)  # renditions are made on the first view
    first = count_queries(client, package.url)

    package.course_links.add(
        *(
            TrainingPackageCourse(course=make_course(chemicals, with_cover=True), sort_order=order)
            for order in range(1, 4)
        )
    )
    package.material_links.add(
        *(
            TrainingPackageMaterial(material=make_material(chemicals, title=f"教材{order}"), sort_order=order)
            for order in range(1, 4)
        )
    )
    package.save_revision().publish()
    count_queries(client, package.url)
    assert count_queries(client, package.url) == first
    soup = page_of(client, package)
    assert (len(soup.select(".course-card")), len(soup.select(".data-table tbody tr"))) == (4, 4)


def test_the_sub_college_page_lists_its_live_training_packages(client, plant, academy):
    chemicals = academy.sub_colleges["chemicals"]
    make_package(chemicals, title="草稿培训包", position=operator_position(), publish=False)
    soup = BeautifulSoup(client.get(chemicals.url).content, "html.parser")
    cards = soup.select(".package-card")
    assert [card.find("a").get_text() for card in cards] == ["危化品操作工岗位培训包"]
    assert cards[0].find("a")["href"] == plant["package"].url
    assert "操作工" in cards[0].get_text() and "2" in cards[0].select_one(".package-card__meta").get_text()


# ---------------------------------------------------------------------------------------------------------
# Assigning from the page


def test_an_enterprise_administrator_assigns_the_package_in_one_step(client, plant):
    client.force_login(plant["admin"])
    form = assign_form(page_of(client, plant["package"]), plant["package"])
    assert form is not None and form.find("input", {"name": "due_on"})

    response = post_form(client, plant["package"], due_on=DUE.isoformat())
    assignment = Assignment.objects.get()
    assert response.status_code == 302 and response.url == f"/study/assignments/{assignment.pk}/"
    assert assignment.title == "危化品操作工岗位培训包"
    assert [link.course_id for link in assignment.course_links.order_by("order")] == [
        plant["course_b"].pk,
        plant["course_a"].pk,
    ]
    assert (assignment.positions, assignment.due_on, assignment.auto_assign_new) == (["操作工"], DUE, True)
    assert (assignment.enterprise, assignment.package) == (plant["enterprise"], plant["package"])
    assert {member.learner.name for member in assignment.members.select_related("learner")} == {
        "操作工丙",
        "外包丁",
    }

    detail = BeautifulSoup(client.get(response.url).content, "html.parser")
    assert "危化品操作工岗位培训包" in detail.select_one(".messages").get_text()
    assert detail.select_one(".assignment-facts").find("a", href=plant["package"].url)


def test_the_people_in_the_position_get_the_courses_on_my_courses_and_others_do_not(client, plant):
    client.force_login(plant["admin"])
    post_form(client, plant["package"], due_on=DUE.isoformat())

    client.force_login(plant["operator"].user)
    soup = BeautifulSoup(client.get("/study/").content, "html.parser")
    assert {title.get_text(strip=True) for title in soup.select(".my-course__title")} == {
        "危险化学品安全基础",
        "动火作业安全",
    }
    assert DUE.isoformat() in soup.get_text()
    for name in ("electrician", "leader", "former", "stranger"):
        assert not Enrolment.objects.filter(learner=plant[name]).exists(), name


def test_people_who_take_the_position_later_get_the_package_too(client, plant):
    client.force_login(plant["admin"])
    post_form(client, plant["package"], due_on=DUE.isoformat())
    record = roster_import_apply(
        enterprise=plant["enterprise"],
        user=plant["admin"],
        file=csv_upload([person(9201), person(9202, 岗位="司机")]),
    )
    assert record.status == "applied", record.report
    enrolled = set(
        Enrolment.objects.filter(assignment__package=plant["package"]).values_list(
            "learner__name", "course_id"
        )
    )
    assert {name for name, _course in enrolled} == {"操作工丙", "外包丁", "测试9201"}


def test_an_anonymous_visitor_sees_no_form_and_their_post_goes_to_sign_in(client, plant):
    soup = page_of(client, plant["package"])
    assert assign_form(soup, plant["package"]) is None
    assert not soup.find("input", {"name": "csrfmiddlewaretoken"})
    assert soup.select_one(".training-package .notice a")["href"].startswith(reverse("login"))

    response = post_form(client, plant["package"], due_on=DUE.isoformat())
    assert response.status_code == 302 and "login" in response.url
    assert not Assignment.objects.exists()


def test_a_worker_sees_no_form_and_their_post_is_refused(client, plant):
    client.force_login(plant["operator"].user)
    assert assign_form(page_of(client, plant["package"]), plant["package"]) is None
    assert post_form(client, plant["package"], due_on=DUE.isoformat()).status_code == 403
    assert not Assignment.objects.exists()


def test_an_administrator_cannot_assign_for_an_enterprise_they_do_not_manage(client, plant):
    client.force_login(plant["other_admin"])
    response = post_form(client, plant["package"], due_on=DUE.isoformat(), enterprise=plant["enterprise"].pk)
    assert response.status_code == 404
    assert not Assignment.objects.exists()
    assert not Enrolment.objects.filter(learner=plant["operator"]).exists()


def test_an_administrator_of_several_enterprises_chooses_which(client, plant):
    second = make_enterprise(name="吉林第二化工有限公司", admin=plant["admin"])
    client.force_login(plant["admin"])
    select = assign_form(page_of(client, plant["package"]), plant["package"]).find("select")
    assert {option["value"] for option in select.find_all("option")} == {
        str(plant["enterprise"].pk),
        str(second.pk),
    }
    response = post_form(client, plant["package"], due_on=DUE.isoformat(), enterprise=second.pk)
    # Nobody works at the second enterprise yet: refused there, not assigned at the first.
    assert response.status_code == 200
    assert "操作工" in BeautifulSoup(response.content, "html.parser").select_one(".errors").get_text()
    assert not Assignment.objects.exists()


def test_a_due_date_in_the_past_is_refused_and_the_page_shows_why(client, plant):
    client.force_login(plant["admin"])
    response = post_form(client, plant["package"], due_on=YESTERDAY.isoformat())
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".errors")
    assert YESTERDAY.isoformat() in soup.select_one(".field-errors").get_text()
    assert assign_form(soup, plant["package"]) is not None
    assert [title.get_text() for title in soup.select(".course-card__title")] == [
        "动火作业安全",
        "危险化学品安全基础",
    ]
    assert not Assignment.objects.exists()


def test_a_draft_package_cannot_be_assigned(client, plant, academy):
    draft = make_package(
        academy.sub_colleges["chemicals"],
        title="草稿培训包",
        position=operator_position(),
        courses=[plant["course_a"]],
        publish=False,
    )
    client.force_login(plant["admin"])
    assert post_form(client, draft, due_on=DUE.isoformat()).status_code == 404
    assert not Assignment.objects.exists()


def test_the_page_cache_never_serves_the_administrators_form_to_anyone_else(client, plant, settings):
    settings.ACADEMY_PAGE_CACHE_SECONDS = 300
    package = plant["package"]
    client.force_login(plant["admin"])
    assert assign_form(page_of(client, package), package) is not None
    client.logout()
    client.cookies.clear()
    assert assign_form(page_of(client, package), package) is None
    # The anonymous page is now answered from the cache, without the form...
    assert count_queries(client, package.url) == 0
    assert assign_form(page_of(client, package), package) is None
    # ...and the cached page is not what the administrator gets.
    client.force_login(plant["admin"])
    assert assign_form(page_of(client, package), package) is not None


# ---------------------------------------------------------------------------------------------------------
# The service's refusals


def test_the_service_refuses_what_cannot_be_assigned(plant, academy):
    chemicals = academy.sub_colleges["chemicals"]
    arguments = {"enterprise": plant["enterprise"], "created_by": plant["admin"], "due_on": DUE}
    cases = [
        (
            make_package(chemicals, title="草稿", position=operator_position(), publish=False),
            {},
            AssignmentError.PACKAGE_NOT_FOUND,
        ),
        (
            make_package(chemicals, title="无课", position=operator_position(), courses=[plant["draft"]]),
            {},
            AssignmentError.NO_COURSE,
        ),
        (plant["package"], {"due_on": YESTERDAY}, AssignmentError.DUE_IN_PAST),
        (
            make_package(
                chemicals,
                title="司机包",
                position=Position.objects.create(name="司机", slug="driver"),
                courses=[plant["course_a"]],
            ),
            {},
            AssignmentError.NOBODY_MATCHES,
        ),
    ]
    for package, changes, code in cases:
        with pytest.raises(ValidationError) as refusal:
            package_assign(package=package, **{**arguments, **changes})
        assert codes(refusal.value) == {code}, package.title
    assert "司机" in " ".join(refusal.value.messages)
    assert not Assignment.objects.exists()


# ---------------------------------------------------------------------------------------------------------
# The API


def post_api(client, body):
    return client.post(API, body, content_type="application/json")


def test_the_api_assigns_a_package_in_one_step(client, plant):
    client.force_login(plant["admin"])
    response = post_api(client, {"package": plant["package"].pk, "due_on": DUE.isoformat()})
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["courses"] == [plant["course_b"].pk, plant["course_a"].pk]
    assert (created["package"], created["title"], created["positions"], created["auto_assign_new"]) == (
        plant["package"].pk,
        "危化品操作工岗位培训包",
        ["操作工"],
        True,
    )
    assert (created["due_on"], created["member_count"]) == (DUE.isoformat(), 2)
    assert client.get(f"{API}{created['id']}/").json()["package"] == plant["package"].pk


def test_an_assignment_made_from_courses_has_no_package(client, plant):
    client.force_login(plant["admin"])
    body = {
        "title": "班组长培训",
        "courses": [plant["course_a"].pk],
        "due_on": DUE.isoformat(),
        "roles": ["team_leader"],
    }
    response = post_api(client, body)
    assert response.status_code == 201 and response.json()["package"] is None


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"courses": [1]}, ErrorCode.PACKAGE_OR_COURSES),
        ({"positions": ["电工"]}, ErrorCode.PACKAGE_OR_COURSES),
        ({"title": "另起名"}, ErrorCode.PACKAGE_OR_COURSES),
        ({"package": None}, ErrorCode.PACKAGE_OR_COURSES),  # neither
        ({"package": 999999}, AssignmentError.PACKAGE_NOT_FOUND),
        ({"package": "draft"}, AssignmentError.PACKAGE_NOT_FOUND),
        ({"package": "no_live_course"}, AssignmentError.NO_COURSE),
        ({"due_on": YESTERDAY.isoformat()}, AssignmentError.DUE_IN_PAST),
        ({"package": "abc"}, "invalid"),
    ],
)
def test_bad_package_bodies_are_refused_with_a_code_and_nothing_is_created(
    client, plant, academy, changes, code
):
    chemicals = academy.sub_colleges["chemicals"]
    named = {
        "draft": lambda: (
            make_package(
                chemicals,
                title="草稿",
                position=operator_position(),
                courses=[plant["course_a"]],
                publish=False,
            ).pk
        ),
        "no_live_course": lambda: (
            make_package(chemicals, title="无课", position=operator_position(), courses=[plant["draft"]]).pk
        ),
    }
    body = {"package": plant["package"].pk, "due_on": DUE.isoformat(), **changes}
    if body["package"] is None:
        del body["package"]
    elif body["package"] in named:
        body["package"] = named[body["package"]]()
    client.force_login(plant["admin"])
    response = post_api(client, body)
    assert response.status_code == 400, response.json()
    assert response.json()["code"] == code and response.json()["detail"]
    assert not Assignment.objects.exists()


def test_a_worker_cannot_assign_a_package_through_the_api(client, plant):
    client.force_login(plant["operator"].user)
    response = post_api(client, {"package": plant["package"].pk, "due_on": DUE.isoformat()})
    assert (response.status_code, response.json()["code"]) == (
        403,
        LearnersErrorCode.NOT_ENTERPRISE_ADMINISTRATOR,
    )
    assert not Assignment.objects.exists()
