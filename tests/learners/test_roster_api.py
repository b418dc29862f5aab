"""POST /api/v1/roster-imports/: all or nothing, 400 with the row-by-row report; and past imports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learners.errors import IdentityError, RosterError
from learners.fake import fake_identity_number
from learners.models import RosterImport, RosterImportStatus
from learners.roster.services import roster_import_apply
from tests.files import png_bytes
from tests.learners.factories import make_authority, make_enterprise, make_enterprise_admin, make_learner
from tests.learners.roster_files import csv_bytes, csv_upload, person, register_counts, snapshot, xlsx_upload

URL = "/api/v1/roster-imports/"


@pytest.fixture
def admin(db):
    return make_enterprise_admin(name="延边测试矿业有限公司")


@pytest.fixture
def api(client, admin):
    client.force_login(admin[0])
    return client


def post(client, upload, **fields):
    return client.post(URL, {"file": upload, **fields})


def test_a_good_file_is_applied_and_the_answer_says_what_changed(api, admin):
    response = post(api, xlsx_upload([person(201), person(202, 人员类别="班组长")]))
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "applied"
    assert body["enterprise"] == admin[1].pk
    assert (body["row_count"], body["created_count"], body["updated_count"], body["unchanged_count"]) == (
        2,
        2,
        0,
        0,
    )
    assert body["source"] == "xlsx"
    assert [(change["row"], change["action"]) for change in body["changes"]] == [
        (2, "created"),
        (3, "created"),
    ]
    assert fake_identity_number(201) not in response.content.decode()


def test_a_file_with_bad_rows_is_a_400_with_the_report_and_changes_nothing(api, admin):
    post(api, csv_upload([person(203)]))
    before, before_rows = register_counts(), snapshot()
    bad = fake_identity_number(205)[:17] + ("0" if fake_identity_number(205)[17] != "0" else "1")
    response = post(api, csv_upload([person(203, 岗位="班组长"), person(204), person(205, 身份证号=bad)]))

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "roster_refused"
    assert body["detail"]
    assert body["error_count"] == 1
    assert [(error["row"], error["column"], error["code"]) for error in body["errors"]] == [
        (4, "身份证号", IdentityError.CHECKSUM)
    ]
    assert register_counts() == before
    assert snapshot() == before_rows
    # The refusal is on record, and readable.
    refused = api.get(f"{URL}{body['id']}/").json()
    assert refused["status"] == "refused"
    assert refused["errors"] == body["errors"]


def test_reimporting_the_same_file_through_the_api_changes_nothing(api):
    rows = [person(206), person(207)]
    post(api, csv_upload(rows))
    before = snapshot()
    body = post(api, csv_upload(rows)).json()
    assert (body["created_count"], body["updated_count"], body["unchanged_count"]) == (0, 0, 2)
    assert snapshot() == before


def test_a_gbk_csv_is_accepted(api):
    response = post(
        api, SimpleUploadedFile("roster.csv", csv_bytes([person(208, 姓名="金顺姬")], encoding="gbk"))
    )
    assert response.status_code == 201
    assert response.json()["source"] == "gb18030"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("photo.csv", png_bytes(), RosterError.NOT_A_ROSTER),
        ("photo.png", png_bytes(), RosterError.FILE_TYPE_NOT_ALLOWED),
        ("roster.xlsx", b"garbage", RosterError.NOT_A_ROSTER),
    ],
)
def test_a_file_that_is_not_a_roster_is_a_400_with_the_reason(api, name, content, code):
    response = post(api, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "roster_refused"
    assert [error["code"] for error in body["errors"]] == [code]


def test_an_oversized_file_is_a_400(api, settings):
    settings.ACADEMY_ROSTER_MAX_UPLOAD_BYTES = 50
    response = post(api, csv_upload([person(209)]))
    assert response.status_code == 400
    assert [error["code"] for error in response.json()["errors"]] == [RosterError.FILE_TOO_LARGE]


@pytest.mark.parametrize(
    ("changes", "column", "code"),
    [
        ({"人员类别": "宇航员"}, "roles", RosterError.UNKNOWN_ROLE),
        ({"入职日期": "2999-01-01"}, "started_on", RosterError.DATE_IN_FUTURE),
        ({"身份证号": "220102196001019"}, "identity_number", IdentityError.OLD_FORMAT),
        ({"手机号": "1234"}, "phone", "phone_format"),
    ],
)
def test_bad_values_are_refused_with_their_code(api, changes, column, code):
    response = post(api, csv_upload([person(210, **changes)]))
    assert response.status_code == 400
    assert [(error["column_key"], error["code"]) for error in response.json()["errors"]] == [(column, code)]


def test_a_request_without_a_file_is_a_400_invalid(api):
    response = api.post(URL, {})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert not RosterImport.objects.exists()


def test_an_administrator_of_several_enterprises_must_say_which(api, admin):
    second = make_enterprise(admin=admin[0])
    response = post(api, csv_upload([person(211)]))
    assert response.status_code == 400
    assert response.json()["code"] == "enterprise_required"
    response = post(api, csv_upload([person(211)]), enterprise=second.pk)
    assert response.status_code == 201
    assert response.json()["enterprise"] == second.pk


def test_another_enterprises_administrator_is_refused_with_403(api):
    _, other = make_enterprise_admin()
    response = post(api, csv_upload([person(212)]), enterprise=other.pk)
    assert response.status_code == 403
    assert response.json()["code"] == "not_enterprise_administrator"
    assert not RosterImport.objects.exists()


def test_an_unknown_enterprise_is_a_404(api):
    response = post(api, csv_upload([person(213)]), enterprise=999_999)
    assert response.status_code == 404
    assert response.json()["code"] == "enterprise_not_found"


@pytest.mark.parametrize("who", ["worker", "authority"])
def test_a_worker_or_an_authority_user_may_not_import(client, admin, who):
    user = make_learner(password="pw").user if who == "worker" else make_authority()
    client.force_login(user)
    response = post(client, csv_upload([person(214)]))
    assert response.status_code == 403
    assert response.json()["code"] == "not_enterprise_administrator"
    response = post(client, csv_upload([person(214)]), enterprise=admin[1].pk)
    assert response.status_code == 403
    assert not RosterImport.objects.exists()


def test_an_anonymous_caller_gets_a_403_with_a_code(client, db):
    response = post(client, csv_upload([person(215)]))
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"
    assert client.get(URL).json()["code"] == "not_authenticated"


def test_the_list_shows_only_the_imports_of_the_callers_enterprises(api, admin):
    mine = roster_import_apply(enterprise=admin[1], user=admin[0], file=csv_upload([person(216)]))
    other_admin, other = make_enterprise_admin()
    theirs = roster_import_apply(enterprise=other, user=other_admin, file=csv_upload([person(217)]))
    body = api.get(URL).json()
    assert [record["id"] for record in body["results"]] == [mine.pk]
    assert "changes" not in body["results"][0]  # the list is light; the detail has the report
    assert api.get(f"{URL}{theirs.pk}/").status_code == 404
    assert api.get(f"{URL}{mine.pk}/").json()["changes"][0]["action"] == "created"


def test_the_list_query_count_does_not_grow_with_the_number_of_imports(api, admin):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(URL).status_code == 200
        return len(captured)

    roster_import_apply(enterprise=admin[1], user=admin[0], file=csv_upload([person(218)]))
    few = queries()
    for serial in range(219, 229):
        roster_import_apply(enterprise=admin[1], user=admin[0], file=csv_upload([person(serial)]))
    assert queries() == few


def test_a_huge_enterprise_id_is_a_400_not_a_server_error(api):
    response = post(api, csv_upload([person(230)]), enterprise=10**30)
    assert response.status_code == 400
    assert RosterImport.objects.filter(status=RosterImportStatus.APPLIED).count() == 0
