"""The compliance dashboards: who sees which enterprise, what the table and summary say, the Excel
download matching the page, and a query count that does not grow with people or records."""

import io
import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from academy.excel import XLSX_CONTENT_TYPE
from credits.compliance.charts import status_chart
from credits.compliance.reports import enterprise_report, month_ends, status_by_month
from credits.compliance.verdicts import Missing, Status
from learners import services
from learners.models import Enterprise
from tests.credits.report_helpers import (
    ON,
    PROFILES,
    D,
    Profile,
    add_people,
    add_person,
)
from tests.learners.factories import engage, make_authority, make_enterprise, make_enterprise_admin, make_user
from tests.queries import count_queries

PAGE = reverse("training:compliance")
EXPORT = reverse("training:compliance_export")
AUTHORITY = reverse("training:compliance_authority")
AUTHORITY_EXPORT = reverse("training:compliance_authority_export")
NAME = re.compile(r'class="person-name"[^>]*>([^<]+)<')


def page_names(response) -> list[str]:
    return NAME.findall(response.content.decode())


def workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    return load_workbook(io.BytesIO(response.content))


def sheet_rows(book, index: int = 0) -> list[list]:
    return [list(row) for row in book.worksheets[index].iter_rows(values_only=True)]


@pytest.fixture
def plant(db):
    admin, enterprise = make_enterprise_admin(name="长春安全化工", prefecture="changchun")
    people = [add_person(enterprise, profile=profile) for profile in PROFILES]
    return {"admin": admin, "enterprise": enterprise, "people": people}


def signed_in(client, user):
    client.force_login(user)
    return client


# Access.


def test_an_administrator_sees_their_enterprises_people_with_each_verdict(client, plant):
    response = signed_in(client, plant["admin"]).get(PAGE, {"on": ON.isoformat()})
    assert response.status_code == 200
    assert sorted(page_names(response)) == sorted(person.name for person in plant["people"])
    body = response.content.decode()
    assert 'data-requirement="principal_initial"' in body
    assert str(Status.OVERDUE.label) in body


def test_an_administrator_gets_404_for_another_enterprises_page_excel_and_api(client, plant):
    other = make_enterprise(name="别家公司")
    add_person(other, name="吴晓东")
    signed_in(client, plant["admin"])
    assert client.get(PAGE, {"enterprise": other.pk}).status_code == 404
    assert client.get(EXPORT, {"enterprise": other.pk}).status_code == 404
    response = client.get(f"/api/v1/enterprises/{other.pk}/compliance/")
    assert response.status_code == 404
    assert response.json()["code"] == "enterprise_not_found"
    assert client.get(f"/api/v1/enterprises/{other.pk}/compliance/", {"format": "xlsx"}).status_code == 404


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "-1"])
def test_a_malformed_enterprise_id_is_a_404(client, plant, value):
    assert signed_in(client, plant["admin"]).get(PAGE, {"enterprise": value}).status_code == 404


def test_someone_who_oversees_no_enterprise_is_told_why_they_may_not_see_reports(client, plant):
    signed_in(client, make_user())
    assert client.get(PAGE).status_code == 403
    assert client.get(AUTHORITY).status_code == 403


def test_an_enterprise_administrator_may_not_open_the_authority_dashboard(client, plant):
    assert signed_in(client, plant["admin"]).get(AUTHORITY).status_code == 403
    assert client.get(AUTHORITY_EXPORT).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, plant):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_an_authority_user_without_an_enterprise_lands_on_the_authority_dashboard(client, plant):
    response = signed_in(client, make_authority("changchun")).get(PAGE)
    assert response.status_code == 302
    assert response["Location"] == AUTHORITY


def test_a_prefecture_authority_drills_down_to_its_own_enterprises_only(client, plant):
    elsewhere = make_enterprise(name="吉林市化工", prefecture="jilin")
    add_person(elsewhere, name="吴晓东")
    signed_in(client, make_authority("changchun"))
    response = client.get(PAGE, {"enterprise": plant["enterprise"].pk, "on": ON.isoformat()})
    assert response.status_code == 200
    assert len(page_names(response)) == len(PROFILES)
    assert client.get(PAGE, {"enterprise": elsewhere.pk}).status_code == 404
    assert client.get(EXPORT, {"enterprise": elsewhere.pk}).status_code == 404
    assert client.get(f"/api/v1/enterprises/{elsewhere.pk}/compliance/").status_code == 404


def test_a_prefecture_authority_sees_only_its_prefectures_enterprises(client, plant):
    elsewhere = make_enterprise(name="吉林市化工", prefecture="jilin")
    add_person(elsewhere)
    response = signed_in(client, make_authority("changchun")).get(AUTHORITY, {"on": ON.isoformat()})
    assert response.status_code == 200
    body = response.content.decode()
    assert "长春安全化工" in body
    assert "吉林市化工" not in body
    assert f'data-enterprise="{elsewhere.pk}"' not in body
    # Nor does it choose another prefecture through the filter: it has none to choose.
    assert 'name="prefecture"' not in body
    assert "吉林市化工" not in client.get(AUTHORITY, {"prefecture": "jilin"}).content.decode()
    book = workbook(client.get(AUTHORITY_EXPORT, {"on": ON.isoformat()}))
    assert [row[0] for row in sheet_rows(book)[1:]] == ["长春安全化工"]


def test_a_provincial_authority_sees_every_prefecture_and_may_narrow_to_one(client, plant):
    elsewhere = make_enterprise(name="吉林市化工", prefecture="jilin", industry="coal")
    add_people(elsewhere, 2)
    signed_in(client, make_authority(""))
    body = client.get(AUTHORITY, {"on": ON.isoformat()}).content.decode()
    assert "长春安全化工" in body and "吉林市化工" in body
    narrowed = client.get(AUTHORITY, {"on": ON.isoformat(), "prefecture": "jilin"}).content.decode()
    assert "吉林市化工" in narrowed and "长春安全化工" not in narrowed
    by_industry = client.get(AUTHORITY, {"industry": "coal"}).content.decode()
    assert "长春安全化工" not in by_industry


def test_the_authority_dashboard_links_each_enterprise_to_its_dashboard(client, plant):
    body = (
        signed_in(client, make_authority("changchun")).get(AUTHORITY, {"on": ON.isoformat()}).content.decode()
    )
    assert f"{PAGE}?enterprise={plant['enterprise'].pk}&amp;on={ON.isoformat()}" in body


def test_an_administrator_of_several_enterprises_chooses_one(client, plant):
    second = make_enterprise(name="第二工厂")
    add_person(second, name="第二厂工人")
    services.enterprise_administrator_add(enterprise=second, user=plant["admin"])
    signed_in(client, plant["admin"])
    response = client.get(PAGE, {"enterprise": second.pk, "on": ON.isoformat()})
    assert page_names(response) == ["第二厂工人"]
    assert 'name="enterprise"' in response.content.decode()


# Who is in a report.


def test_a_person_engaged_with_two_enterprises_appears_in_both_reports(client, plant):
    admin_b, enterprise_b = make_enterprise_admin(name="长春第二化工")
    both = plant["people"][0]
    engage(both, enterprise_b, roles=["worker"], position="兼职安全员", started_on=D(2025, 1, 1))
    assert both.name in page_names(signed_in(client, plant["admin"]).get(PAGE, {"on": ON.isoformat()}))
    client.logout()
    response = signed_in(client, admin_b).get(PAGE, {"on": ON.isoformat()})
    assert page_names(response) == [both.name]
    # Each enterprise sees the person judged on its own engagement.
    assert 'data-requirement="principal_initial"' not in response.content.decode()


def test_a_dispatched_worker_appears_under_the_using_enterprise(client, plant):
    agency = make_enterprise(name="长春劳务派遣公司")
    worker = add_person(agency, name="派遣工人", profile=Profile(("worker",), "派遣工"))
    engage(worker, plant["enterprise"], roles=["worker"], position="装卸工", employment_type="dispatched")
    signed_in(client, plant["admin"])
    assert worker.name in page_names(client.get(PAGE, {"on": ON.isoformat()}))
    dispatched = client.get(PAGE, {"on": ON.isoformat(), "employment_type": "dispatched"})
    assert page_names(dispatched) == [worker.name]
    report = enterprise_report(enterprise=plant["enterprise"], on=ON)
    [mine] = [row for row in report.rows if row.person.learner_id == worker.pk]
    assert mine.person.employment_types == ("dispatched",)
    assert mine.person.positions == ("装卸工",)


def test_people_with_missing_data_render_and_say_what_is_missing(client, plant):
    response = signed_in(client, plant["admin"]).get(PAGE, {"on": ON.isoformat()})
    body = response.content.decode()
    assert str(Missing.NO_EDUCATION.label) in body
    assert str(Missing.NO_ASSESSMENT.label) in body
    book = workbook(client.get(EXPORT, {"on": ON.isoformat()}))
    cells = {str(cell) for row in sheet_rows(book) for cell in row if cell}
    assert any(str(Missing.NO_EDUCATION.label) in cell for cell in cells)


def test_an_enterprise_with_nobody_engaged_shows_an_empty_report(client, db):
    admin, _enterprise = make_enterprise_admin()
    signed_in(client, admin)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert page_names(response) == []
    assert sheet_rows(workbook(client.get(EXPORT)))[1:] == []


# Filters.


def test_filters_narrow_the_table_but_not_the_summary(client, plant):
    signed_in(client, plant["admin"])
    everyone = client.get(PAGE, {"on": ON.isoformat()})
    overdue = client.get(PAGE, {"on": ON.isoformat(), "status": "overdue"})
    principal = plant["people"][0]
    assert principal.name in page_names(overdue)
    assert len(page_names(overdue)) < len(page_names(everyone))
    assert overdue.context["report"].summary == everyone.context["report"].summary
    assert page_names(client.get(PAGE, {"on": ON.isoformat(), "role": "team_leader"})) == [
        plant["people"][1].name
    ]
    assert page_names(client.get(PAGE, {"on": ON.isoformat(), "position": "焊工"})) == [
        plant["people"][3].name
    ]


@pytest.mark.parametrize(
    "query", [{"on": "2026-13-01"}, {"status": "great"}, {"role": "king"}, {"employment_type": "slave"}]
)
def test_a_bad_filter_value_is_refused_with_a_reason(client, plant, query):
    signed_in(client, plant["admin"])
    response = client.get(PAGE, query)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert client.get(EXPORT, query).status_code == 400


def test_a_report_for_a_past_day_judges_who_was_engaged_then(client, plant):
    late = add_person(plant["enterprise"], name="新来的", started_on=D(2026, 6, 1))
    signed_in(client, plant["admin"])
    assert late.name not in page_names(client.get(PAGE, {"on": "2026-05-31"}))
    assert late.name in page_names(client.get(PAGE, {"on": "2026-06-01"}))


def test_the_table_is_paginated_by_fifty(client, plant):
    add_people(plant["enterprise"], 50)
    signed_in(client, plant["admin"])
    first = client.get(PAGE, {"on": ON.isoformat()})
    second = client.get(PAGE, {"on": ON.isoformat(), "page": 2})
    assert len(page_names(first)) == 50
    assert len(page_names(second)) == 5
    assert not set(page_names(first)) & set(page_names(second))
    # The download has every row, whatever the page.
    assert len(sheet_rows(workbook(client.get(EXPORT, {"on": ON.isoformat(), "page": 2})))) == 56


# Summary, charts and the month-by-month counts.


def test_the_summary_counts_people_by_status_and_the_holding_ratios(plant):
    report = enterprise_report(enterprise=plant["enterprise"], on=ON)
    summary = report.summary
    assert summary.people == len(PROFILES)
    assert sum(summary.by_status.values()) == len(PROFILES)
    # One team leader, who holds a skill-level certificate: 100 % against a 20 % target.
    assert (summary.team_leaders.holders, summary.team_leaders.total, summary.team_leaders.reached) == (
        1,
        1,
        True,
    )
    # Chemicals is one of the named industries: 1 of 5 employees holds one, below 30 %.
    assert (summary.employees.holders, summary.employees.total, summary.employees.reached) == (1, 5, False)


def test_the_employee_ratio_is_not_shown_outside_the_named_industries(client, db):
    admin, enterprise = make_enterprise_admin(industry="fireworks")
    add_people(enterprise, 2)
    signed_in(client, admin)
    response = client.get(PAGE, {"on": ON.isoformat()})
    assert response.context["report"].summary.employees is None
    assert 'id="ratio-employees"' not in response.content.decode()
    assert 'id="ratio-team-leaders"' in response.content.decode()


def test_months_run_from_january_to_the_day_of_the_report():
    assert month_ends(D(2026, 3, 10)) == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 10)]
    assert month_ends(D(2024, 2, 29)) == [D(2024, 1, 31), D(2024, 2, 29)]
    assert month_ends(D(2026, 1, 1)) == [D(2026, 1, 1)]


def test_the_status_by_month_counts_whoever_was_engaged_at_each_months_end(db):
    enterprise = make_enterprise()
    add_person(enterprise, started_on=D(2024, 3, 1))
    add_person(enterprise, started_on=D(2026, 4, 10))
    months = status_by_month(enterprise=enterprise, on=ON)
    assert [month.label for month in months] == [
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
        "2026-05",
        "2026-06",
    ]
    assert [sum(month.by_status.values()) for month in months] == [1, 1, 1, 2, 2, 2]
    # The report's own summary stands in for the last month without changing it.
    summary = enterprise_report(enterprise=enterprise, on=ON).summary
    assert status_by_month(enterprise=enterprise, on=ON, on_day=summary.by_status) == months


def test_the_dashboard_draws_its_charts_as_accessible_svg_with_a_table(client, plant):
    body = signed_in(client, plant["admin"]).get(PAGE, {"on": ON.isoformat()}).content.decode()
    for chart_id in ("chart-status-by-role", "chart-status-by-month"):
        assert f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" id="{chart_id}" role="img"' in body
        assert f'<title id="{chart_id}-title">' in body
    assert body.count('<details class="compliance-chart__table">') == 2
    assert "<script" not in body.split('<main id="main"')[1]


def test_a_chart_escapes_its_labels_and_scales_to_the_largest_bar():
    chart = status_chart(
        chart_id="c",
        title="<b>人员</b>",
        description="d",
        categories=[("<script>", {"met": 2, "overdue": 2}), ("班组长", {"met": 1})],
    )
    svg = str(chart.svg)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "&lt;b&gt;人员&lt;/b&gt;" in svg
    widths = [
        float(width) for width in re.findall(r'<rect x="[\d.]+" y="\d+" width="([\d.]+)" height="18"', svg)
    ]
    assert widths == [220.0, 220.0, 110.0]
    assert [row.total for row in chart.rows] == [4, 1]


def test_a_chart_with_no_rows_says_so():
    chart = status_chart(chart_id="c", title="t", description="d", categories=[])
    assert "<svg" in str(chart.svg)
    assert chart.rows == ()


# Excel.


def test_the_excel_rows_match_the_pages_rows(client, plant):
    add_people(plant["enterprise"], 7)
    signed_in(client, plant["admin"])
    for query in (
        {"on": ON.isoformat()},
        {"on": ON.isoformat(), "status": "overdue"},
        {"role": "special_operator"},
    ):
        names = page_names(client.get(PAGE, query))
        book = workbook(client.get(EXPORT, query))
        rows = sheet_rows(book)
        assert [row[0] for row in rows[1:]] == names


def test_the_workbook_has_a_formatted_sheet_per_view(client, plant):
    signed_in(client, plant["admin"])
    book = workbook(client.get(EXPORT, {"on": ON.isoformat()}))
    assert len(book.worksheets) == 4
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold
        assert sheet.column_dimensions["A"].width >= 8
    people = sheet_rows(book, 0)
    header = people[0]
    assert header[:6] == [
        _("Name"),
        _("Identity number"),
        _("Positions"),
        _("Employment type"),
        _("Roles"),
        _("Overall status"),
    ]
    principal = next(row for row in people[1:] if row[0] == plant["people"][0].name)
    # Masked, never the full number.
    assert principal[1] == plant["people"][0].identity_number_masked
    assert "*" in principal[1]
    # The principal's 48-hour initial training: status, earned, required, short, due.
    index = next(i for i, title in enumerate(header) if "主要负责人初次安全培训" in str(title))
    status, earned, required, short, due = principal[index : index + 5]
    assert status == str(Status.OVERDUE.label)
    assert (earned, required, short) == (10.75, 48, 37.25)
    assert due.date() == D(2024, 8, 28)
    months = sheet_rows(book, 3)
    assert len(months) == 1 + ON.month


def test_the_authority_workbook_has_enterprise_industry_and_prefecture_sheets(client, plant):
    coal = make_enterprise(name="长春煤矿", industry="coal")
    add_people(coal, 3)
    signed_in(client, make_authority("changchun"))
    book = workbook(client.get(AUTHORITY_EXPORT, {"on": ON.isoformat()}))
    assert [len(sheet_rows(book, index)) for index in range(3)] == [3, 3, 2]
    prefecture = sheet_rows(book, 2)[1]
    assert prefecture[1:3] == [2, len(PROFILES) + 3]


# Query counts: the same with 3 people as with 12, records and all.


def _grow(enterprise):
    add_people(enterprise, 9)


def test_the_enterprise_page_excel_and_api_make_as_many_queries_for_twelve_people_as_for_three(client, db):
    admin, enterprise = make_enterprise_admin()
    add_people(enterprise, 3)
    signed_in(client, admin)
    urls = [
        f"{PAGE}?on={ON.isoformat()}",
        f"{PAGE}?on={ON.isoformat()}&status=overdue",
        f"{EXPORT}?on={ON.isoformat()}",
        f"/api/v1/enterprises/{enterprise.pk}/compliance/?on={ON.isoformat()}",
        f"/api/v1/enterprises/{enterprise.pk}/compliance/?on={ON.isoformat()}&format=xlsx",
    ]
    small = [count_queries(client, url) for url in urls]
    _grow(enterprise)
    assert [count_queries(client, url) for url in urls] == small
    assert len(page_names(client.get(urls[0]))) == 12


def test_the_authority_page_makes_as_many_queries_for_twelve_people_as_for_three(client, db):
    first, second = make_enterprise(), make_enterprise(prefecture="changchun", industry="coal")
    add_people(first, 2)
    add_people(second, 1)
    signed_in(client, make_authority("changchun"))
    urls = [
        f"{AUTHORITY}?on={ON.isoformat()}",
        f"{AUTHORITY_EXPORT}?on={ON.isoformat()}",
        f"/api/v1/authority/compliance/?on={ON.isoformat()}",
    ]
    small = [count_queries(client, url) for url in urls]
    _grow(first)
    assert [count_queries(client, url) for url in urls] == small
    figures = client.get(urls[2]).json()["results"]
    assert sum(row["people"] for row in figures) == 12
    assert Enterprise.objects.count() == 2


def test_text_that_looks_like_a_formula_stays_text_in_the_workbook(client, plant):
    add_person(plant["enterprise"], profile=Profile(("worker",), '=HYPERLINK("http://x","点我")'))
    signed_in(client, plant["admin"])
    book = workbook(client.get(EXPORT, {"on": ON.isoformat()}))
    cells = [cell for row in book.worksheets[0].iter_rows(min_row=2) for cell in row if cell.column == 3]
    [formula_like] = [cell for cell in cells if str(cell.value).startswith("=")]
    assert formula_like.data_type == "s"


def test_a_superuser_opens_any_enterprise_and_otherwise_starts_from_the_authority_dashboard(client, plant):
    superuser = make_user(is_superuser=True, is_staff=True)
    signed_in(client, superuser)
    assert client.get(PAGE)["Location"] == AUTHORITY
    response = client.get(PAGE, {"enterprise": plant["enterprise"].pk, "on": ON.isoformat()})
    assert len(page_names(response)) == len(PROFILES)
    assert client.get(AUTHORITY).status_code == 200
