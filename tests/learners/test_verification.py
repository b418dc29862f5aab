"""The public verification page: a good link confirms the file and shows only a masked summary;
any change to the link makes it "not valid"."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from learners import services
from learners.lifelong_file.verification import SALT, verification_read, verification_token
from tests.learners.factories import engage, make_enterprise_admin, make_learner

D = datetime.date
ISSUED = D(2025, 6, 1)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(
        datetime.datetime(2025, 6, 1, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ) as traveller:
        yield traveller


@pytest.fixture
def worker(db):
    _, enterprise = make_enterprise_admin(name="松原油田服务公司")
    worker = make_learner(name="司马光明", phone="13612345678")
    engage(worker, enterprise, started_on=D(2020, 1, 1), ended_on=D(2022, 12, 31))
    engage(worker, enterprise, started_on=D(2023, 1, 1))
    old = services.certificate_record(
        learner=worker,
        kind="special_operation",
        operation_item="司钻作业",
        number="OLD-1",
        issuing_authority="松原市应急管理局",
        issued_on=D(2016, 1, 1),
        valid_until=D(2022, 1, 1),
    )
    services.certificate_record(
        learner=worker,
        kind="special_operation",
        number="NEW-2",
        issuing_authority="松原市应急管理局",
        issued_on=D(2021, 12, 1),
        valid_until=D(2027, 12, 1),
        renews=old,
    )
    services.certificate_record(  # expired, not renewed: not current
        learner=worker,
        kind="skill_level",
        number="LAPSED-3",
        issuing_authority="松原市人社局",
        issued_on=D(2015, 1, 1),
        valid_until=D(2020, 1, 1),
    )
    services.assessment_record(learner=worker, kind="in_post", assessed_on=D(2024, 5, 1), passed=True)
    return worker


def verify_url(token: str) -> str:
    return reverse("learners:verify", kwargs={"token": token})


def tampered(token: str) -> str:
    position = len(token) - 5
    return token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1 :]


def test_a_good_link_confirms_the_file_with_masked_number_and_summary_only(client, worker):
    response = client.get(verify_url(verification_token(learner=worker, issued_on=ISSUED)))
    assert response.status_code == 200
    verified = response.context["verified"]
    assert verified.learner == worker and verified.issued_on == ISSUED
    assert (
        verified.summary.engagement_count,
        verified.summary.current_certificate_count,
        verified.summary.assessment_count,
    ) == (2, 1, 1)
    content = response.content.decode()
    assert "司马光明" in content and worker.identity_number_masked in content and "2025-06-01" in content
    assert worker.identity_number not in content
    for detail in ("13612345678", "松原油田服务公司", "NEW-2", "司钻作业"):
        assert detail not in content


def test_the_verification_page_needs_no_sign_in_and_asks_not_to_be_indexed(client, worker):
    response = client.get(verify_url(verification_token(learner=worker, issued_on=ISSUED)))
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"


def test_a_tampered_link_is_not_valid(client, worker):
    response = client.get(verify_url(tampered(verification_token(learner=worker, issued_on=ISSUED))))
    assert response.status_code == 404
    assert response.context["verified"] is None
    assert "司马光明" not in response.content.decode()


def test_a_link_pointing_at_another_person_with_the_old_signature_is_not_valid(client, worker):
    someone = make_learner(name="另一个人")
    payload, signature = verification_token(learner=worker, issued_on=ISSUED).split(":", 1)
    forged_payload = signing.b64_encode(f'[{someone.pk},"2025-06-01"]'.encode()).decode()
    assert verification_read(token=f"{forged_payload}:{signature}") is None
    assert client.get(verify_url(f"{forged_payload}:{signature}")).status_code == 404


def test_a_value_signed_for_another_purpose_is_not_a_verification_token(worker):
    assert verification_read(token=signing.dumps([worker.pk, "2025-06-01"])) is None
    assert verification_read(token=signing.dumps([worker.pk, "2025-06-01"], salt=SALT + "x")) is None


@pytest.mark.parametrize("payload", [["x", "2025-06-01"], [1, "not a date"], {"a": 1}, 7, [1]])
def test_a_signed_token_of_the_wrong_shape_is_not_valid(worker, payload):
    assert verification_read(token=signing.dumps(payload, salt=SALT)) is None


def test_a_link_for_a_person_no_longer_on_file_is_not_valid(db):
    gone = make_learner(name="已删除")
    token = verification_token(learner=gone, issued_on=ISSUED)
    gone.delete()
    assert verification_read(token=token) is None


def test_the_token_does_not_carry_the_identity_number(worker):
    token = verification_token(learner=worker, issued_on=ISSUED)
    payload = signing.b64_decode(token.split(":", 1)[0].encode())
    assert worker.identity_number.encode() not in payload and worker.identity_number not in token


def test_the_summary_is_the_file_as_issued_not_as_changed_later(worker, clock):
    token = verification_token(learner=worker, issued_on=ISSUED)
    clock.move_to(datetime.datetime(2025, 9, 1, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")))
    services.assessment_record(learner=worker, kind="in_post", assessed_on=D(2025, 8, 1), passed=True)
    services.certificate_record(
        learner=worker,
        kind="skill_level",
        number="LATER-4",
        issuing_authority="松原市人社局",
        issued_on=D(2025, 8, 1),
    )
    summary = verification_read(token=token).summary
    assert (summary.current_certificate_count, summary.assessment_count) == (1, 1)


def test_a_date_in_the_future_is_not_valid(worker):
    assert verification_read(token=verification_token(learner=worker, issued_on=D(2025, 6, 2))) is None
