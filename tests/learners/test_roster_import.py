"""Roster import: all or nothing, a row-by-row report when refused, idempotent when repeated."""

import codecs
import datetime
import io

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from learners.errors import IdentityError, RosterError
from learners.fake import fake_identity_number
from learners.models import Engagement, EngagementRole, Learner, RosterImport, RosterImportStatus
from learners.roster.checks import parse_roster_date, roster_row_clean
from learners.roster.format import (
    COLUMNS,
    EXAMPLE_IDENTITY_NUMBER,
    MAX_LISTED_PROBLEMS,
    SOURCE_GB18030,
    SOURCE_UTF8,
    SOURCE_UTF16,
    SOURCE_XLSX,
    RosterAction,
)
from learners.roster.reading import roster_file_read
from learners.roster.services import roster_import_apply
from learners.roster.template import roster_template_csv, roster_template_xlsx
from tests.files import png_bytes
from tests.learners.factories import engage, make_enterprise_admin, make_learner, make_user
from tests.learners.roster_files import (
    HEADER,
    csv_bytes,
    csv_upload,
    days_from_today,
    error_codes,
    person,
    register_counts,
    snapshot,
    xlsx_bytes,
    xlsx_upload,
)

TODAY = datetime.date(2025, 6, 30)


@pytest.fixture
def admin(db):
    user, enterprise = make_enterprise_admin(name="长春测试化工有限公司")
    return user, enterprise


def run(admin, upload, **kwargs) -> RosterImport:
    user, enterprise = admin
    return roster_import_apply(enterprise=enterprise, user=user, file=upload, **kwargs)


def current_engagement(identity_number: str, enterprise) -> Engagement:
    return Engagement.objects.current().get(learner__identity_number=identity_number, enterprise=enterprise)


# ---------------------------------------------------------------------------------------------------------
# A good file


def test_a_good_file_creates_learners_and_engagements_and_says_what_changed(admin):
    _, enterprise = admin
    rows = [
        person(101),
        person(102, 人员类别="特种作业人员、班组长", 用工形式="劳务派遣", 岗位="电工", 入职日期="2023/7/5"),
    ]
    record = run(admin, csv_upload(rows))

    assert record.status == RosterImportStatus.APPLIED
    assert (record.row_count, record.created_count, record.updated_count, record.unchanged_count) == (
        2,
        2,
        0,
        0,
    )
    assert [
        (change["row"], change["action"], change["learner_created"]) for change in record.report["changes"]
    ] == [
        (2, RosterAction.CREATED, True),
        (3, RosterAction.CREATED, True),
    ]
    electrician = current_engagement(fake_identity_number(102), enterprise)
    assert electrician.learner.name == "测试102"
    assert electrician.learner.phone == "13900000102"
    assert electrician.position == "电工"
    assert electrician.employment_type == "dispatched"
    assert electrician.started_on == datetime.date(2023, 7, 5)
    assert electrician.role_codes == ["special_operator", "team_leader"]


def test_the_report_lists_identity_numbers_masked_only(admin):
    record = run(admin, csv_upload([person(103)]))
    change = record.report["changes"][0]
    assert (
        change["identity_number_masked"]
        == fake_identity_number(103)[:4] + "*" * 10 + fake_identity_number(103)[-4:]
    )
    assert fake_identity_number(103) not in str(record.report)


def test_the_uploaded_file_is_kept_as_evidence_under_a_name_nobody_can_guess(admin):
    record = run(admin, csv_upload([person(104)], name="花名册2025.csv"))
    assert record.filename == "花名册2025.csv"
    assert "花名册" not in record.file.name and record.file.name.endswith(".csv")
    with record.file.open("rb") as stored:
        assert fake_identity_number(104).encode() in stored.read()


def test_an_excel_workbook_imports_like_csv_including_real_date_cells(admin):
    _, enterprise = admin
    rows = [person(105, 入职日期=datetime.datetime(2022, 1, 15)), person(106, 入职日期="2022-02-01")]
    record = run(admin, xlsx_upload(rows))
    assert record.status == RosterImportStatus.APPLIED, record.report
    assert record.report["source"] == SOURCE_XLSX
    assert current_engagement(fake_identity_number(105), enterprise).started_on == datetime.date(2022, 1, 15)
    assert current_engagement(fake_identity_number(106), enterprise).started_on == datetime.date(2022, 2, 1)


def test_excel_numbers_in_the_phone_column_are_read_as_digits(admin):
    record = run(admin, xlsx_upload([person(107, 手机号=13900000107)]))
    assert record.status == RosterImportStatus.APPLIED, record.report
    assert Learner.objects.get(identity_number=fake_identity_number(107)).phone == "13900000107"


def test_a_csv_in_gbk_from_chinese_excel_is_read_and_the_report_says_which_encoding(admin):
    rows = [person(108, 姓名="欧阳娜娜", 人员类别="安全生产管理人员")]
    record = run(admin, SimpleUploadedFile("roster.csv", csv_bytes(rows, encoding="gbk")))
    assert record.status == RosterImportStatus.APPLIED, record.report
    assert record.report["source"] == SOURCE_GB18030
    assert Learner.objects.get(identity_number=fake_identity_number(108)).name == "欧阳娜娜"


@pytest.mark.parametrize(
    ("encoding", "source"), [("utf-8", SOURCE_UTF8), ("utf-8-sig", SOURCE_UTF8), ("utf-16", SOURCE_UTF16)]
)
def test_utf8_with_or_without_bom_and_excel_unicode_text_are_read(db, encoding, source):
    table = roster_file_read(name="roster.csv", data=csv_bytes([person(109)], encoding=encoding))
    assert table.source == source
    assert table.rows[0][1]["name"] == "测试109"


def test_tab_separated_text_is_read(db):
    data = ("\t".join(HEADER) + "\r\n" + "\t".join(person(110).values()) + "\r\n").encode("utf-16")
    table = roster_file_read(name="roster.csv", data=data)
    assert table.rows[0][1]["identity_number"] == fake_identity_number(110)


def test_english_column_codes_are_accepted_and_unknown_columns_ignored(admin):
    header = ["identity_number", "name", "position", "roles", "started_on", "备注"]
    row = {
        "identity_number": fake_identity_number(111),
        "name": "测试111",
        "position": "司机",
        "roles": "worker;team_leader",
        "started_on": "2024.1.2",
        "备注": "anything",
    }
    record = run(admin, csv_upload([row], header=header))
    assert record.status == RosterImportStatus.APPLIED, record.report
    engagement = current_engagement(fake_identity_number(111), admin[1])
    assert engagement.role_codes == ["team_leader", "worker"]
    assert engagement.employment_type == "own"  # the column is optional; empty means own staff


def test_a_title_row_above_the_header_and_empty_rows_are_skipped_with_true_row_numbers(admin):
    data = xlsx_bytes([person(112), {}, person(113, 身份证号="123")], above=[["某某公司人员花名册"], []])
    record = run(admin, SimpleUploadedFile("roster.xlsx", data))
    assert record.status == RosterImportStatus.REFUSED
    # Title row 1, empty row 2, header row 3, people in rows 4 and 6.
    assert error_codes(record) == [(6, "identity_number", IdentityError.LENGTH)]
    assert record.row_count == 2


def test_header_labels_marked_required_are_recognised(db):
    header = ["*身份证号", "姓名*", "岗位（必填）", "人员类别", "入职日期"]
    row = dict(zip(header, [fake_identity_number(114), "测试114", "岗", "班组长", "2024-01-01"], strict=True))
    table = roster_file_read(name="r.csv", data=csv_bytes([row], header=header))
    assert set(table.columns) == {"identity_number", "name", "position", "roles", "started_on"}


# ---------------------------------------------------------------------------------------------------------
# Refusals: nothing changes, and every problem is listed


def test_a_file_with_bad_rows_changes_nothing_and_reports_every_problem_by_row_and_column(admin):
    _, enterprise = admin
    existing = make_learner(name="李四", identity_number=fake_identity_number(120))
    engage(existing, enterprise, position="焊工", roles=("special_operator",))
    before, before_rows = register_counts(), snapshot()
    bad_checksum = fake_identity_number(122)[:-1] + ("0" if fake_identity_number(122)[-1] != "0" else "1")
    rows = [
        person(120, 姓名="李四", 岗位="班组长", 人员类别="班组长"),  # good on its own: would update
        person(121),  # good on its own: would create
        person(122, 身份证号=bad_checksum),
        person(123, 人员类别="班组长、宇航员"),
        person(124, 入职日期=days_from_today(30)),
        person(121, 姓名="测试121"),  # the same person twice
        person(125, 姓名="", 入职日期="2024-13-01", 手机号="12345"),
    ]
    record = run(admin, csv_upload(rows))

    assert record.status == RosterImportStatus.REFUSED
    assert register_counts() == before
    assert snapshot() == before_rows
    assert error_codes(record) == [
        (4, "identity_number", IdentityError.CHECKSUM),
        (5, "roles", RosterError.UNKNOWN_ROLE),
        (6, "started_on", RosterError.DATE_IN_FUTURE),
        (7, "identity_number", RosterError.DUPLICATE_ROW),
        (8, "name", RosterError.REQUIRED),
        (8, "phone", "phone_format"),
        (8, "started_on", RosterError.DATE_FORMAT),
    ]
    assert record.report["error_count"] == 7
    errors = record.report["errors"]
    assert errors[0]["column"] == "身份证号"
    assert "宇航员" in errors[1]["message"]
    assert "3" in errors[3]["message"]  # points at the row where the person first appears


def test_a_refused_import_is_recorded_with_its_file_and_counts_nothing(admin):
    record = run(admin, csv_upload([person(126, 人员类别="")]))
    stored = RosterImport.objects.get(pk=record.pk)
    assert stored.status == RosterImportStatus.REFUSED
    assert (stored.created_count, stored.updated_count, stored.unchanged_count) == (0, 0, 0)
    assert stored.file.name
    assert error_codes(stored) == [(2, "roles", RosterError.REQUIRED)]


def test_an_identity_number_registered_under_another_name_is_refused_without_revealing_the_name(admin):
    make_learner(name="王秘密", identity_number=fake_identity_number(127))
    before = register_counts()
    record = run(admin, csv_upload([person(127, 姓名="王小明")]))
    assert error_codes(record) == [(2, "name", RosterError.NAME_MISMATCH)]
    assert "王秘密" not in str(record.report)
    assert register_counts() == before


def test_a_phone_already_used_by_another_person_is_refused(admin):
    make_learner(name="赵六", phone="13900000999")
    record = run(admin, csv_upload([person(128, 手机号="13900000999")]))
    assert error_codes(record) == [(2, "phone", RosterError.PHONE_TAKEN)]


def test_two_people_with_one_phone_in_the_same_file_are_refused_on_the_second_row(admin):
    record = run(admin, csv_upload([person(129, 手机号="13900000555"), person(130, 手机号="13900000555")]))
    assert error_codes(record) == [(3, "phone", RosterError.PHONE_TAKEN)]


def test_an_identity_number_that_excel_turned_into_a_number_is_explained(admin):
    rows = [person(131, 身份证号=2.20102196001019e17), person(132, 身份证号="2.20102E+17")]
    record = run(admin, xlsx_upload(rows))
    assert error_codes(record) == [
        (2, "identity_number", RosterError.IDENTITY_AS_NUMBER),
        (3, "identity_number", RosterError.IDENTITY_AS_NUMBER),
    ]


def test_the_templates_example_row_is_refused_if_left_in(admin):
    record = run(admin, csv_upload([person(133, 身份证号=EXAMPLE_IDENTITY_NUMBER)]))
    assert error_codes(record) == [(2, "identity_number", RosterError.EXAMPLE_ROW)]


def test_a_png_renamed_to_csv_is_refused_as_not_a_roster_and_not_kept(admin):
    before = register_counts()
    record = run(admin, SimpleUploadedFile("roster.csv", png_bytes()))
    assert record.status == RosterImportStatus.REFUSED
    assert error_codes(record) == [(None, "", RosterError.NOT_A_ROSTER)]
    assert not record.file
    assert register_counts() == before


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("roster.xlsx", b"not a zip at all", RosterError.NOT_A_ROSTER),
        ("roster.xlsx", b"PK\x03\x04broken zip", RosterError.NOT_A_ROSTER),
        ("roster.csv", "\ufeff随便写的一行字\r\n第二行\r\n".encode(), RosterError.NOT_A_ROSTER),
        ("roster.csv", b"\xff\xfe\x00\x00\x81", RosterError.NOT_A_ROSTER),
        ("roster.csv", b"", RosterError.NOT_A_ROSTER),
        ("roster.txt", b"a,b\r\n", RosterError.FILE_TYPE_NOT_ALLOWED),
        ("roster.xls", b"a,b\r\n", RosterError.FILE_TYPE_NOT_ALLOWED),
        ("roster.csv", "身份证号,姓名,岗位,人员类别,入职日期\r\n".encode(), RosterError.NO_ROWS),
    ],
)
def test_files_that_are_not_rosters_are_refused_with_a_reason(admin, name, data, code):
    record = run(admin, SimpleUploadedFile(name, data))
    assert record.status == RosterImportStatus.REFUSED
    assert [error["code"] for error in record.report["errors"]] == [code]
    assert record.report["errors"][0]["message"]


def test_a_missing_required_column_is_named(admin):
    header = ["身份证号", "姓名", "手机号", "人员类别"]
    record = run(admin, csv_upload([person(134)], header=header))
    assert error_codes(record) == [
        (None, "position", RosterError.MISSING_COLUMN),
        (None, "started_on", RosterError.MISSING_COLUMN),
    ]
    assert "岗位" in record.report["errors"][0]["message"]


def test_a_column_given_twice_is_refused(admin):
    header = [*HEADER, "姓名"]
    record = run(admin, csv_upload([person(135)], header=header))
    assert error_codes(record) == [(None, "name", RosterError.DUPLICATE_COLUMN)]


def test_an_oversized_file_is_refused_before_it_is_read(admin, settings):
    settings.ACADEMY_ROSTER_MAX_UPLOAD_BYTES = 100
    record = run(admin, csv_upload([person(136), person(137)]))
    assert error_codes(record) == [(None, "", RosterError.FILE_TOO_LARGE)]
    assert not record.file
    assert Learner.objects.count() == 0


def test_a_file_with_more_rows_than_allowed_is_refused(admin, settings):
    settings.ACADEMY_ROSTER_MAX_ROWS = 2
    record = run(admin, csv_upload([person(138), person(139), person(140)]))
    assert error_codes(record) == [(None, "", RosterError.TOO_MANY_ROWS)]


def test_the_listed_problems_are_capped_but_all_are_counted(admin):
    rows = [person(1000 + index, 人员类别="宇航员") for index in range(MAX_LISTED_PROBLEMS + 5)]
    record = run(admin, csv_upload(rows))
    assert record.report["error_count"] == MAX_LISTED_PROBLEMS + 5
    assert len(record.report["errors"]) == MAX_LISTED_PROBLEMS


def test_only_an_administrator_of_the_enterprise_may_import(admin):
    _, enterprise = admin
    other_admin, _ = make_enterprise_admin()
    with pytest.raises(PermissionDenied):
        roster_import_apply(enterprise=enterprise, user=other_admin, file=csv_upload([person(141)]))
    with pytest.raises(PermissionDenied):
        roster_import_apply(enterprise=enterprise, user=make_user(), file=csv_upload([person(141)]))
    assert not RosterImport.objects.exists()


# ---------------------------------------------------------------------------------------------------------
# Re-imports and changes to people already registered


def test_reimporting_the_same_file_changes_nothing(admin):
    rows = [person(150), person(151, 人员类别="班组长、特种作业人员", 用工形式="外包")]
    run(admin, xlsx_upload(rows))
    before, before_rows = register_counts(), snapshot()

    again = run(admin, xlsx_upload(rows))

    assert again.status == RosterImportStatus.APPLIED
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    assert {change["action"] for change in again.report["changes"]} == {RosterAction.UNCHANGED}
    assert register_counts() == before
    assert snapshot() == before_rows


def test_a_later_start_date_with_another_position_ends_the_old_engagement_and_keeps_it(admin):
    _, enterprise = admin
    run(admin, csv_upload([person(152, 岗位="操作工", 入职日期="2023-01-01")]))
    record = run(admin, csv_upload([person(152, 岗位="班组长", 人员类别="班组长", 入职日期="2024-07-01")]))

    assert record.report["changes"][0]["action"] == RosterAction.NEW_POSITION
    assert record.report["changes"][0]["fields"] == ["position", "roles"]
    history = list(
        Engagement.objects.filter(learner__identity_number=fake_identity_number(152), enterprise=enterprise)
        .order_by("started_on")
        .values_list("position", "started_on", "ended_on")
    )
    assert history == [
        ("操作工", datetime.date(2023, 1, 1), datetime.date(2024, 6, 30)),
        ("班组长", datetime.date(2024, 7, 1), None),
    ]
    assert current_engagement(fake_identity_number(152), enterprise).role_codes == ["team_leader"]


def test_the_same_start_date_with_other_details_corrects_the_engagement_in_place(admin):
    _, enterprise = admin
    run(admin, csv_upload([person(153, 人员类别="从业人员、新上岗人员")]))
    record = run(admin, csv_upload([person(153, 岗位="电工", 人员类别="特种作业人员", 用工形式="劳务派遣")]))

    assert record.report["changes"][0]["action"] == RosterAction.UPDATED
    assert record.report["changes"][0]["fields"] == ["position", "roles", "employment_type"]
    engagements = Engagement.objects.filter(learner__identity_number=fake_identity_number(153))
    assert engagements.count() == 1
    engagement = engagements.get()
    assert (engagement.position, engagement.employment_type, engagement.role_codes) == (
        "电工",
        "dispatched",
        ["special_operator"],
    )
    assert EngagementRole.objects.filter(engagement=engagement).count() == 1


def test_an_earlier_start_date_corrects_the_engagement_in_place(admin):
    _, enterprise = admin
    run(admin, csv_upload([person(154, 入职日期="2024-05-01")]))
    record = run(admin, csv_upload([person(154, 入职日期="2020-05-01")]))
    assert record.report["changes"][0]["fields"] == ["started_on"]
    assert Engagement.objects.filter(enterprise=enterprise).count() == 1
    assert current_engagement(fake_identity_number(154), enterprise).started_on == datetime.date(2020, 5, 1)


def test_a_later_start_date_alone_is_a_correction_not_a_new_position(admin):
    _, enterprise = admin
    run(admin, csv_upload([person(155, 入职日期="2024-05-01")]))
    record = run(admin, csv_upload([person(155, 入职日期="2024-06-01")]))
    assert record.report["changes"][0]["action"] == RosterAction.UPDATED
    assert Engagement.objects.filter(enterprise=enterprise).count() == 1


def test_a_person_registered_elsewhere_gets_an_engagement_here_and_their_phone_and_education_updated(admin):
    _, enterprise = admin
    _, other = make_enterprise_admin()
    learner = make_learner(name="测试156", identity_number=fake_identity_number(156), phone="13900000001")
    engage(learner, other, position="司机")
    header = [*HEADER, "学历"]
    record = run(admin, csv_upload([person(156, 手机号="13900000156", 学历="大专")], header=header))

    change = record.report["changes"][0]
    assert (change["action"], change["learner_created"], change["fields"]) == (
        RosterAction.CREATED,
        False,
        ["phone", "education"],
    )
    learner.refresh_from_db()
    assert (learner.phone, learner.education) == ("13900000156", "college")
    assert learner.engagements.count() == 2  # the other enterprise's engagement is untouched


def test_an_empty_phone_leaves_the_registered_phone_alone(admin):
    run(admin, csv_upload([person(157)]))
    record = run(admin, csv_upload([person(157, 手机号="")]))
    assert record.report["changes"][0]["action"] == RosterAction.UNCHANGED
    assert Learner.objects.get(identity_number=fake_identity_number(157)).phone == "13900000157"


def test_people_absent_from_the_file_are_left_alone(admin):
    _, enterprise = admin
    run(admin, csv_upload([person(158), person(159)]))
    run(admin, csv_upload([person(158)]))
    assert current_engagement(fake_identity_number(159), enterprise).ended_on is None


def test_a_start_date_inside_an_ended_engagement_is_refused(admin):
    _, enterprise = admin
    learner = make_learner(name="测试160", identity_number=fake_identity_number(160))
    engage(learner, enterprise, started_on=datetime.date(2020, 1, 1), ended_on=datetime.date(2022, 12, 31))
    before = snapshot()
    record = run(admin, csv_upload([person(160, 入职日期="2022-06-01")]))
    assert error_codes(record) == [(2, "started_on", RosterError.OVERLAPS_ENDED)]
    assert snapshot() == before
    # Coming back after the end is a new engagement.
    record = run(admin, csv_upload([person(160, 入职日期="2023-03-01")]))
    assert record.report["changes"][0]["action"] == RosterAction.CREATED
    assert Engagement.objects.filter(learner=learner).count() == 2


def test_progress_is_reported_while_checking_and_while_writing(admin):
    calls = []
    run(
        admin,
        csv_upload([person(2000 + index) for index in range(1200)]),
        progress=lambda *args: calls.append(args),
    )
    assert calls[0] == (500, 1200, "checking")
    assert (1200, 1200, "checking") in calls
    assert calls[-1] == (1200, 1200, "writing")


def test_an_import_writes_in_bulk_so_forty_times_the_rows_do_not_double_the_queries(admin):
    def queries(rows) -> int:
        with CaptureQueriesContext(connection) as captured:
            record = run(admin, csv_upload(rows))
        assert record.status == RosterImportStatus.APPLIED, record.report
        return len(captured)

    small = queries([person(3000 + index) for index in range(10)])
    large = queries([person(4000 + index) for index in range(400)])
    # Only the database's own batching of big inserts adds a query or two.
    assert large < 2 * small


# ---------------------------------------------------------------------------------------------------------
# Pure parts


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01", datetime.date(2024, 3, 1)),
        ("2024/3/1", datetime.date(2024, 3, 1)),
        ("2024.03.01", datetime.date(2024, 3, 1)),
        ("2024年3月1日", datetime.date(2024, 3, 1)),
        ("20240301", datetime.date(2024, 3, 1)),
        ("2024-03-01 00:00:00", datetime.date(2024, 3, 1)),
        ("２０２４－０３－０１", datetime.date(2024, 3, 1)),
        (datetime.datetime(2024, 3, 1), datetime.date(2024, 3, 1)),
        ("2024-02-30", None),
        ("01/03/2024", None),
        ("下个月", None),
        (45352, None),
    ],
)
def test_dates_are_read_in_the_forms_chinese_spreadsheets_use(value, expected):
    assert parse_roster_date(value) == expected


@pytest.mark.parametrize(
    "roles",
    [
        "班组长、特种作业人员",
        "班组长，特种作业人员",
        "班组长,特种作业人员",
        "班组长；特种作业人员",
        "班组长/特种作业人员",
        "team_leader;special_operator",
        "特种作业人员 、 班组长、班组长",
    ],
)
def test_roles_may_be_separated_in_every_common_way(roles):
    row, problems = roster_row_clean(2, {**_cells(person(170)), "roles": roles}, today=TODAY)
    assert problems == []
    assert row.roles == ("special_operator", "team_leader")


def _cells(row: dict) -> dict:
    by_label = {column.label: column.key for column in COLUMNS}
    return {by_label[label]: value for label, value in row.items()}


def test_a_name_longer_than_fifty_characters_is_refused():
    _, problems = roster_row_clean(2, {**_cells(person(171)), "name": "名" * 51}, today=TODAY)
    assert [(problem.column, problem.code) for problem in problems] == [("name", RosterError.TOO_LONG)]


def test_an_unknown_employment_type_or_education_is_refused():
    cells = {**_cells(person(172)), "employment_type": "临时工", "education": "幼儿园"}
    _, problems = roster_row_clean(2, cells, today=TODAY)
    assert [problem.code for problem in problems] == [
        RosterError.UNKNOWN_EMPLOYMENT_TYPE,
        RosterError.UNKNOWN_EDUCATION,
    ]


# ---------------------------------------------------------------------------------------------------------
# Templates


def test_the_excel_template_opens_with_openpyxl_with_the_header_an_example_and_instructions(db):
    workbook = openpyxl.load_workbook(io.BytesIO(roster_template_xlsx()))
    roster, notes = workbook.worksheets
    assert [cell.value for cell in roster[1]] == [column.label for column in COLUMNS]
    assert roster["A2"].value == EXAMPLE_IDENTITY_NUMBER
    assert roster["A2"].number_format == "@"
    assert isinstance(roster["G2"].value, datetime.datetime)
    assert notes.title == "说明"
    assert [row[0] for row in notes.iter_rows(min_row=2, max_row=len(COLUMNS) + 1, values_only=True)] == [
        column.label for column in COLUMNS
    ]


def test_the_excel_template_reads_back_as_a_roster_whose_example_row_is_refused(admin):
    record = run(admin, SimpleUploadedFile("template.xlsx", roster_template_xlsx()))
    assert error_codes(record) == [(2, "identity_number", RosterError.EXAMPLE_ROW)]


def test_the_csv_template_is_utf8_with_a_bom_for_excel(admin):
    data = roster_template_csv()
    assert data.startswith(codecs.BOM_UTF8)
    assert data.decode("utf-8-sig").splitlines()[0] == ",".join(column.label for column in COLUMNS)
    record = run(admin, SimpleUploadedFile("template.csv", data))
    assert error_codes(record) == [(2, "identity_number", RosterError.EXAMPLE_ROW)]


# ---------------------------------------------------------------------------------------------------------
# The pages

IMPORT_URL = "/people/import/"


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin[0])
    return client


def post_roster(client, upload, *, follow: bool = False, **fields):
    return client.post(IMPORT_URL, {"file": upload, **fields}, follow=follow)


def test_the_import_page_offers_both_templates_and_the_upload_form(admin_client):
    response = admin_client.get(IMPORT_URL)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    links = {link["href"] for link in page.select("a[href]")}
    assert {"/people/import/template.xlsx", "/people/import/template.csv"} <= links
    form = page.select_one("#roster-import-form")
    assert form["enctype"] == "multipart/form-data"
    assert form.select_one("input[type=file][name=file]")
    assert form["data-progress-url"] == "/people/import/progress/"


def test_without_javascript_a_plain_post_imports_and_shows_the_result_page(admin_client, admin):
    response = post_roster(admin_client, csv_upload([person(180), person(181)]))
    record = RosterImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/people/imports/{record.pk}/"
    page = BeautifulSoup(admin_client.get(response["Location"]).content, "html.parser")
    rows = page.select("#roster-changes tbody tr")
    assert [row.select("td")[0].get_text(strip=True) for row in rows] == ["2", "3"]
    assert all("roster-change--created" in row["class"] for row in rows)
    assert fake_identity_number(180) not in page.get_text()  # the report shows masked numbers only


def test_a_refused_file_shows_every_problem_with_its_row_and_column(admin_client):
    before = register_counts()
    response = post_roster(
        admin_client, csv_upload([person(182), person(183, 人员类别="宇航员")]), follow=True
    )
    assert register_counts() == before
    page = BeautifulSoup(response.content, "html.parser")
    problems = page.select("#roster-errors tbody tr")
    assert [
        (row["data-code"], row.select("td")[0].get_text(strip=True), row.select("td")[1].get_text(strip=True))
        for row in problems
    ] == [(RosterError.UNKNOWN_ROLE, "3", "人员类别")]


def test_the_pages_script_gets_the_result_url_as_json(admin_client):
    response = admin_client.post(
        IMPORT_URL, {"file": csv_upload([person(184)])}, headers={"accept": "application/json"}
    )
    record = RosterImport.objects.get()
    assert response.json() == {"status": "applied", "url": f"/people/imports/{record.pk}/"}


def test_progress_is_kept_under_the_users_own_token_and_polled(admin_client):
    token = "a" * 32
    admin_client.post(IMPORT_URL, {"file": csv_upload([person(185)]), "progress_token": token})
    state = admin_client.get(f"{IMPORT_URL}progress/", {"token": token}).json()
    assert state == {"phase": "done", "done": 1, "total": 1}
    # Another account polling the same token learns nothing.
    other = Client()
    other.force_login(make_user())
    assert other.get(f"{IMPORT_URL}progress/", {"token": token}).json()["phase"] == "waiting"


def test_the_poll_reports_the_rows_checked_and_written_so_far(admin_client, admin):
    from learners.roster.views import _progress_recorder

    token = "b" * 32
    seen = []

    def progress(done, total, phase):
        _progress_recorder(admin[0].pk, token)(done, total, phase)
        seen.append(admin_client.get(f"{IMPORT_URL}progress/", {"token": token}).json())

    run(admin, csv_upload([person(5000 + index) for index in range(600)]), progress=progress)
    assert seen == [
        {"phase": "checking", "done": 500, "total": 600},
        {"phase": "checking", "done": 600, "total": 600},
        {"phase": "writing", "done": 500, "total": 600},
        {"phase": "writing", "done": 600, "total": 600},
    ]


@pytest.mark.parametrize("token", ["", "short", "x" * 65, "../../etc"])
def test_a_malformed_progress_token_is_a_400(admin_client, token):
    response = admin_client.get(f"{IMPORT_URL}progress/", {"token": token})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_post_without_a_file_is_refused_with_the_form_again(admin_client):
    response = admin_client.post(IMPORT_URL, {})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors
    json_response = admin_client.post(IMPORT_URL, {}, headers={"accept": "application/json"})
    assert json_response.status_code == 400
    assert json_response.json()["code"] == "invalid"
    assert not RosterImport.objects.exists()


def test_an_administrator_of_several_enterprises_imports_into_the_one_chosen_and_no_other(
    admin_client, admin
):
    user, first = admin
    second = make_enterprise_admin()[1]
    second.administrators.add(user)
    stranger = make_enterprise_admin()[1]
    response = post_roster(admin_client, csv_upload([person(186)]), enterprise=second.pk)
    assert response.status_code == 302
    assert Engagement.objects.get().enterprise == second

    response = post_roster(admin_client, csv_upload([person(187)]), enterprise=stranger.pk)
    assert response.status_code == 400
    assert "enterprise" in response.context["form"].errors
    assert not Engagement.objects.filter(enterprise=stranger).exists()


def test_a_worker_or_an_authority_user_gets_a_403_page_that_says_why(client, db):
    from tests.learners.factories import make_authority

    worker = make_learner(name="工人", password="pw")
    for user in (worker.user, make_authority()):
        client.force_login(user)
        response = client.post(IMPORT_URL, {"file": csv_upload([person(188)])})
        assert response.status_code == 403
        assert BeautifulSoup(response.content, "html.parser").select_one(".errors").get_text(strip=True)
    assert not RosterImport.objects.exists()
    assert not Learner.objects.filter(identity_number=fake_identity_number(188)).exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_another_enterprises_import_is_not_found(admin_client, db):
    other_user, other = make_enterprise_admin()
    record = roster_import_apply(enterprise=other, user=other_user, file=csv_upload([person(189)]))
    assert admin_client.get(f"/people/imports/{record.pk}/").status_code == 404
    assert admin_client.get(f"/people/imports/{record.pk}/", {"format": "xlsx"}).status_code == 404


def test_the_report_downloads_as_excel(admin_client, admin):
    record = run(admin, csv_upload([person(190, 入职日期="明天")]))
    response = admin_client.get(f"/people/imports/{record.pk}/", {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        (2, "入职日期", record.report["errors"][0]["message"], RosterError.DATE_FORMAT)
    ]
    applied = run(admin, csv_upload([person(191)]))
    sheet = openpyxl.load_workbook(
        io.BytesIO(admin_client.get(f"/people/imports/{applied.pk}/", {"format": "xlsx"}).content)
    ).active
    assert [row[:3] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        (2, applied.report["changes"][0]["identity_number_masked"], "测试191")
    ]


def test_recent_imports_are_listed_on_the_import_page(admin_client, admin):
    record = run(admin, csv_upload([person(192)], name="二月花名册.csv"))
    page = BeautifulSoup(admin_client.get(IMPORT_URL).content, "html.parser")
    assert (
        page.select_one(f'#roster-imports a[href="/people/imports/{record.pk}/"]').get_text()
        == "二月花名册.csv"
    )


@pytest.mark.parametrize(("extension", "opens"), [("xlsx", "workbook"), ("csv", "text")])
def test_the_templates_download_as_attachments(client, db, extension, opens):
    response = client.get(f"/people/import/template.{extension}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    if opens == "workbook":
        assert openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[1].title == "说明"
    else:
        assert response.content.startswith(codecs.BOM_UTF8)
