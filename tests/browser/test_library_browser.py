"""A visitor on a phone finds a loose-leaf material in the library, reads its edition history and
downloads an older edition, which is counted."""

import io

import pytest
from playwright.sync_api import expect

from cms.demo.site import seed_site
from courses.materials.models import MaterialLibraryPage
from tests.courses.factories import make_material, publish_edition

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def library(migrated_db, settings):
    # Download counts show on the material page, which anonymous visitors otherwise get from the cache.
    settings.ACADEMY_PAGE_CACHE_SECONDS = 0
    site = seed_site(stdout=io.StringIO())
    site.home.add_child(
        instance=MaterialLibraryPage(title="教材库", slug=MaterialLibraryPage.SLUG)
    ).save_revision().publish()
    loose_leaf = make_material(
        site.sub_colleges["chemicals"],
        title="危险化学品动火作业活页教材",
        format="loose_leaf",
        edition="2025年第1版",
    )
    publish_edition(loose_leaf, edition="2026年第2版", changes="更新第3、7页：按 GB 30871-2022 修订动火分级")
    make_material(site.sub_colleges["chemicals"], title="化工总控工岗位工作手册", format="workbook")
    make_material(site.sub_colleges["coal"], title="煤矿动火作业标准教材", format="standard")
    return site


@pytest.mark.django_db(transaction=True)
def test_a_visitor_finds_a_loose_leaf_material_and_downloads_an_older_edition(browser, live_server, library):
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="教材").click()
    expect(page.locator(".material-card")).to_have_count(3)

    page.get_by_role("searchbox").fill("动火")
    page.get_by_role("button", name="搜索").click()
    expect(page.locator(".material-card")).to_have_count(2)
    # After a search the filters stand open already.
    expect(page.locator("details.filters__more")).to_have_attribute("open", "")
    page.get_by_label("形式").select_option("loose_leaf")
    page.get_by_role("button", name="应用").click()
    cards = page.locator(".material-card")
    expect(cards).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    cards.get_by_role("link", name="危险化学品动火作业活页教材").click()
    history = page.locator("table.edition-history tbody tr")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("2026年第2版")
    expect(history.first).to_contain_text("更新第3、7页")
    expect(history.nth(1)).to_contain_text("2025年第1版")

    # Wagtail serves a PDF inline: the browser opens it rather than saving it.
    with page.expect_response(lambda response: "/documents/" in response.url) as served:
        history.nth(1).get_by_role("link", name="下载2025年第1版").click()
    assert served.value.status == 200
    assert served.value.headers["content-type"] == "application/pdf"
    page.go_back()
    page.reload()
    expect(page.locator("table.edition-history tbody tr").nth(1).locator("td.num")).to_have_text("1")
    context.close()
