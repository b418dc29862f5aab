"""The special operation items a post requires: only special operators' posts have them, the roster
import reads them from an optional column, and the API, the form and the file page show them."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.demo.people import seed_people
from learners import services
from learners.errors import EngagementError, ErrorCode, RosterError
from learners.fake import fake_identity_number
from learners.models import Certificate, CertificateKind, Engagement, RosterImportStatus
from learners.roster.checks import parse_operation_items
from learners.roster.format import COLUMNS, RosterAction
from learners.roster.services import roster_import_apply
from learners.roster.template import roster_template_xlsx
from learners.services import OPERATION_ITEMS_MAX, operation_items_clean
from tests.learners.factories import engage, make_authority, make_enterprise_admin, make_learner
from tests.learners.roster_files import HEADER, csv_upload, error_codes, person, register_counts, xlsx_upload
from tests.queries import count_queries

D = datetime.date
API = "/api/v1"
ELECTRIC = "低压电工作业"
WELDING = "熔化焊接与热切割作业"
HEIGHTS = "高处安装、维护、拆除作业"
ITEMS_HEADER = [*HEADER, "特种作业操作项目"]


# ---------------------------------------------------------------------------------------------------------
# Parsing and the rule


@pytest.mark.parametrize(
    "text",
    [
        f"{ELECTRIC}、{WELDING}",
        f"{ELECTRIC}，{WELDING}",
        f"{ELECTRIC},{WELDING}",
        f"{ELECTRIC};{WELDING}",
        f"{ELECTRIC}；{WELDING}",
        f"{ELECTRIC}/{WELDING}",
        f"{ELECTRIC}／{WELDING}",
        f" {ELECTRIC} 、、 {WELDING}、{ELECTRIC}、 ",
    ],
)
def test_operation_items_may_be_separated_in_every_common_way(text):
    assert parse_operation_items(text) == [ELECTRIC, WELDING]


def test_a_catalogue_item_with_its_own_enumeration_comma_stays_whole():
    assert parse_operation_items(f"{ELECTRIC}、{HEIGHTS}；{WELDING}") == [ELECTRIC, HEIGHTS, WELDING]
    assert parse_operation_items(HEIGHTS) == [HEIGHTS]


def test_an_empty_cell_has_no_operation_items():
    assert parse_operation_items("") == []
    assert parse_operation_items(" 、 ") == []


def test_items_are_stripped_and_given_once_in_their_first_order():
    items = operation_items_clean(
        operation_items=[f" {WELDING} ", ELECTRIC, WELDING], roles=["special_operator"]
    )
    assert items == [WELDING, ELECTRIC]


def test_the_same_item_spelt_twice_is_given_once_in_its_first_spelling():
    spellings = ["高压电工作业", "高压电工 作业", "高压电工\u3000作业 ", "ａ类", "A类"]
    assert operation_items_clean(operation_items=spellings, roles=["special_operator"]) == [
        "高压电工作业",
        "ａ类",
    ]
    assert parse_operation_items("高压电工作业、高压电工 作业；Ａ类，a类") == ["高压电工作业", "A类"]


@pytest.mark.parametrize(
    "items,code",
    [
        ([ELECTRIC, "  "], EngagementError.OPERATION_ITEM_BLANK),
        (["作" * 101], EngagementError.OPERATION_ITEM_TOO_LONG),
        (
            [f"项目{number}" for number in range(OPERATION_ITEMS_MAX + 1)],
            EngagementError.TOO_MANY_OPERATION_ITEMS,
        ),
    ],
)
def test_blank_overlong_or_too_many_items_are_refused(items, code):
    with pytest.raises(ValidationError) as refused:
        operation_items_clean(operation_items=items, roles=["special_operator"])
    assert refused.value.code == code


def test_repeats_do_not_count_towards_the_limit():
    items = [f"项目{number}" for number in range(OPERATION_ITEMS_MAX)] + ["项目0"]
    assert (
        len(operation_items_clean(operation_items=items, roles=["special_operator"])) == OPERATION_ITEMS_MAX
    )


def test_an_item_of_exactly_one_hundred_characters_is_accepted():
    assert operation_items_clean(operation_items=["作" * 100], roles=["special_operator"]) == ["作" * 100]


def test_only_a_special_operators_post_has_operation_items():
    with pytest.raises(ValidationError) as refused:
        operation_items_clean(operation_items=[ELECTRIC], roles=["worker", "team_leader"])
    assert refused.value.code == EngagementError.OPERATION_ITEMS_NOT_SPECIAL_OPERATOR
    assert operation_items_clean(operation_items=[], roles=["worker"]) == []


# ---------------------------------------------------------------------------------------------------------
# The services


@pytest.fixture
def enterprise(db):
    return make_enterprise_admin(name="长春测试化工有限公司")


def test_engaging_a_special_operator_records_the_items_of_the_post(enterprise):
    _, company = enterprise
    engagement = engage(
        make_learner(), company, roles=("special_operator",), operation_items=[f" {ELECTRIC}", ELECTRIC]
    )
    engagement.refresh_from_db()
    assert engagement.operation_items == [ELECTRIC]


def test_engaging_a_worker_with_operation_items_is_refused_and_writes_nothing(enterprise):
    _, company = enterprise
    learner = make_learner()
    with pytest.raises(ValidationError) as refused:
        engage(learner, company, roles=("worker",), operation_items=[ELECTRIC])
    codes = [error.code for error in refused.value.error_dict["operation_items"]]
    assert codes == [EngagementError.OPERATION_ITEMS_NOT_SPECIAL_OPERATOR]
    assert not Engagement.objects.filter(learner=learner).exists()


def test_updating_the_items_replaces_them_and_refuses_them_for_a_worker(enterprise):
    _, company = enterprise
    operator = engage(make_learner(), company, roles=("special_operator",), operation_items=[ELECTRIC])
    services.engagement_update(engagement=operator, operation_items=[WELDING, HEIGHTS])
    operator.refresh_from_db()
    assert operator.operation_items == [WELDING, HEIGHTS]
    services.engagement_update(engagement=operator, operation_items=[])
    operator.refresh_from_db()
    assert operator.operation_items == []

    worker = engage(make_learner(), company, roles=("worker",))
    with pytest.raises(ValidationError) as refused:
        services.engagement_update(engagement=worker, operation_items=[ELECTRIC])
    assert (
        refused.value.error_dict["operation_items"][0].code
        == EngagementError.OPERATION_ITEMS_NOT_SPECIAL_OPERATOR
    )
    worker.refresh_from_db()
    assert worker.operation_items == []


# ---------------------------------------------------------------------------------------------------------
# The roster import


def run(enterprise, upload):
    user, company = enterprise
    return roster_import_apply(enterprise=company, user=user, file=upload, today=D(2025, 6, 30))


def current(serial: int, company) -> Engagement:
    return Engagement.objects.current(D(2025, 6, 30)).get(
        learner__identity_number=fake_identity_number(serial), enterprise=company
    )


def operator(serial: int, **changes) -> dict:
    return person(serial, **{"人员类别": "特种作业人员", "岗位": "电工", **changes})


def test_the_import_reads_the_items_column_and_its_aliases(enterprise):
    _, company = enterprise
    rows = [operator(301, 特种作业操作项目=f"{ELECTRIC}；{HEIGHTS}"), person(302)]
    record = run(enterprise, csv_upload(rows, header=ITEMS_HEADER))
    assert record.status == RosterImportStatus.APPLIED, record.report
    assert current(301, company).operation_items == [ELECTRIC, HEIGHTS]
    assert current(302, company).operation_items == []

    for serial, alias in ((303, "操作项目"), (304, "作业项目")):
        record = run(enterprise, xlsx_upload([operator(serial, **{alias: WELDING})], header=[*HEADER, alias]))
        assert record.status == RosterImportStatus.APPLIED, record.report
        assert current(serial, company).operation_items == [WELDING]


def test_items_for_someone_who_is_not_a_special_operator_refuse_the_whole_file(enterprise):
    before = register_counts()
    rows = [operator(311, 特种作业操作项目=ELECTRIC), person(312, 特种作业操作项目=ELECTRIC)]
    record = run(enterprise, csv_upload(rows, header=ITEMS_HEADER))
    assert record.status == RosterImportStatus.REFUSED
    assert error_codes(record) == [(3, "operation_items", RosterError.OPERATION_ITEMS_NOT_SPECIAL_OPERATOR)]
    assert record.report["errors"][0]["column"] == "特种作业操作项目"
    assert register_counts() == before


def test_a_wrong_role_is_reported_without_a_second_problem_about_the_items(enterprise):
    record = run(
        enterprise,
        csv_upload([person(313, 人员类别="宇航员", 特种作业操作项目=ELECTRIC)], header=ITEMS_HEADER),
    )
    assert error_codes(record) == [(2, "roles", RosterError.UNKNOWN_ROLE)]


def test_too_many_or_overlong_items_are_reported_by_row(enterprise):
    rows = [
        operator(314, 特种作业操作项目="、".join(f"项目{number}" for number in range(11))),
        operator(315, 特种作业操作项目="作" * 101),
    ]
    record = run(enterprise, csv_upload(rows, header=ITEMS_HEADER))
    assert error_codes(record) == [
        (2, "operation_items", RosterError.TOO_MANY_OPERATION_ITEMS),
        (3, "operation_items", RosterError.OPERATION_ITEM_TOO_LONG),
    ]


def test_a_file_without_the_column_leaves_the_items_on_record_unchanged(enterprise):
    _, company = enterprise
    run(enterprise, csv_upload([operator(321, 特种作业操作项目=ELECTRIC)], header=ITEMS_HEADER))
    record = run(enterprise, csv_upload([operator(321)]))  # the old template: no items column
    assert record.report["counts"][RosterAction.UNCHANGED] == 1
    assert current(321, company).operation_items == [ELECTRIC]


def test_an_empty_cell_in_the_column_clears_the_items_and_the_report_says_so(enterprise):
    _, company = enterprise
    run(enterprise, csv_upload([operator(322, 特种作业操作项目=ELECTRIC)], header=ITEMS_HEADER))
    record = run(enterprise, csv_upload([operator(322, 特种作业操作项目="")], header=ITEMS_HEADER))
    assert [(change["action"], change["fields"]) for change in record.report["changes"]] == [
        (RosterAction.UPDATED, ["operation_items"])
    ]
    assert current(322, company).operation_items == []


def test_the_same_items_again_are_unchanged_and_new_ones_are_a_correction_in_place(enterprise):
    _, company = enterprise
    run(enterprise, csv_upload([operator(323, 特种作业操作项目=ELECTRIC)], header=ITEMS_HEADER))
    engagement = current(323, company)
    record = run(
        enterprise, csv_upload([operator(323, 特种作业操作项目=f" {ELECTRIC} ")], header=ITEMS_HEADER)
    )
    assert record.report["counts"][RosterAction.UNCHANGED] == 1
    record = run(
        enterprise,
        csv_upload([operator(323, 特种作业操作项目=f"{ELECTRIC}、{WELDING}")], header=ITEMS_HEADER),
    )
    assert record.report["changes"][0]["fields"] == ["operation_items"]
    assert current(323, company).pk == engagement.pk
    assert current(323, company).operation_items == [ELECTRIC, WELDING]


def test_the_same_items_spelt_otherwise_are_unchanged(enterprise):
    """An item typed with an inner space, full-width characters or another case is the same item
    (`operation_item_key`): not a correction, and the spelling on record stays."""
    _, company = enterprise
    run(enterprise, csv_upload([operator(326, 特种作业操作项目="A类起重机司机")], header=ITEMS_HEADER))
    record = run(
        enterprise,
        csv_upload([operator(326, 特种作业操作项目="ａ类　起重机 司机")], header=ITEMS_HEADER),
    )
    assert record.report["counts"][RosterAction.UNCHANGED] == 1
    assert current(326, company).operation_items == ["A类起重机司机"]


def test_a_later_post_keeps_the_items_when_the_file_has_no_column(enterprise):
    _, company = enterprise
    run(enterprise, csv_upload([operator(324, 特种作业操作项目=ELECTRIC)], header=ITEMS_HEADER))
    record = run(enterprise, csv_upload([operator(324, 岗位="维修电工", 入职日期="2025-01-01")]))
    assert record.report["changes"][0]["action"] == RosterAction.NEW_POSITION
    assert current(324, company).position == "维修电工"
    assert current(324, company).operation_items == [ELECTRIC]


def test_no_longer_a_special_operator_clears_the_items_even_without_the_column(enterprise):
    _, company = enterprise
    run(enterprise, csv_upload([operator(325, 特种作业操作项目=ELECTRIC)], header=ITEMS_HEADER))
    record = run(enterprise, csv_upload([operator(325, 人员类别="班组长")]))
    assert record.report["changes"][0]["fields"] == ["roles", "operation_items"]
    engagement = current(325, company)
    assert (engagement.role_codes, engagement.operation_items) == (["team_leader"], [])


def test_the_import_report_page_names_the_items_column_in_chinese_labels(client, enterprise):
    user, company = enterprise
    run(enterprise, csv_upload([operator(326, 特种作业操作项目=ELECTRIC)], header=ITEMS_HEADER))
    record = run(enterprise, csv_upload([operator(326, 特种作业操作项目="")], header=ITEMS_HEADER))
    client.force_login(user)
    page = client.get(reverse("learners:roster_import_detail", args=[record.pk])).content.decode()
    label = str(Engagement._meta.get_field("operation_items").verbose_name)
    assert label in page


def test_the_template_has_the_items_column_with_an_example_and_its_help():
    assert COLUMNS[-1].label == "特种作业操作项目" and not COLUMNS[-1].required
    workbook = openpyxl.load_workbook(io.BytesIO(roster_template_xlsx()))
    roster, notes = workbook.worksheets
    assert roster["I1"].value == "特种作业操作项目"
    assert parse_operation_items(roster["I2"].value) == [ELECTRIC, HEIGHTS]
    help_rows = {row[0]: row for row in notes.iter_rows(min_row=2, values_only=True) if row}
    assert help_rows["特种作业操作项目"][2]


# ---------------------------------------------------------------------------------------------------------
# The API


@pytest.fixture
def api(db):
    admin, company = make_enterprise_admin(name="甲化工有限公司", prefecture="changchun")
    learner = make_learner(name="王工")
    engage(learner, company, started_on=D(2020, 1, 1), ended_on=D(2023, 12, 31))
    return {"admin": admin, "company": company, "learner": learner}


def post_engagement(client, api, **fields):
    body = {
        "learner": api["learner"].pk,
        "enterprise": api["company"].pk,
        "position": "电工",
        "roles": ["special_operator"],
        "started_on": "2025-03-01",
        **fields,
    }
    return client.post(f"{API}/engagements/", body, content_type="application/json")


def test_the_api_takes_and_gives_back_the_items_of_a_post(client, api):
    client.force_login(api["admin"])
    response = post_engagement(client, api, operation_items=[ELECTRIC, f" {HEIGHTS} ", ELECTRIC])
    assert response.status_code == 201, response.content
    assert response.json()["operation_items"] == [ELECTRIC, HEIGHTS]
    url = f"{API}/engagements/{response.json()['id']}/"
    assert client.get(url).json()["operation_items"] == [ELECTRIC, HEIGHTS]

    response = client.patch(url, {"operation_items": [WELDING]}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["operation_items"] == [WELDING]
    learner = client.get(f"{API}/learners/{api['learner'].pk}/").json()
    assert [row["operation_items"] for row in learner["engagements"]] == [[WELDING], []]


def test_the_api_defaults_to_no_items(client, api):
    client.force_login(api["admin"])
    response = post_engagement(client, api)
    assert response.status_code == 201, response.content
    assert response.json()["operation_items"] == []


@pytest.mark.parametrize(
    "fields,code",
    [
        (
            {"roles": ["worker"], "operation_items": [ELECTRIC]},
            EngagementError.OPERATION_ITEMS_NOT_SPECIAL_OPERATOR,
        ),
        ({"operation_items": [""]}, EngagementError.OPERATION_ITEM_BLANK),
        ({"operation_items": ["作" * 101]}, EngagementError.OPERATION_ITEM_TOO_LONG),
        ({"operation_items": [f"项目{n}" for n in range(11)]}, EngagementError.TOO_MANY_OPERATION_ITEMS),
    ],
)
def test_bad_items_are_a_400_with_their_code_and_write_nothing(client, api, fields, code):
    client.force_login(api["admin"])
    before = Engagement.objects.count()
    response = post_engagement(client, api, **fields)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert "operation_items" in response.json()["errors"]
    assert Engagement.objects.count() == before


def test_setting_items_on_a_workers_post_is_refused(client, api):
    client.force_login(api["admin"])
    worker = api["learner"].engagements.get()
    response = client.patch(
        f"{API}/engagements/{worker.pk}/", {"operation_items": [ELECTRIC]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == EngagementError.OPERATION_ITEMS_NOT_SPECIAL_OPERATOR
    worker.refresh_from_db()
    assert worker.operation_items == []


def test_only_the_enterprises_administrator_sets_the_items(client, api):
    engagement = engage(
        make_learner(), api["company"], roles=("special_operator",), operation_items=[ELECTRIC]
    )
    url = f"{API}/engagements/{engagement.pk}/"
    client.force_login(make_authority("changchun"))
    response = client.patch(url, {"operation_items": []}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == ErrorCode.NOT_ENTERPRISE_ADMINISTRATOR
    other_admin, _ = make_enterprise_admin(prefecture="changchun")
    client.force_login(other_admin)
    assert client.patch(url, {"operation_items": []}, content_type="application/json").status_code == 404
    engagement.refresh_from_db()
    assert engagement.operation_items == [ELECTRIC]


def test_the_engagement_list_makes_the_same_number_of_queries_for_1_or_10_operators(client, api):
    client.force_login(api["admin"])
    url = f"{API}/engagements/"
    few = count_queries(client, url)
    for _ in range(9):
        engage(
            make_learner(), api["company"], roles=("special_operator",), operation_items=[ELECTRIC, WELDING]
        )
    assert count_queries(client, url) == few


# ---------------------------------------------------------------------------------------------------------
# The file page and its form


@pytest.fixture
def on_file(db):
    admin, company = make_enterprise_admin()
    learner = make_learner(name="何平")
    engagement = engage(
        learner,
        company,
        roles=("special_operator", "team_leader"),
        position="电工",
        operation_items=[ELECTRIC],
    )
    return admin, learner, engagement


def items_url(learner, engagement):
    return reverse("learners:engagement_operation_items", args=[learner.pk, engagement.pk])


def test_the_file_lists_the_items_beside_the_position_with_a_link_to_change_them(client, on_file):
    admin, learner, engagement = on_file
    client.force_login(admin)
    page = client.get(reverse("learners:file", args=[learner.pk])).content.decode()
    assert ELECTRIC in page
    assert items_url(learner, engagement) in page


def test_the_administrator_changes_the_items_with_the_form(client, on_file):
    admin, learner, engagement = on_file
    client.force_login(admin)
    form_page = client.get(items_url(learner, engagement))
    assert form_page.context["form"]["operation_items"].value() == ELECTRIC
    response = client.post(items_url(learner, engagement), {"operation_items": f"{ELECTRIC}；{HEIGHTS}"})
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.operation_items == [ELECTRIC, HEIGHTS]


def test_the_form_refuses_too_many_items_and_changes_nothing(client, on_file):
    admin, learner, engagement = on_file
    client.force_login(admin)
    text = "；".join(f"项目{number}" for number in range(11))
    response = client.post(items_url(learner, engagement), {"operation_items": text})
    assert response.status_code == 400
    assert response.context["form"].has_error("operation_items", EngagementError.TOO_MANY_OPERATION_ITEMS)
    engagement.refresh_from_db()
    assert engagement.operation_items == [ELECTRIC]


def test_a_workers_post_has_no_link_and_the_form_refuses_items(client, on_file):
    admin, _, engagement = on_file
    worker = make_learner(name="林工")
    worker_engagement = engage(worker, engagement.enterprise, roles=("worker",))
    client.force_login(admin)
    page = client.get(reverse("learners:file", args=[worker.pk])).content.decode()
    assert items_url(worker, worker_engagement) not in page
    response = client.post(items_url(worker, worker_engagement), {"operation_items": ELECTRIC})
    assert response.status_code == 400
    assert response.context["form"].has_error(
        "operation_items", EngagementError.OPERATION_ITEMS_NOT_SPECIAL_OPERATOR
    )


def test_an_authority_sees_the_items_but_cannot_change_them(client, on_file):
    _, learner, engagement = on_file
    client.force_login(make_authority("changchun"))
    page = client.get(reverse("learners:file", args=[learner.pk])).content.decode()
    assert ELECTRIC in page and items_url(learner, engagement) not in page
    assert client.post(items_url(learner, engagement), {"operation_items": ""}).status_code == 403
    engagement.refresh_from_db()
    assert engagement.operation_items == [ELECTRIC]


# ---------------------------------------------------------------------------------------------------------
# The demo


def test_every_demo_special_operator_needs_the_item_of_a_certificate_they_hold(db):
    seed_people(stdout=io.StringIO(), today=D(2025, 6, 30))
    operators = Engagement.objects.filter(roles__role="special_operator").select_related("learner")
    held = {
        (learner_id, item)
        for learner_id, item in Certificate.objects.filter(
            kind=CertificateKind.SPECIAL_OPERATION
        ).values_list("learner_id", "operation_item")
    }
    assert operators.exists()
    for engagement in operators:
        assert engagement.operation_items, engagement
        assert all((engagement.learner_id, item) in held for item in engagement.operation_items)
    worker = Engagement.objects.current(D(2025, 6, 30)).get(learner__name="李建国")
    assert worker.operation_items == [ELECTRIC]
    others = Engagement.objects.exclude(roles__role="special_operator")
    assert all(engagement.operation_items == [] for engagement in others)
