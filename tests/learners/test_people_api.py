"""The people API: each kind of caller sees exactly whom `learners.access` lets them see, numbers are
masked as on the file page, and writes are refused outside the caller's enterprises."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from learners import services
from learners.access import file_window, learners_visible_to
from learners.errors import ErrorCode, IdentityError
from learners.lifelong_file.selectors import CertificateStatus
from learners.models import Certificate, Engagement
from learners.uploads import FILE_TOO_LARGE, FILE_TYPE_NOT_ALLOWED, IMAGE_BOMB
from tests.files import png_bomb_bytes, png_bytes
from tests.learners.factories import (
    engage,
    make_authority,
    make_enterprise,
    make_enterprise_admin,
    make_learner,
    make_user,
)
from tests.queries import count_queries

D = datetime.date
API = "/api/v1"


@pytest.fixture
def people(db):
    """Two Changchun enterprises (A, B) and one in Jilin City (C), each with an administrator.

    - worker: at A now (full number visible to A's administrator);
    - former: at A 2020–2023, at B since 2024 (A is a former employer);
    - stranger: at B only; far: at C only.
    """
    admin_a, a = make_enterprise_admin(name="甲化工有限公司", prefecture="changchun")
    admin_b, b = make_enterprise_admin(name="乙化工有限公司", prefecture="changchun")
    admin_c, c = make_enterprise_admin(name="丙煤业有限公司", prefecture="jilin", industry="coal")
    worker = make_learner(name="王工", phone="13800000001", password="pw")
    engage(worker, a, roles=("special_operator", "team_leader"), position="电工", started_on=D(2022, 1, 1))
    former = make_learner(name="李前", phone="13800000002", password="pw")
    engage(former, a, position="操作工", started_on=D(2020, 1, 1), ended_on=D(2023, 12, 31))
    engage(
        former,
        b,
        roles=("safety_manager",),
        position="安全员",
        employment_type="dispatched",
        started_on=D(2024, 2, 1),
    )
    stranger = make_learner(name="赵外")
    engage(stranger, b, started_on=D(2023, 1, 1))
    far = make_learner(name="孙远")
    engage(far, c, started_on=D(2021, 1, 1))
    return {
        "a": a,
        "b": b,
        "c": c,
        "admin_a": admin_a,
        "admin_b": admin_b,
        "admin_c": admin_c,
        "worker": worker,
        "former": former,
        "stranger": stranger,
        "far": far,
        "authority_cc": make_authority("changchun"),
        "authority_jl": make_authority("jilin"),
        "provincial": make_authority(""),
        "superuser": make_user(is_superuser=True),
    }


VIEWERS = [
    "worker",
    "admin_a",
    "admin_b",
    "admin_c",
    "authority_cc",
    "authority_jl",
    "provincial",
    "superuser",
]


def viewers(people) -> dict:
    return {
        "worker": people["worker"].user,
        "admin_a": people["admin_a"],
        "admin_b": people["admin_b"],
        "admin_c": people["admin_c"],
        "authority_cc": people["authority_cc"],
        "authority_jl": people["authority_jl"],
        "provincial": people["provincial"],
        "superuser": people["superuser"],
    }


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["name"] for row in response.json()["results"]}


def record_certificate(learner, **fields) -> Certificate:
    fields.setdefault("kind", "special_operation")
    fields.setdefault("operation_item", "低压电工作业")
    fields.setdefault("number", f"T{Certificate.objects.count() + 1:06d}")
    fields.setdefault("issuing_authority", "吉林省应急管理厅")
    return services.certificate_record(learner=learner, **fields)


# Sign-in


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", "/me/"),
        ("get", "/learners/"),
        ("get", "/learners/1/"),
        ("get", "/enterprises/"),
        ("get", "/engagements/"),
        ("get", "/certificates/"),
        ("post", "/learners/lookup/"),
        ("post", "/engagements/"),
        ("post", "/engagements/1/end/"),
        ("post", "/certificates/"),
    ],
)
def test_every_people_endpoint_refuses_an_anonymous_caller_with_a_code(client, people, method, path):
    response = getattr(client, method)(API + path)
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"


# Who sees whom


def test_a_worker_sees_only_themself_with_the_full_number_and_all_their_engagements(client, people):
    former = people["former"]
    client.force_login(former.user)
    body = client.get(f"{API}/learners/").json()
    assert [row["name"] for row in body["results"]] == ["李前"]
    row = body["results"][0]
    assert row["identity_number"] == former.identity_number
    assert row["identity_number_full"] is True
    assert row["phone"] == "13800000002"
    assert {engagement["enterprise"]["name"] for engagement in row["engagements"]} == {
        "甲化工有限公司",
        "乙化工有限公司",
    }
    assert client.get(f"{API}/learners/{people['worker'].pk}/").status_code == 404
    assert client.get(f"{API}/enterprises/").json()["results"] == []


def test_an_enterprise_administrator_sees_current_and_former_people_but_not_another_enterprises(
    client, people
):
    client.force_login(people["admin_a"])
    assert names(client.get(f"{API}/learners/")) == {"王工", "李前"}
    response = client.get(f"{API}/learners/{people['stranger'].pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    # The former employee's later employer is not the administrator's to see.
    former = client.get(f"{API}/learners/{people['former'].pk}/").json()
    assert [engagement["enterprise"]["name"] for engagement in former["engagements"]] == ["甲化工有限公司"]


def test_a_current_employer_sees_the_full_number_and_phone_and_a_former_employer_sees_them_masked(
    client, people
):
    worker, former = people["worker"], people["former"]
    client.force_login(people["admin_a"])
    rows = {row["id"]: row for row in client.get(f"{API}/learners/").json()["results"]}
    assert rows[worker.pk]["identity_number"] == worker.identity_number
    assert rows[worker.pk]["phone"] == "13800000001"
    assert rows[former.pk]["identity_number"] == former.identity_number_masked
    assert rows[former.pk]["identity_number_full"] is False
    assert rows[former.pk]["phone"] is None
    assert former.identity_number not in client.get(f"{API}/learners/{former.pk}/").content.decode()


def test_an_authority_sees_its_prefectures_people_masked_and_not_another_prefectures(client, people):
    client.force_login(people["authority_cc"])
    body = client.get(f"{API}/learners/").json()
    assert {row["name"] for row in body["results"]} == {"王工", "李前", "赵外"}
    for row in body["results"]:
        assert "*" in row["identity_number"]
        assert row["phone"] is None
    assert client.get(f"{API}/learners/{people['far'].pk}/").status_code == 404
    assert {row["name"] for row in client.get(f"{API}/enterprises/").json()["results"]} == {
        "甲化工有限公司",
        "乙化工有限公司",
    }
    assert client.get(f"{API}/enterprises/{people['c'].pk}/").status_code == 404


def test_a_superuser_sees_everyone_and_every_enterprise(client, people):
    client.force_login(people["superuser"])
    assert names(client.get(f"{API}/learners/")) == {"王工", "李前", "赵外", "孙远"}
    assert client.get(f"{API}/enterprises/").json()["count"] == 3
    far = client.get(f"{API}/learners/{people['far'].pk}/").json()
    assert far["identity_number"] == people["far"].identity_number


@pytest.mark.parametrize(
    "viewer", ["worker", "admin_a", "admin_b", "authority_cc", "provincial", "superuser"]
)
def test_the_list_and_the_detail_show_the_number_exactly_as_file_window_allows(client, people, viewer):
    user = viewers(people)[viewer]
    client.force_login(user)
    rows = client.get(f"{API}/learners/").json()["results"]
    assert {row["id"] for row in rows} == set(learners_visible_to(user).values_list("pk", flat=True))
    for row in rows:
        learner = next(
            people[key] for key in ("worker", "former", "stranger", "far") if people[key].pk == row["id"]
        )
        full = file_window(user, learner).full_identity_number
        expected = learner.identity_number if full else learner.identity_number_masked
        detail = client.get(f"{API}/learners/{learner.pk}/").json()
        assert (row["identity_number"], detail["identity_number"]) == (expected, expected)
        assert row["identity_number_full"] is detail["identity_number_full"] is full


def test_the_enterprise_list_counts_the_people_engaged_today(client, people):
    client.force_login(people["admin_b"])
    body = client.get(f"{API}/enterprises/").json()
    assert body["count"] == 1
    enterprise = body["results"][0]
    assert enterprise["name"] == "乙化工有限公司"
    assert enterprise["credit_code"] == people["b"].credit_code
    assert enterprise["people_count"] == 2


def test_enterprises_filter_by_industry_prefecture_and_name(client, people):
    client.force_login(people["superuser"])
    assert names(client.get(f"{API}/enterprises/", {"industry": "coal"})) == {"丙煤业有限公司"}
    assert names(client.get(f"{API}/enterprises/", {"prefecture": "changchun"})) == {
        "甲化工有限公司",
        "乙化工有限公司",
    }
    assert names(client.get(f"{API}/enterprises/", {"name": "乙化"})) == {"乙化工有限公司"}
    response = client.get(f"{API}/enterprises/", {"industry": "shipbuilding"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


# Filters


def test_people_filter_by_name_role_employment_type_position_and_enterprise(client, people):
    client.force_login(people["superuser"])
    learners = f"{API}/learners/"
    assert names(client.get(learners, {"name": "王"})) == {"王工"}
    assert names(client.get(learners, {"role": "team_leader"})) == {"王工"}
    assert names(client.get(learners, {"employment_type": "dispatched"})) == {"李前"}
    assert names(client.get(learners, {"position": "安全"})) == {"李前"}
    assert names(client.get(learners, {"enterprise": people["a"].pk})) == {"王工", "李前"}
    assert names(client.get(learners, {"enterprise": people["a"].pk, "current": "true"})) == {"王工"}
    assert names(client.get(learners, {"enterprise": people["a"].pk, "current": "false"})) == {"李前"}


def test_engagement_criteria_apply_to_one_engagement_together(client, people):
    client.force_login(people["superuser"])
    # 李前 is a safety manager, but at B, not at A.
    assert (
        names(client.get(f"{API}/learners/", {"enterprise": people["a"].pk, "role": "safety_manager"}))
        == set()
    )


def test_a_filter_never_reveals_where_else_a_visible_person_works(client, people):
    client.force_login(people["admin_a"])
    # 李前 works at B now; A's administrator must not find that out by filtering.
    assert names(client.get(f"{API}/learners/", {"enterprise": people["b"].pk})) == set()
    assert names(client.get(f"{API}/learners/", {"role": "safety_manager"})) == set()
    assert names(client.get(f"{API}/learners/", {"current": "false"})) == {"李前"}


@pytest.mark.parametrize("params", [{"role": "astronaut"}, {"enterprise": "x"}, {"enterprise": "9" * 30}])
def test_a_bad_people_filter_is_a_400_with_the_reason(client, people, params):
    client.force_login(people["superuser"])
    response = client.get(f"{API}/learners/", params)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_huge_id_in_the_path_is_a_404(client, people):
    client.force_login(people["superuser"])
    assert client.get(f"{API}/learners/{'9' * 18}/").status_code == 404
    assert client.get(f"{API}/learners/{'9' * 30}/").status_code == 404


# Looking a person up by identity number


def test_a_person_is_found_by_identity_number_in_the_body_not_the_url(client, people):
    worker = people["worker"]
    client.force_login(people["admin_a"])
    response = client.post(
        f"{API}/learners/lookup/",
        {"identity_number": worker.identity_number.lower()},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["id"] == worker.pk
    assert response.json()["identity_number"] == worker.identity_number


def test_looking_up_a_person_the_caller_may_not_see_is_a_404(client, people):
    client.force_login(people["admin_a"])
    response = client.post(
        f"{API}/learners/lookup/",
        {"identity_number": people["stranger"].identity_number},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert response.json()["code"] == ErrorCode.LEARNER_NOT_FOUND


@pytest.mark.parametrize(
    "number,code",
    [("22010219900101123", IdentityError.LENGTH), ("220102199001011230", IdentityError.CHECKSUM)],
)
def test_looking_up_a_malformed_identity_number_is_a_400_with_its_code(client, people, number, code):
    if code == IdentityError.CHECKSUM:
        # Any check character but the right one.
        right = people["worker"].identity_number
        number = right[:-1] + ("0" if right[-1] != "0" else "1")
    client.force_login(people["admin_a"])
    response = client.post(
        f"{API}/learners/lookup/", {"identity_number": number}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert "identity_number" in response.json()["errors"]


# Engagements


def test_engagements_are_listed_within_the_callers_enterprises_or_their_own(client, people):
    client.force_login(people["admin_a"])
    rows = client.get(f"{API}/engagements/").json()["results"]
    assert {(row["learner"]["name"], row["enterprise"]["name"]) for row in rows} == {
        ("王工", "甲化工有限公司"),
        ("李前", "甲化工有限公司"),
    }
    client.force_login(people["former"].user)
    assert client.get(f"{API}/engagements/").json()["count"] == 2
    client.force_login(people["superuser"])
    assert client.get(f"{API}/engagements/").json()["count"] == 5


def test_engagements_filter_by_learner_enterprise_role_type_and_current(client, people):
    client.force_login(people["superuser"])
    url = f"{API}/engagements/"

    def positions(params):
        return {row["position"] for row in client.get(url, params).json()["results"]}

    assert positions({"learner": people["former"].pk}) == {"操作工", "安全员"}
    assert positions({"enterprise": people["a"].pk, "current": "false"}) == {"操作工"}
    assert positions({"role": "special_operator"}) == {"电工"}
    assert positions({"employment_type": "dispatched"}) == {"安全员"}


def post_engagement(client, people, **fields):
    body = {
        "learner": people["former"].pk,
        "enterprise": people["a"].pk,
        "position": "班组长",
        "roles": ["team_leader"],
        "started_on": "2025-03-01",
        **fields,
    }
    return client.post(f"{API}/engagements/", body, content_type="application/json")


def test_an_administrator_engages_a_person_they_see_at_their_enterprise(client, people):
    client.force_login(people["admin_a"])
    response = post_engagement(client, people, roles=["worker", "team_leader"])
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["learner"]["id"] == people["former"].pk
    assert body["enterprise"]["id"] == people["a"].pk
    assert body["roles"] == ["team_leader", "worker"]  # in Role order
    assert body["current"] is True


def test_engaging_someone_at_another_enterprise_is_refused_and_writes_nothing(client, people):
    client.force_login(people["admin_a"])
    before = Engagement.objects.count()
    response = post_engagement(client, people, enterprise=people["b"].pk)
    assert response.status_code == 404
    assert response.json()["code"] == ErrorCode.ENTERPRISE_NOT_FOUND
    assert Engagement.objects.count() == before


def test_an_authority_may_not_engage_people_at_the_enterprises_it_sees(client, people):
    client.force_login(people["authority_cc"])
    before = Engagement.objects.count()
    response = post_engagement(client, people)
    assert response.status_code == 403
    assert response.json()["code"] == ErrorCode.NOT_ENTERPRISE_ADMINISTRATOR
    assert Engagement.objects.count() == before


def test_engaging_a_person_the_administrator_does_not_see_is_a_404(client, people):
    client.force_login(people["admin_a"])
    response = post_engagement(client, people, learner=people["stranger"].pk)
    assert response.status_code == 404
    assert response.json()["code"] == ErrorCode.LEARNER_NOT_FOUND
    response = post_engagement(client, people, enterprise=10**17)
    assert response.status_code == 404
    assert response.json()["code"] == ErrorCode.ENTERPRISE_NOT_FOUND


@pytest.mark.parametrize(
    "fields,field,code",
    [
        ({"roles": ["astronaut"]}, "roles", "invalid"),
        ({"roles": []}, "roles", "invalid"),
        ({"started_on": "2025-03-01", "ended_on": "2025-02-01"}, "ended_on", "end_before_start"),
        ({"learner": 10**20}, "learner", "invalid"),
    ],
)
def test_a_bad_engagement_is_a_400_and_writes_nothing(client, people, fields, field, code):
    client.force_login(people["admin_a"])
    before = Engagement.objects.count()
    response = post_engagement(client, people, **fields)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert field in response.json()["errors"]
    assert Engagement.objects.count() == before


def test_an_administrator_ends_an_engagement_of_their_enterprise(client, people):
    engagement = people["worker"].engagements.get()
    client.force_login(people["admin_a"])
    response = client.post(
        f"{API}/engagements/{engagement.pk}/end/", {"ended_on": "2025-06-30"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["ended_on"] == "2025-06-30"
    engagement.refresh_from_db()
    assert engagement.ended_on == D(2025, 6, 30)


def test_ending_before_the_start_is_a_400_and_changes_nothing(client, people):
    engagement = people["worker"].engagements.get()
    client.force_login(people["admin_a"])
    response = client.post(
        f"{API}/engagements/{engagement.pk}/end/", {"ended_on": "2021-01-01"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "ended_on" in response.json()["errors"]
    engagement.refresh_from_db()
    assert engagement.ended_on is None


def test_ending_another_enterprises_engagement_is_refused(client, people):
    engagement = people["worker"].engagements.get()
    client.force_login(people["admin_b"])
    url = f"{API}/engagements/{engagement.pk}/end/"
    assert client.post(url, {"ended_on": "2025-06-30"}, content_type="application/json").status_code == 404
    # The person themself sees the engagement but may not end it.
    client.force_login(people["worker"].user)
    response = client.post(url, {"ended_on": "2025-06-30"}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == ErrorCode.NOT_ENTERPRISE_ADMINISTRATOR
    engagement.refresh_from_db()
    assert engagement.ended_on is None


# Certificates


@pytest.fixture
def certificates(people):
    """The former employee's certificates, against A (2020–2023) and B (since 2024-02)."""
    former = people["former"]
    during_a = record_certificate(former, issued_on=D(2019, 1, 1), valid_until=D(2020, 6, 30))
    before_both = record_certificate(former, issued_on=D(2018, 1, 1), valid_until=D(2019, 12, 31))
    during_b = record_certificate(former, issued_on=D(2024, 3, 1))
    spanning = record_certificate(former, issued_on=D(2022, 1, 1), valid_until=D(2028, 1, 1))
    renewal = record_certificate(former, issued_on=D(2025, 1, 1), valid_until=D(2031, 1, 1), renews=spanning)
    return {
        "during_a": during_a,
        "before_both": before_both,
        "during_b": during_b,
        "spanning": spanning,
        "renewal": renewal,
    }


def certificate_ids(response) -> set[int]:
    assert response.status_code == 200
    return {row["id"] for row in response.json()["results"]}


def test_a_former_employer_sees_the_certificates_valid_while_the_person_worked_there(
    client, people, certificates
):
    client.force_login(people["admin_a"])
    rows = {row["id"]: row for row in client.get(f"{API}/certificates/").json()["results"]}
    assert set(rows) == {certificates["during_a"].pk, certificates["spanning"].pk}
    # The renewal came after the person left A: A neither sees it nor learns of it.
    assert rows[certificates["spanning"].pk]["superseded"] is False


def test_the_current_employer_sees_the_renewal_and_the_renewed_certificate_as_superseded(
    client, people, certificates
):
    client.force_login(people["admin_b"])
    rows = {row["id"]: row for row in client.get(f"{API}/certificates/").json()["results"]}
    assert set(rows) == {certificates["during_b"].pk, certificates["spanning"].pk, certificates["renewal"].pk}
    assert rows[certificates["spanning"].pk]["superseded"] is True
    assert rows[certificates["spanning"].pk]["status"] == CertificateStatus.SUPERSEDED


@pytest.mark.parametrize("viewer", VIEWERS)
def test_the_certificate_list_is_exactly_what_file_window_shows(client, people, certificates, viewer):
    user = viewers(people)[viewer]
    client.force_login(user)
    expected = set()
    for certificate in Certificate.objects.select_related("learner"):
        window = file_window(user, certificate.learner)
        if (
            learners_visible_to(user).filter(pk=certificate.learner_id).exists()
            and window is not None
            and window.overlaps(certificate.issued_on, certificate.valid_until)
        ):
            expected.add(certificate.pk)
    assert certificate_ids(client.get(f"{API}/certificates/", {"page_size": 100})) == expected
    for certificate in Certificate.objects.all():
        status = client.get(f"{API}/certificates/{certificate.pk}/").status_code
        assert status == (200 if certificate.pk in expected else 404)


def certificate_form(people, **fields):
    return {
        "learner": people["worker"].pk,
        "kind": "special_operation",
        "operation_item": "低压电工作业",
        "number": "T220102000001",
        "issuing_authority": "吉林省应急管理厅",
        "issued_on": "2025-05-01",
        "valid_until": "2031-05-01",
        "next_review_on": "2028-05-01",
        **fields,
    }


def test_an_administrator_records_a_certificate_with_a_scan_for_their_current_worker(client, people):
    client.force_login(people["admin_a"])
    scan = SimpleUploadedFile("scan.png", png_bytes(), content_type="image/png")
    response = client.post(f"{API}/certificates/", certificate_form(people, scan=scan))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["has_scan"] is True
    assert body["status"] == CertificateStatus.VALID
    certificate = Certificate.objects.get(pk=body["id"])
    assert certificate.enterprise == people["a"]
    assert certificate.recorded_by == people["admin_a"]


def test_recording_for_a_former_employee_is_refused(client, people):
    client.force_login(people["admin_a"])
    response = client.post(f"{API}/certificates/", certificate_form(people, learner=people["former"].pk))
    assert response.status_code == 403
    assert response.json()["code"] == ErrorCode.CANNOT_RECORD
    assert not Certificate.objects.exists()


def test_recording_for_another_enterprises_worker_is_a_404(client, people):
    client.force_login(people["admin_a"])
    response = client.post(f"{API}/certificates/", certificate_form(people, learner=people["stranger"].pk))
    assert response.status_code == 404
    assert response.json()["code"] == ErrorCode.LEARNER_NOT_FOUND
    response = client.post(f"{API}/certificates/", certificate_form(people, enterprise=people["b"].pk))
    assert response.status_code == 400
    assert response.json()["code"] == ErrorCode.ENTERPRISE_NOT_ALLOWED
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("scan.png", b"not an image at all", FILE_TYPE_NOT_ALLOWED),
        ("scan.png", b"x" * 2048, FILE_TOO_LARGE),
        ("scan.png", None, IMAGE_BOMB),
    ],
)
def test_a_bad_scan_is_a_400_with_the_upload_code_and_records_nothing(
    client, people, settings, name, content, code
):
    if code == FILE_TOO_LARGE:
        settings.ACADEMY_EVIDENCE_MAX_UPLOAD_BYTES = 1024
    if code == IMAGE_BOMB:
        # Over the academy's own pixel limit, though small enough for Pillow to open.
        content = png_bomb_bytes(8_000, 8_000)
    client.force_login(people["admin_a"])
    scan = SimpleUploadedFile(name, content, content_type="image/png")
    response = client.post(f"{API}/certificates/", certificate_form(people, scan=scan))
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert "scan" in response.json()["errors"]
    assert not Certificate.objects.exists()


def test_a_certificate_expiring_before_its_issue_is_a_400_on_that_field(client, people):
    client.force_login(people["admin_a"])
    response = client.post(f"{API}/certificates/", certificate_form(people, valid_until="2020-01-01"))
    assert response.status_code == 400
    assert "valid_until" in response.json()["errors"]
    assert not Certificate.objects.exists()


def test_a_renewal_must_renew_a_certificate_of_the_same_person(client, people, certificates):
    client.force_login(people["admin_b"])
    form = certificate_form(people, learner=people["former"].pk, renews=certificates["during_b"].pk)
    response = client.post(f"{API}/certificates/", form)
    assert response.status_code == 201, response.content
    assert response.json()["renews"] == certificates["during_b"].pk
    again = client.post(f"{API}/certificates/", form)
    assert again.status_code == 400
    assert "renews" in again.json()["errors"]
    other = record_certificate(people["stranger"], issued_on=D(2024, 1, 1))
    response = client.post(
        f"{API}/certificates/", certificate_form(people, learner=people["former"].pk, renews=other.pk)
    )
    assert response.status_code == 400
    assert response.json()["code"] == ErrorCode.RENEWS_NOT_FOUND


# The signed-in person


def test_me_summarises_the_callers_own_file_with_the_number_masked(client, people):
    worker = people["worker"]
    today = timezone.localdate()
    engage(worker, people["c"], position="学徒", started_on=D(2015, 1, 1), ended_on=D(2016, 1, 1))
    record_certificate(worker, issued_on=D(2020, 1, 1))
    record_certificate(worker, issued_on=D(2020, 1, 1), valid_until=today + datetime.timedelta(days=10))
    old = record_certificate(worker, issued_on=D(2019, 1, 1), valid_until=today - datetime.timedelta(days=1))
    record_certificate(worker, issued_on=D(2021, 1, 1), valid_until=D(2021, 6, 1), renews=old)
    client.force_login(worker.user)
    body = client.get(f"{API}/me/").json()
    learner = body["learner"]
    assert learner["identity_number_masked"] == worker.identity_number_masked
    assert worker.identity_number not in str(body)
    assert learner["phone"] == "13800000001"
    assert [(row["enterprise"]["name"], row["roles"]) for row in learner["engagements"]] == [
        ("甲化工有限公司", ["special_operator", "team_leader"])
    ]
    # The renewed certificate is left out; the others carry their status.
    assert sorted(row["status"] for row in learner["certificates"]) == sorted(
        [CertificateStatus.VALID, CertificateStatus.EXPIRING_30, CertificateStatus.EXPIRED]
    )
    assert body["administered_enterprises"] == []
    assert body["authority_prefecture"] is None


def test_me_for_an_account_without_a_learner_record_gives_its_capacities(client, people):
    client.force_login(people["authority_cc"])
    body = client.get(f"{API}/me/").json()
    assert body == {
        "learner": None,
        "administered_enterprises": [],
        "authority_prefecture": "changchun",
        "is_superuser": False,
    }
    client.force_login(people["admin_a"])
    assert client.get(f"{API}/me/").json()["administered_enterprises"] == [people["a"].pk]


# Query counts


def grow(people, count: int) -> None:
    """`count` more people at A, each with a certificate."""
    for _ in range(count):
        learner = make_learner(name="新人")
        engage(learner, people["a"], roles=("worker", "new_hire"))
        record_certificate(learner, issued_on=D(2024, 6, 1))


@pytest.mark.parametrize("viewer", ["admin_a", "authority_cc", "superuser"])
@pytest.mark.parametrize("path", ["/learners/", "/engagements/", "/certificates/"])
def test_people_lists_make_the_same_number_of_queries_for_5_or_50_rows(client, people, viewer, path):
    client.force_login(viewers(people)[viewer])
    url = f"{API}{path}?page_size=100"
    grow(people, 5)
    few = count_queries(client, url)
    grow(people, 45)
    assert count_queries(client, url) == few


def test_the_enterprise_list_makes_the_same_number_of_queries_for_5_or_50_enterprises(client, people):
    client.force_login(people["superuser"])
    url = f"{API}/enterprises/?page_size=100"

    def add(count):
        for _ in range(count):
            enterprise = make_enterprise()
            engage(make_learner(), enterprise)

    add(2)
    few = count_queries(client, url)
    add(45)
    assert count_queries(client, url) == few
