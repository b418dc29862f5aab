"""A worker studies an assigned video lesson in Chromium: time is credited while it plays in front,
not while the tab is in the background, and a second window taking over stops the first."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Sum
from playwright.sync_api import Page, expect

from cms.demo.site import seed_site
from courses.enrolments.services import assignment_create
from credits.study.models import StudyRecord
from learners import services
from tests.courses.factories import add_video_lesson, make_course
from tests.learners.factories import engage, make_enterprise, make_learner

PASSWORD = "plant safety 2026"
HEARTBEAT_SECONDS = 2


@pytest.fixture
def assigned(migrated_db, settings):
    site = seed_site(stdout=io.StringIO())
    settings.ACADEMY_HEARTBEAT_SECONDS = HEARTBEAT_SECONDS
    settings.ACADEMY_PRESENCE_CHECK = False
    enterprise = make_enterprise(name="吉林浏览器测试化工")
    admin = get_user_model().objects.create_user(username="plant-admin", password=PASSWORD)
    services.enterprise_administrator_add(enterprise=enterprise, user=admin)
    worker = make_learner(name="孙立新", phone="13922223333", password=PASSWORD)
    engage(worker, enterprise, started_on=datetime.date(2024, 3, 1))
    course = make_course(site.sub_colleges["chemicals"], title="动火作业安全")
    lesson = add_video_lesson(course, title="动火作业视频", minutes=20)
    assignment_create(
        enterprise=enterprise,
        created_by=admin,
        title="年度再培训",
        course_ids=[course.pk],
        due_on=datetime.date.today() + datetime.timedelta(days=30),
        learner_ids=[worker.pk],
    )
    return {"worker": worker, "course": course, "lesson": lesson}


def sign_in(page: Page, base_url: str, username: str):
    page.goto(base_url + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page).to_have_url(base_url + "/")


def credited(page: Page) -> int:
    return int(page.locator("progress[data-study-bar]").evaluate("bar => bar.value"))


def recorded(worker) -> int:
    return StudyRecord.objects.filter(learner=worker).aggregate(total=Sum("seconds"))["total"] or 0


def play(page: Page):
    # Muted playback may start without a user gesture; the short test video loops.
    page.locator("video").evaluate("video => { video.muted = true; video.loop = true; return video.play(); }")


def set_visible(page: Page, visible: bool):
    """Switch the tab to the background or back. Headless Chromium keeps every tab visible whatever is in
    front (checked with bring_to_front and a minimised window), so the page is told what a real tab
    switch tells it: the new `visibilityState` and a `visibilitychange` event."""
    page.evaluate(
        """visible => {
            if (visible) { delete document.visibilityState; delete document.hidden; }
            else {
                Object.defineProperty(document, "visibilityState", {configurable: true, get: () => "hidden"});
                Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
            }
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        visible,
    )
    expected = "visible" if visible else "hidden"
    assert page.evaluate("document.visibilityState") == expected


@pytest.mark.django_db(transaction=True)
def test_a_worker_studies_an_assigned_video_and_only_time_in_front_counts(browser, live_server, assigned):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, live_server.url, "13922223333")

    # The assigned course is on "我的课程" with its due date; its next lesson is one click away.
    page.goto(live_server.url + "/study/")
    expect(page.locator("body")).to_contain_text("动火作业安全")
    page.get_by_role("link", name="动火作业安全").first.click()
    page.get_by_role("link", name="动火作业视频").click()
    expect(page.locator("[data-study]")).to_be_visible()

    play(page)
    page.wait_for_function(
        "() => document.querySelector('progress[data-study-bar]').value >= 4", timeout=20_000
    )
    expect(page.locator("[data-study-clock]")).not_to_have_text("0:00")
    assert recorded(assigned["worker"]) == credited(page)

    # Another tab in front: this page is hidden, and its heartbeats stop crediting.
    set_visible(page, False)
    page.wait_for_timeout(HEARTBEAT_SECONDS * 1000 + 1500)
    frozen = recorded(assigned["worker"])
    page.wait_for_timeout(HEARTBEAT_SECONDS * 3 * 1000)
    assert recorded(assigned["worker"]) == frozen

    # Back in front, it counts again.
    set_visible(page, True)
    page.wait_for_function(
        f"() => document.querySelector('progress[data-study-bar]').value > {frozen}", timeout=20_000
    )

    # The same worker opens the lesson in a second browser: it takes over, and the first stops.
    second = browser.new_context()
    second_page = second.new_page()
    sign_in(second_page, live_server.url, "13922223333")
    second_page.goto(live_server.url + assigned["lesson"].url)
    expect(page.locator("[data-study-superseded]")).to_be_visible(timeout=15_000)
    assert page.locator("video").evaluate("video => video.paused")
    play(second_page)
    before = recorded(assigned["worker"])
    second_page.wait_for_function(
        f"() => document.querySelector('progress[data-study-bar]').value > {before}", timeout=20_000
    )
    context.close()
    second.close()
