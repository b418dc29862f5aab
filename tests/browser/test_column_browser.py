"""A publicity officer writes a subsidy result announcement in the Wagtail admin and submits it for
review; a reviewer approves it from the dashboard, and only then does the home page show it."""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import Browser, Page, expect

from cms.demo.column import seed_column
from cms.demo.site import seed_site
from cms.models import PolicyKind, PolicyPostPage
from cms.permissions import PUBLICITY_STAFF, REVIEWERS, editorial_access_ensure
from tests.learners.factories import make_user

TITLE = "2026年第一批安全技能提升培训补贴结果通报"


@pytest.fixture
def newsroom(migrated_db):
    site = seed_site(stdout=io.StringIO())
    column = seed_column(home=site.home, stdout=io.StringIO())
    editorial_access_ensure()
    for username, group in (("publicity", PUBLICITY_STAFF), ("reviewer", REVIEWERS)):
        make_user(username).groups.add(Group.objects.get(name=group))
    return column


def admin_sign_in(page: Page, base_url: str, username: str):
    page.goto(base_url + "/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill("pw")  # make_user's password
    page.locator("form button[type=submit]").click()
    expect(page).to_have_url(base_url + "/admin/")


def write_and_submit(page: Page, base_url: str, column):
    page.goto(f"{base_url}/admin/pages/add/cms/policypostpage/{column.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_kind").select_option(PolicyKind.SUBSIDY_RESULT)
    page.locator("#id_publish_date").fill(datetime.date.today().isoformat())
    page.locator("#id_summary").fill("公布第一批补贴发放结果，请各企业核对。")
    # The body: a StreamField; add a paragraph block and type into its rich-text editor.
    page.locator("button.c-sf-add-button").first.click()
    page.locator(".w-combobox__option", has_text=re.compile("段落|Paragraph")).first.click()
    editor = page.locator("[data-streamfield-stream-container] [role=textbox][contenteditable=true]")
    editor.click()
    page.keyboard.type("经审核，以下企业符合安全技能提升培训补贴条件。")
    # Draftail copies its content to the block's hidden input a moment later; submit only then.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("经审核"))
    # The footer's action menu: open the drop-up, then the item named action-submit (its label is
    # translated, and a publicity officer has no publish button).
    page.locator("footer [data-w-dropdown-target=toggle]").click()
    page.locator("button[name=action-submit]").click()
    # Submitted, Wagtail returns to the column's listing.
    expect(page).to_have_url(f"{base_url}/admin/pages/{column.pk}/")


def approve_from_dashboard(page: Page, base_url: str, column):
    page.goto(base_url + "/admin/")
    awaiting = page.locator("#awaiting-review-section")
    expect(awaiting).to_contain_text(TITLE)
    awaiting.get_by_role("link", name=TITLE).first.click()
    expect(page).to_have_url(re.compile(r"/admin/pages/\d+/edit/$"))
    page.locator("footer [data-w-dropdown-target=toggle]").click()
    # "Approve with comment": the approve action that opens a modal for the reviewer's comment.
    page.locator("button[data-workflow-action-name=approve][data-workflow-action-modal-url]").click()
    modal = page.locator(".modal form")
    modal.locator("textarea").fill("数据核对无误，同意发布。")
    # Done, Wagtail returns to the column's listing with a success message.
    with page.expect_navigation():
        modal.locator("button[type=submit]").click()
    expect(page).to_have_url(f"{base_url}/admin/pages/{column.pk}/")
    expect(page.locator(".messages .success")).to_contain_text(TITLE)


@pytest.mark.django_db(transaction=True)
def test_a_subsidy_result_is_submitted_approved_and_then_on_the_home_page(
    page: Page, browser: Browser, live_server, newsroom
):
    base = live_server.url
    page.goto(base + "/")
    expect(page.locator("body")).not_to_contain_text(TITLE)  # also fills the page cache

    admin_sign_in(page, base, "publicity")
    write_and_submit(page, base, newsroom)
    post = PolicyPostPage.objects.get(title=TITLE)
    assert not post.live and post.workflow_in_progress
    body = post.get_latest_revision_as_object().body
    assert [block.block_type for block in body] == ["paragraph"] and "经审核" in body[0].value.source

    anonymous = browser.new_context(locale="zh-CN")
    home = anonymous.new_page()
    home.goto(base + "/")
    expect(home.locator("body")).not_to_contain_text(TITLE)  # submitted is not published

    reviewer = browser.new_context(locale="zh-CN")
    reviewer_page = reviewer.new_page()
    admin_sign_in(reviewer_page, base, "reviewer")
    approve_from_dashboard(reviewer_page, base, newsroom)
    reviewer.close()
    post.refresh_from_db()
    assert post.live and post.kind == PolicyKind.SUBSIDY_RESULT

    # The home page was cached for anonymous visitors before; publishing must have emptied the cache.
    home.goto(base + "/")
    expect(home.locator("body")).to_contain_text(TITLE)
    anonymous.close()
