import io

import pytest
from playwright.sync_api import Page, expect

from cms.demo.site import seed_site
from tests.courses.factories import add_quiz_lesson, add_reading_lesson, add_video_lesson, make_course

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def catalogue(migrated_db):
    site = seed_site(stdout=io.StringIO())
    hot_work = make_course(
        site.sub_colleges["chemicals"],
        title="动火作业安全培训",
        summary="动火作业分级、许可和监护。",
        audiences=("worker", "team_leader"),
        with_cover=True,
    )
    add_video_lesson(hot_work, title="动火事故案例", minutes=30)
    add_reading_lesson(hot_work, title="动火作业许可", minutes=45)
    add_quiz_lesson(hot_work, title="动火知识测验", minutes=15)
    make_course(site.sub_colleges["chemicals"], title="主要负责人安全生产职责", audiences=("principal",))
    make_course(site.sub_colleges["coal"], title="煤矿井下作业安全", audiences=("worker",))
    return site


def find_a_course_and_open_it(page: Page, base_url: str):
    page.goto(base_url + "/")
    expect(page.get_by_role("heading", name="吉林省企业安全生产网络学院")).to_be_visible()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="课程超市").click()
    expect(page).to_have_url(base_url + "/courses/")
    expect(page.locator(".course-card")).to_have_count(3)

    page.locator("details.filters__more > summary").click()
    page.get_by_label("行业").select_option("chemicals")
    page.get_by_label("适用对象").select_option("worker")
    page.get_by_role("button", name="应用").click()

    expect(page).to_have_url(f"{base_url}/courses/?industry=chemicals&audience=worker")
    cards = page.locator(".course-card")
    expect(cards).to_have_count(1)
    cards.get_by_role("link", name="动火作业安全培训").click()

    expect(page.get_by_role("heading", name="动火作业安全培训", level=1)).to_be_visible()
    lessons = page.locator(".lesson-list .lesson a")
    expect(lessons).to_have_text(["动火事故案例", "动火作业许可", "动火知识测验"])


@pytest.mark.django_db(transaction=True)
def test_a_visitor_finds_a_course_by_industry_and_role_and_sees_its_lessons(
    page: Page, live_server, catalogue
):
    find_a_course_and_open_it(page, live_server.url)


@pytest.mark.django_db(transaction=True)
def test_the_same_on_a_phone_without_sideways_scrolling(page: Page, live_server, catalogue):
    page.set_viewport_size(PHONE)
    find_a_course_and_open_it(page, live_server.url)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.goto(live_server.url + "/courses/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path="test-results/supermarket-phone.png", full_page=True)
