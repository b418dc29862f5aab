"""An enterprise administrator opens the compliance dashboard, filters to the overdue, downloads the
Excel, and the file's rows are the page's rows."""

import re

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from learners import services
from tests.credits.report_helpers import PROFILES, add_person
from tests.learners.factories import make_enterprise

PASSWORD = "plant safety 2026"


@pytest.fixture
def plant(migrated_db):
    enterprise = make_enterprise(name="长春浏览器合规化工")
    admin = get_user_model().objects.create_user(username="compliance-admin", password=PASSWORD)
    services.enterprise_administrator_add(enterprise=enterprise, user=admin)
    people = [
        add_person(enterprise, profile=profile, name=f"{surname}{given}")
        for surname in ["赵", "钱", "孙"]
        for profile, given in zip(PROFILES, ["建国", "秀英", "志强", "丽华", "海涛"], strict=True)
    ]
    add_person(make_enterprise(name="别家公司"), profile=PROFILES[0], name="吴晓东")
    return {"enterprise": enterprise, "people": people}


def sign_in(page: Page, base_url: str, username: str):
    page.goto(base_url + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page).to_have_url(base_url + "/")


@pytest.mark.django_db(transaction=True)
def test_an_administrator_filters_to_the_overdue_and_downloads_the_same_rows(
    page: Page, live_server, plant, tmp_path
):
    sign_in(page, live_server.url, "compliance-admin")
    page.goto(live_server.url + "/training/compliance/")
    expect(page.locator("nav.site-nav a[href='/training/compliance/']")).to_have_count(1)
    expect(page.locator("#compliance-table")).to_be_visible()
    rows = page.locator("#compliance-table tbody tr.compliance-person")
    expect(rows).to_have_count(len(plant["people"]))
    expect(page.locator("#chart-status-by-role")).to_be_visible()
    expect(page.locator("#compliance-table")).not_to_contain_text("吴晓东")

    page.locator("#compliance-filters select[name=status]").select_option("overdue")
    page.locator("#compliance-filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"status=overdue"))
    overdue_names = page.locator("#compliance-table .person-name").all_inner_texts()
    assert overdue_names  # the principals, whose initial and annual training are overdue
    assert len(overdue_names) < len(plant["people"])

    with page.expect_download() as download_info:
        page.locator("#compliance-export").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / "compliance.xlsx"
    download.save_as(path)
    sheet = load_workbook(path).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == overdue_names
