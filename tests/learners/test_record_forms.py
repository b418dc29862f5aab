"""Entering certificates, renewals, assessments and accident records into a file: who may, what is
refused and why, and that a refused form writes nothing."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learners import services
from learners.models import AccidentRecord, Assessment, Certificate
from learners.uploads import FILE_TYPE_NOT_ALLOWED, IMAGE_BOMB
from tests.files import png_bomb_bytes, png_bytes
from tests.learners.factories import engage, make_authority, make_enterprise_admin, make_learner

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2025, 6, 1, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield


@pytest.fixture
def world(db):
    admin, enterprise = make_enterprise_admin(name="通化钢铁公司", prefecture="tonghua")
    former_admin, former = make_enterprise_admin(name="通化旧东家", prefecture="tonghua")
    other_admin, other = make_enterprise_admin(name="无关企业", prefecture="tonghua")
    worker = make_learner(name="赵铁柱", password="pw")
    engage(worker, former, started_on=D(2015, 1, 1), ended_on=D(2019, 12, 31))
    engage(worker, enterprise, started_on=D(2020, 1, 1))
    certificate = services.certificate_record(
        learner=worker,
        kind="special_operation",
        operation_item="熔化焊接与热切割作业",
        number="OLD-100",
        issuing_authority="通化市应急管理局",
        issued_on=D(2019, 7, 1),
        valid_until=D(2025, 7, 1),
    )
    return locals()


def png(name="scan.png", content=None):
    return SimpleUploadedFile(name, content if content is not None else png_bytes(), content_type="image/png")


def certificate_data(world, **changes):
    data = {
        "kind": "special_operation",
        "operation_item": "高处作业",
        "number": "T-2025-001",
        "issuing_authority": "通化市应急管理局",
        "issued_on": "2025-05-01",
        "valid_until": "2031-05-01",
        "next_review_on": "2028-05-01",
        "enterprise": world["enterprise"].pk,
        "scan": png(),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def post(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


def new_certificate_url(world):
    return reverse("learners:certificate_new", args=[world["worker"].pk])


# Certificates


def test_the_current_employer_records_a_certificate_with_its_scan(client, world):
    response = post(client, world["admin"], new_certificate_url(world), certificate_data(world))
    assert response.status_code == 302
    assert response["Location"] == reverse("learners:file", args=[world["worker"].pk])
    certificate = Certificate.objects.get(number="T-2025-001")
    assert certificate.learner == world["worker"] and certificate.enterprise == world["enterprise"]
    assert certificate.recorded_by == world["admin"]
    assert certificate.scan.read() == png_bytes()
    assert "T-2025-001" in client.get(response["Location"]).content.decode()


def test_a_certificate_without_its_scan_is_refused(client, world):
    response = post(client, world["admin"], new_certificate_url(world), certificate_data(world, scan=None))
    assert response.status_code == 400
    assert response.context["form"].has_error("scan", "required")
    assert not Certificate.objects.filter(number="T-2025-001").exists()


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        # 64 million pixels: over the academy's limit, under the one Pillow enforces itself.
        (lambda: png(content=png_bomb_bytes(8000, 8000)), IMAGE_BOMB),
        (lambda: png(name="scan.png", content=b"%PDF-1.4 not an image at all"), FILE_TYPE_NOT_ALLOWED),
        (lambda: png(name="scan.exe"), FILE_TYPE_NOT_ALLOWED),
    ],
)
def test_a_bad_scan_is_refused_on_the_scan_field_and_nothing_is_written(client, world, upload, code):
    response = post(
        client, world["admin"], new_certificate_url(world), certificate_data(world, scan=upload())
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("scan", code)
    assert not Certificate.objects.filter(number="T-2025-001").exists()


def test_a_huge_pixel_bomb_is_refused_on_the_scan_field(client, world):
    response = post(
        client,
        world["admin"],
        new_certificate_url(world),
        certificate_data(world, scan=png(content=png_bomb_bytes())),
    )
    assert response.status_code == 400
    assert response.context["form"].has_error("scan")
    assert not Certificate.objects.filter(number="T-2025-001").exists()


def test_the_service_rules_show_on_their_fields(client, world):
    data = certificate_data(world, operation_item="", valid_until="2020-01-01")
    response = post(client, world["admin"], new_certificate_url(world), data)
    form = response.context["form"]
    assert response.status_code == 400
    assert form.has_error("operation_item") and form.has_error("valid_until")
    assert not Certificate.objects.filter(number="T-2025-001").exists()


def test_an_administrator_records_only_for_an_enterprise_they_administer_where_the_person_works(
    client, world
):
    for enterprise in (world["other"], world["former"]):
        data = certificate_data(world, enterprise=enterprise.pk)
        response = post(client, world["admin"], new_certificate_url(world), data)
        assert response.context["form"].has_error("enterprise", "invalid_choice")
    response = post(
        client, world["admin"], new_certificate_url(world), certificate_data(world, enterprise="")
    )
    assert response.context["form"].has_error("enterprise", "required")
    assert not Certificate.objects.filter(number="T-2025-001").exists()


def test_an_authority_of_the_prefecture_may_record_without_naming_an_enterprise(client, world):
    authority = make_authority("tonghua")
    response = post(client, authority, new_certificate_url(world), certificate_data(world, enterprise=""))
    assert response.status_code == 302
    assert Certificate.objects.get(number="T-2025-001").enterprise is None


# Who may record


def test_whoever_sees_the_file_but_may_not_record_is_refused_with_403(client, world):
    for user in (world["former_admin"], world["worker"].user):
        client.force_login(user)
        for name in ("certificate_new", "assessment_new", "accident_new"):
            assert client.get(reverse(f"learners:{name}", args=[world["worker"].pk])).status_code == 403
    assert (
        post(client, world["former_admin"], new_certificate_url(world), certificate_data(world)).status_code
        == 403
    )
    assert not Certificate.objects.filter(number="T-2025-001").exists()


def test_whoever_may_not_see_the_person_is_refused_with_404(client, world):
    for user in (
        world["other_admin"],
        make_authority("changchun"),
        make_learner(name="路人", password="pw").user,
    ):
        client.force_login(user)
        for name in ("certificate_new", "assessment_new", "accident_new"):
            assert client.get(reverse(f"learners:{name}", args=[world["worker"].pk])).status_code == 404
        renew = reverse("learners:certificate_renew", args=[world["worker"].pk, world["certificate"].pk])
        assert client.get(renew).status_code == 404


def test_recorders_get_the_forms(client, world):
    for user in (world["admin"], make_authority("tonghua")):
        client.force_login(user)
        for name in ("certificate_new", "assessment_new", "accident_new"):
            assert client.get(reverse(f"learners:{name}", args=[world["worker"].pk])).status_code == 200


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world):
    response = client.get(new_certificate_url(world))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# Renewals


def renew_url(world, certificate=None):
    return reverse(
        "learners:certificate_renew", args=[world["worker"].pk, (certificate or world["certificate"]).pk]
    )


def renewal_data(world, **changes):
    data = certificate_data(world, **{"number": "RENEW-200", "issued_on": "2025-06-01", **changes})
    del data["kind"], data["operation_item"]
    return data


def test_a_renewal_is_a_new_certificate_linked_to_the_old_one(client, world):
    response = post(client, world["admin"], renew_url(world), renewal_data(world))
    assert response.status_code == 302
    renewal = Certificate.objects.get(number="RENEW-200")
    assert renewal.renews == world["certificate"]
    assert (renewal.kind, renewal.operation_item) == ("special_operation", "熔化焊接与热切割作业")
    world["certificate"].refresh_from_db()
    assert world["certificate"].number == "OLD-100"  # the old record is kept unchanged


def test_a_certificate_cannot_be_renewed_twice(client, world):
    post(client, world["admin"], renew_url(world), renewal_data(world))
    response = post(client, world["admin"], renew_url(world), renewal_data(world, number="RENEW-300"))
    assert response.status_code == 400
    # The service gives this refusal no code (a dict-shaped ValidationError drops it), so no code is asserted.
    assert response.context["form"].has_error(NON_FIELD_ERRORS)
    assert not Certificate.objects.filter(number="RENEW-300").exists()


def test_another_persons_certificate_cannot_be_renewed_through_this_file(client, world):
    someone = make_learner(name="别人")
    engage(someone, world["enterprise"], started_on=D(2021, 1, 1))
    theirs = services.certificate_record(
        learner=someone, kind="skill_level", number="X-1", issuing_authority="局", issued_on=D(2024, 1, 1)
    )
    client.force_login(world["admin"])
    assert client.get(renew_url(world, theirs)).status_code == 404


def test_a_certificate_outside_the_recorders_window_cannot_be_renewed(client, world):
    earlier = services.certificate_record(
        learner=world["worker"],
        kind="skill_level",
        number="OLD-EXPIRED",
        issuing_authority="局",
        issued_on=D(2010, 1, 1),
        valid_until=D(2014, 1, 1),  # before the person joined this employer
    )
    client.force_login(world["admin"])
    assert client.get(renew_url(world, earlier)).status_code == 404
    assert client.get(renew_url(world)).status_code == 200


# Assessments and accidents


def test_an_assessment_result_is_recorded(client, world):
    url = reverse("learners:assessment_new", args=[world["worker"].pk])
    data = {
        "kind": "in_post",
        "title": "2025年度考核",
        "assessed_on": "2025-05-20",
        "score": "92.5",
        "passed": "1",
    }
    response = post(client, world["admin"], url, {**data, "enterprise": world["enterprise"].pk})
    assert response.status_code == 302
    assessment = Assessment.objects.get(title="2025年度考核")
    assert assessment.passed and str(assessment.score) == "92.5" and assessment.recorded_by == world["admin"]


def test_an_assessment_without_a_result_or_with_a_negative_score_is_refused(client, world):
    url = reverse("learners:assessment_new", args=[world["worker"].pk])
    data = {
        "kind": "in_post",
        "assessed_on": "2025-05-20",
        "score": "-1",
        "enterprise": world["enterprise"].pk,
    }
    response = post(client, world["admin"], url, data)
    form = response.context["form"]
    assert response.status_code == 400
    assert form.has_error("passed", "required") and form.has_error("score", "min_value")
    assert not Assessment.objects.exists()


def test_an_accident_record_is_recorded(client, world):
    url = reverse("learners:accident_new", args=[world["worker"].pk])
    data = {
        "occurred_on": "2025-03-03",
        "accident": "高炉煤气中毒事故",
        "role": "team_leader",
        "with_deaths": "on",
        "enterprise": world["enterprise"].pk,
    }
    assert post(client, world["admin"], url, data).status_code == 302
    record = AccidentRecord.objects.get()
    assert record.with_deaths and record.role == "team_leader" and record.enterprise == world["enterprise"]


def test_an_accident_record_with_an_unknown_role_or_a_bad_date_is_refused(client, world):
    url = reverse("learners:accident_new", args=[world["worker"].pk])
    data = {
        "occurred_on": "2025-02-30",
        "accident": "事故",
        "role": "boss",
        "enterprise": world["enterprise"].pk,
    }
    response = post(client, world["admin"], url, data)
    form = response.context["form"]
    assert response.status_code == 400
    assert form.has_error("occurred_on", "invalid") and form.has_error("role", "invalid_choice")
    assert not AccidentRecord.objects.exists()


def test_an_administrator_of_one_enterprise_finds_it_already_chosen(client, world):
    client.force_login(world["admin"])
    response = client.get(new_certificate_url(world))
    assert response.context["form"]["enterprise"].value() == world["enterprise"].pk
