"""The lifelong file page: what each kind of viewer sees, what they are refused, and its cost."""

import datetime
import zoneinfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learners import services
from learners.lifelong_file.selectors import CertificateStatus, certificate_status, learner_file
from tests.files import png_bytes
from tests.learners.factories import engage, make_authority, make_enterprise_admin, make_learner, make_user
from tests.queries import count_queries

D = datetime.date
TODAY = D(2025, 6, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2025, 6, 1, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield


def scan(name="scan.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


@pytest.fixture
def world(db):
    """张卫国 worked at a Changchun plant in 2018–2020 and works at a Jilin City plant since 2021."""
    cc_admin, cc = make_enterprise_admin(name="长春石化有限公司", prefecture="changchun")
    jl_admin, jl = make_enterprise_admin(name="吉林冶金有限公司", prefecture="jilin")
    other_admin, _ = make_enterprise_admin(name="长春另一家公司", prefecture="changchun")
    zhang = make_learner(name="张卫国", phone="13912345678", password="pw")
    zhang.education = "senior_high"
    zhang.save()
    engage(
        zhang,
        cc,
        position="电工",
        roles=["special_operator"],
        started_on=D(2018, 1, 1),
        ended_on=D(2020, 12, 31),
    )
    engage(
        zhang, jl, position="班组长岗", roles=["team_leader", "special_operator"], started_on=D(2021, 3, 1)
    )
    old = services.certificate_record(
        learner=zhang,
        kind="special_operation",
        operation_item="低压电工作业",
        number="T-OLD-1",
        issuing_authority="长春市应急管理局",
        issued_on=D(2016, 5, 1),
        valid_until=D(2022, 5, 1),
        scan=scan(),
        enterprise=cc,
    )
    renewal = services.certificate_record(
        learner=zhang,
        kind="special_operation",
        number="T-NEW-2",
        issuing_authority="吉林市应急管理局",
        issued_on=D(2022, 4, 20),
        valid_until=D(2025, 6, 20),  # 19 days left
        enterprise=jl,
        renews=old,
    )
    safety = services.certificate_record(
        learner=zhang,
        kind="safety_qualification",
        number="S-60",
        issuing_authority="吉林省应急管理厅",
        issued_on=D(2022, 7, 10),
        valid_until=D(2025, 7, 20),  # 49 days left
        scan=scan(),
    )
    lapsed = services.certificate_record(
        learner=zhang,
        kind="vocational_qualification",
        number="V-EXP",
        issuing_authority="长春市人社局",
        issued_on=D(2019, 1, 1),
        valid_until=D(2020, 1, 1),
    )
    services.assessment_record(
        learner=zhang,
        kind="in_post",
        title="长春年度考试",
        assessed_on=D(2019, 6, 1),
        passed=True,
        score=88,
        enterprise=cc,
    )
    services.assessment_record(
        learner=zhang,
        kind="in_post",
        title="吉林年度考试",
        assessed_on=D(2023, 3, 1),
        passed=False,
        enterprise=jl,
    )
    services.accident_record_create(
        learner=zhang,
        occurred_on=D(2020, 5, 1),
        accident="储罐泄漏事故",
        role="special_operator",
        with_deaths=True,
        enterprise=cc,
    )
    return locals()


def page(client, user, learner, *, prefix=""):
    client.force_login(user)
    return client.get(prefix + reverse("learners:file", args=[learner.pk]))


def text(response) -> str:
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def certificate_numbers(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [card.select_one(".facts dd").get_text(strip=True) for card in soup.select(".certificate-card")]


def badge_of(response, certificate) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return soup.select_one(f"#certificate-{certificate.pk} .badge")["class"][1].removeprefix("badge--")


# Certificate status: a pure function of dates


@pytest.mark.parametrize(
    ("valid_until", "next_review_on", "status"),
    [
        (None, None, CertificateStatus.VALID),
        (TODAY + datetime.timedelta(days=61), None, CertificateStatus.VALID),
        (TODAY + datetime.timedelta(days=60), None, CertificateStatus.EXPIRING_60),
        (TODAY + datetime.timedelta(days=31), None, CertificateStatus.EXPIRING_60),
        (TODAY + datetime.timedelta(days=30), None, CertificateStatus.EXPIRING_30),
        (TODAY, None, CertificateStatus.EXPIRING_30),
        (TODAY - datetime.timedelta(days=1), None, CertificateStatus.EXPIRED),
        (
            TODAY + datetime.timedelta(days=400),
            TODAY + datetime.timedelta(days=10),
            CertificateStatus.EXPIRING_30,
        ),
        (TODAY + datetime.timedelta(days=400), TODAY - datetime.timedelta(days=1), CertificateStatus.EXPIRED),
        (None, TODAY + datetime.timedelta(days=45), CertificateStatus.EXPIRING_60),
    ],
)
def test_a_certificate_is_good_through_its_deadline_and_warns_60_then_30_days_ahead(
    valid_until, next_review_on, status
):
    assert certificate_status(valid_until=valid_until, next_review_on=next_review_on, today=TODAY) == status


def test_a_renewed_certificate_is_superseded_whatever_its_dates():
    assert (
        certificate_status(valid_until=TODAY + datetime.timedelta(days=900), superseded=True, today=TODAY)
        == CertificateStatus.SUPERSEDED
    )


# The person


def test_a_worker_sees_all_of_their_own_file_with_the_full_number_and_phone(client, world):
    zhang = world["zhang"]
    client.force_login(zhang.user)
    response = client.get(reverse("learners:me"))
    content = text(response)
    assert response.status_code == 200
    assert zhang.identity_number in content and "13912345678" in content
    assert "长春石化有限公司" in content and "吉林冶金有限公司" in content
    assert certificate_numbers(response) == ["S-60", "T-NEW-2", "V-EXP"]
    assert "长春年度考试" in content and "吉林年度考试" in content and "储罐泄漏事故" in content


def test_a_worker_is_refused_another_workers_file_as_not_found(client, world):
    other = make_learner(name="李四", password="pw")
    assert page(client, other.user, world["zhang"]).status_code == 404


def test_a_signed_in_account_without_a_file_is_told_why(client, world):
    client.force_login(make_user())
    response = client.get(reverse("learners:me"))
    assert response.status_code == 200
    assert "learners/file_missing.html" in [template.name for template in response.templates]


def test_an_anonymous_visitor_is_sent_to_sign_in(client, world):
    for url in (reverse("learners:me"), reverse("learners:file", args=[world["zhang"].pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_nav_links_to_my_file_only_for_accounts_with_a_file(client, world):
    def nav_link(user, url):
        client.force_login(user)
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return soup.select_one(f'.site-nav a[href="{reverse("learners:me")}"]')

    zhang = world["zhang"]
    # Another page, where nothing is known about the account in advance, and the file page itself.
    other_page = reverse("learners:verify", kwargs={"token": "not-a-token"})
    assert nav_link(zhang.user, other_page) is not None
    assert nav_link(zhang.user, reverse("learners:me")) is not None
    assert nav_link(world["jl_admin"], other_page) is None
    assert nav_link(world["jl_admin"], reverse("learners:file", args=[zhang.pk])) is None


def test_the_file_is_never_kept_in_a_shared_cache(client, world):
    response = page(client, world["jl_admin"], world["zhang"])
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


# Employers


def test_the_current_employer_sees_its_period_with_the_full_number_but_not_other_employers(client, world):
    response = page(client, world["jl_admin"], world["zhang"])
    content = text(response)
    assert response.status_code == 200
    assert world["zhang"].identity_number in content and "13912345678" in content
    assert "吉林冶金有限公司" in content
    # The former employer appears nowhere: not as an engagement, nor as the accident's enterprise.
    assert "长春石化有限公司" not in content
    assert "储罐泄漏事故" in content  # accident responsibility before the engagement is a standing duty
    assert "吉林年度考试" in content and "长春年度考试" not in content
    assert certificate_numbers(response) == ["S-60", "T-NEW-2"]


def test_a_former_employer_sees_only_the_years_the_person_worked_there_with_the_number_masked(client, world):
    zhang = world["zhang"]
    response = page(client, world["cc_admin"], zhang)
    content = text(response)
    assert response.status_code == 200
    assert zhang.identity_number_masked in content
    assert zhang.identity_number not in response.content.decode()
    assert "13912345678" not in content
    assert "吉林冶金有限公司" not in content and "吉林年度考试" not in content
    assert "长春年度考试" in content and "储罐泄漏事故" in content
    # The later renewal is not theirs to see, so the old certificate stands alone, by its own dates.
    assert certificate_numbers(response) == ["V-EXP", "T-OLD-1"]
    assert badge_of(response, world["old"]) == CertificateStatus.EXPIRED


def test_another_enterprise_is_refused_as_not_found(client, world):
    assert page(client, world["other_admin"], world["zhang"]).status_code == 404


# Authorities


def test_an_authority_sees_the_periods_at_enterprises_of_its_prefecture_masked(client, world):
    zhang = world["zhang"]
    response = page(client, make_authority("jilin"), zhang)
    content = text(response)
    assert response.status_code == 200
    assert zhang.identity_number_masked in content and zhang.identity_number not in response.content.decode()
    assert "13912345678" not in content
    assert "吉林冶金有限公司" in content and "长春石化有限公司" not in content


def test_an_authority_of_another_prefecture_is_refused_as_not_found(client, world):
    assert page(client, make_authority("baishan"), world["zhang"]).status_code == 404


def test_a_provincial_authority_sees_the_whole_file_masked(client, world):
    zhang = world["zhang"]
    response = page(client, make_authority(""), zhang)
    content = text(response)
    assert "长春石化有限公司" in content and "吉林冶金有限公司" in content
    assert zhang.identity_number_masked in content and zhang.identity_number not in response.content.decode()


# Certificates, warnings, roles and the timeline


def test_a_renewal_supersedes_the_old_certificate_which_stays_in_its_history(client, world):
    response = page(client, world["zhang"].user, world["zhang"])
    soup = BeautifulSoup(response.content, "html.parser")
    card = soup.select_one(f"#certificate-{world['renewal'].pk}")
    history = card.select_one(".certificate-history")
    assert "T-OLD-1" in history.get_text()
    assert badge_of(response, world["old"]) == CertificateStatus.SUPERSEDED
    assert badge_of(response, world["renewal"]) == CertificateStatus.EXPIRING_30


def test_the_warning_box_lists_expired_and_expiring_certificates_soonest_first(client, world):
    response = page(client, world["zhang"].user, world["zhang"])
    soup = BeautifulSoup(response.content, "html.parser")
    warnings = [item["class"][1] for item in soup.select(".file-warnings .file-warning")]
    assert warnings == ["file-warning--expired", "file-warning--expiring_30", "file-warning--expiring_60"]
    assert "T-OLD-1" not in soup.select_one(".file-warnings").get_text()  # superseded, no warning


def test_roles_are_joined_the_way_each_language_writes_lists(client, world):
    zhang = world["zhang"]
    assert "特种作业人员、班组长" in text(page(client, zhang.user, zhang))
    assert "Special operator, Team leader" in text(page(client, zhang.user, zhang, prefix="/en"))


def test_the_timeline_merges_every_kind_of_record_newest_first(world):
    file = learner_file(user=world["zhang"].user, learner=world["zhang"])
    days = [entry.on for entry in file.timeline]
    assert days == sorted(days, reverse=True)
    assert {entry.kind for entry in file.timeline} == {
        "engagement_started",
        "engagement_ended",
        "certificate_issued",
        "certificate_renewed",
        "assessment",
        "accident",
    }
    assert len(file.timeline) == 2 + 1 + 4 + 2 + 1


def test_a_planned_end_date_is_not_on_the_timeline_before_it_comes(world):
    zhang = world["zhang"]
    engage(zhang, world["jl"], position="临时岗", started_on=D(2025, 1, 1), ended_on=D(2025, 12, 31))
    file = learner_file(user=zhang.user, learner=zhang)
    assert D(2025, 12, 31) not in [entry.on for entry in file.timeline]


def test_no_identity_number_is_put_in_a_link(client, world):
    zhang = world["zhang"]
    response = page(client, world["jl_admin"], zhang)
    soup = BeautifulSoup(response.content, "html.parser")
    hrefs = [link["href"] for link in soup.select("a[href]")]
    assert hrefs and not any(zhang.identity_number in href for href in hrefs)


# Record buttons


def test_recorders_get_the_record_buttons_and_others_do_not(client, world):
    zhang = world["zhang"]
    new_certificate = reverse("learners:certificate_new", args=[zhang.pk])
    for user in (world["jl_admin"], make_authority("jilin")):
        assert new_certificate in page(client, user, zhang).content.decode()
    for user in (world["cc_admin"], zhang.user):
        assert new_certificate not in page(client, user, zhang).content.decode()


# Scans


def test_a_scan_is_served_by_a_view_that_checks_access_never_from_media(client, world):
    zhang, old = world["zhang"], world["old"]
    response = page(client, world["jl_admin"], zhang)
    assert "/media/" not in response.content.decode()
    url = reverse("learners:certificate_scan", args=[zhang.pk, old.pk])
    assert url in response.content.decode()
    scan_response = client.get(url)
    assert scan_response.status_code == 200 and scan_response["Content-Type"] == "image/png"
    assert b"".join(scan_response.streaming_content) == png_bytes()


def test_a_scan_is_refused_to_a_viewer_who_does_not_see_the_person_or_the_certificate(client, world):
    zhang, safety = world["zhang"], world["safety"]
    url = reverse("learners:certificate_scan", args=[zhang.pk, safety.pk])
    client.force_login(world["other_admin"])
    assert client.get(url).status_code == 404
    client.force_login(world["cc_admin"])  # sees the person, but this certificate is from after their time
    assert client.get(url).status_code == 404
    client.force_login(world["jl_admin"])
    assert client.get(url).status_code == 200


# Cost


def test_the_file_page_makes_the_same_number_of_queries_for_1_or_20_records(client, db):
    admin, enterprise = make_enterprise_admin()
    few, many = make_learner(name="王一"), make_learner(name="王二")
    for learner, count in ((few, 1), (many, 20)):
        previous = None
        for index in range(count):
            engage(
                learner, enterprise, position=f"岗位{index}", started_on=D(2000 + index, 1, 1), ended_on=None
            )
            previous = services.certificate_record(
                learner=learner,
                kind="special_operation",
                operation_item="焊接与热切割作业",
                number=f"C-{index}",
                issuing_authority="长春市应急管理局",
                issued_on=D(2000 + index, 2, 1),
                valid_until=D(2030, 1, 1),
                scan=scan(),
                renews=previous if index % 2 else None,
            )
            services.assessment_record(
                learner=learner,
                kind="in_post",
                assessed_on=D(2000 + index, 3, 1),
                passed=True,
                enterprise=enterprise,
            )
            services.accident_record_create(
                learner=learner,
                occurred_on=D(2000 + index, 4, 1),
                accident="事故",
                role="worker",
                with_deaths=False,
            )
    client.force_login(admin)
    few_queries = count_queries(client, reverse("learners:file", args=[few.pk]))
    assert few_queries <= 16  # one query per kind of record, recognitions included
    assert count_queries(client, reverse("learners:file", args=[many.pk])) == few_queries


def test_an_image_scan_opens_sandboxed_and_a_pdf_scan_downloads(client, world):
    zhang = world["zhang"]
    electronic = services.certificate_record(
        learner=zhang,
        kind="skill_level",
        number="E-1",
        issuing_authority="吉林市人社局",
        issued_on=D(2024, 1, 1),
        scan=SimpleUploadedFile(
            "电子证书.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
        ),
    )
    client.force_login(world["jl_admin"])
    image = client.get(reverse("learners:certificate_scan", args=[zhang.pk, world["old"].pk]))
    assert image["Content-Disposition"].startswith("inline") and image["Content-Security-Policy"] == "sandbox"
    pdf = client.get(reverse("learners:certificate_scan", args=[zhang.pk, electronic.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf["Content-Disposition"].startswith("attachment")
