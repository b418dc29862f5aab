"""An enterprise administrator imports a roster and sees the people; a worker sees their own file only."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from learners import services
from tests.learners.factories import engage, make_enterprise, make_learner
from tests.learners.roster_files import csv_bytes, person

PHONE = {"width": 390, "height": 844}
PASSWORD = "plant safety 2026"


@pytest.fixture
def plant(migrated_db):
    enterprise = make_enterprise(name="长春浏览器测试化工")
    admin = get_user_model().objects.create_user(username="plant-admin", password=PASSWORD)
    services.enterprise_administrator_add(enterprise=enterprise, user=admin)
    worker = make_learner(name="周建华", phone="13911112222", password=PASSWORD)
    engage(worker, enterprise, started_on=datetime.date(2023, 5, 1))
    stranger = make_learner(name="吴晓东", phone="13911113333")
    engage(stranger, make_enterprise(name="别家公司"), started_on=datetime.date(2022, 1, 1))
    return {"enterprise": enterprise, "worker": worker, "stranger": stranger}


def sign_in(page: Page, base_url: str, username: str):
    page.goto(base_url + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page).to_have_url(base_url + "/")


@pytest.mark.django_db(transaction=True)
def test_an_administrator_imports_a_roster_and_sees_the_people(page: Page, live_server, plant, tmp_path):
    roster = tmp_path / "花名册.csv"
    rows = [person(serial, 姓名=name) for serial, name in [(301, "郑国强"), (302, "冯秀英"), (303, "陈志远")]]
    roster.write_bytes(csv_bytes(rows, encoding="gb18030"))  # as Chinese Excel saves it

    sign_in(page, live_server.url, "plant-admin")
    page.goto(live_server.url + "/people/import/")
    page.locator("#roster-import-form input[type=file]").set_input_files(str(roster))
    page.locator("#roster-import-form button[type=submit]").click()

    # The script shows progress, then opens the import's result page.
    expect(page).to_have_url(re.compile(r"/people/imports/\d+/$"), timeout=30_000)
    expect(page.locator("body")).to_contain_text("郑国强")

    page.goto(live_server.url + "/people/")
    table = page.locator("table.data-table")
    for name in ("郑国强", "冯秀英", "陈志远", "周建华"):
        expect(table).to_contain_text(name)
    expect(table).not_to_contain_text("吴晓东")


@pytest.mark.django_db(transaction=True)
def test_a_worker_sees_their_own_file_and_no_one_elses(browser, live_server, plant):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    sign_in(page, live_server.url, "13911112222")
    page.goto(live_server.url + "/people/me/")
    expect(page.locator("h1")).to_contain_text("周建华")
    expect(page.locator("body")).to_contain_text("长春浏览器测试化工")
    # The person sees their own number in full.
    expect(page.locator("body")).to_contain_text(plant["worker"].identity_number)

    response = page.goto(f"{live_server.url}/people/{plant['stranger'].pk}/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("吴晓东")
    assert page.goto(live_server.url + "/people/").status == 403
    context.close()
