"""The lifelong file as a PDF: Chinese text that survives extraction, the viewer's window and masking,
and a QR code and printed link that lead to the verification page."""

import datetime
import io
import re
import zoneinfo

import pytest
import qrcode
import time_machine
from django.urls import reverse
from pypdf import PdfReader
from pypdf.generic import ContentStream
from qrcode.constants import ERROR_CORRECT_M

from learners import services
from tests.learners.factories import engage, make_authority, make_enterprise_admin, make_learner, make_user

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(
        datetime.datetime(2025, 6, 1, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False
    ):
        yield


@pytest.fixture
def world(db):
    former_admin, former = make_enterprise_admin(name="长春石化有限公司")
    admin, current = make_enterprise_admin(name="吉林冶金有限公司", prefecture="jilin")
    other_admin, _ = make_enterprise_admin(name="无关企业")
    worker = make_learner(name="欧阳娜娜", phone="13812345678", password="pw")
    engage(worker, former, started_on=D(2018, 1, 1), ended_on=D(2020, 12, 31))
    engage(worker, current, started_on=D(2021, 3, 1))
    services.certificate_record(
        learner=worker,
        kind="special_operation",
        operation_item="高压电工作业",
        number="T-2022-77",
        issuing_authority="吉林市应急管理局",
        issued_on=D(2022, 4, 20),
        valid_until=D(2025, 6, 20),
    )
    return locals()


def download(client, user, url):
    client.force_login(user)
    return client.get(url)


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_worker_downloads_their_file_with_the_chinese_name_and_full_number(client, world):
    worker = world["worker"]
    response = download(client, worker.user, reverse("learners:me_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    assert "欧阳娜娜" in text
    assert worker.identity_number in text and "13812345678" in text
    assert "长春石化有限公司" in text and "吉林冶金有限公司" in text and "T-2022-77" in text


def test_the_download_is_an_attachment_named_by_date_not_by_identity_number(client, world):
    worker = world["worker"]
    response = download(client, worker.user, reverse("learners:me_pdf"))
    disposition = response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert disposition.startswith("attachment;") and "20250601" in disposition
    assert worker.identity_number not in disposition


def test_a_former_employer_gets_a_pdf_masked_and_cut_to_its_own_period(client, world):
    worker = world["worker"]
    response = download(client, world["former_admin"], reverse("learners:file_pdf", args=[worker.pk]))
    text = pdf_text(response)
    assert "欧阳娜娜" in text and worker.identity_number_masked in text
    assert worker.identity_number not in text and "13812345678" not in text
    assert "吉林冶金有限公司" not in text and "T-2022-77" not in text


def test_an_authority_gets_the_number_masked(client, world):
    worker = world["worker"]
    text = pdf_text(download(client, make_authority("jilin"), reverse("learners:file_pdf", args=[worker.pk])))
    assert worker.identity_number_masked in text and worker.identity_number not in text


def test_a_pdf_is_refused_as_not_found_to_whoever_may_not_see_the_file(client, world):
    url = reverse("learners:file_pdf", args=[world["worker"].pk])
    stranger = make_learner(name="路人", password="pw")
    for user in (world["other_admin"], make_authority("baishan"), stranger.user):
        assert download(client, user, url).status_code == 404
    assert download(client, make_user(), reverse("learners:me_pdf")).status_code == 404


def test_the_printed_link_verifies_the_file(client, world):
    text = pdf_text(download(client, world["worker"].user, "/en" + reverse("learners:me_pdf")))
    url = re.search(r"http://testserver/\S+/verify/\S+/", text).group(0)
    client.logout()
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["verified"].learner == world["worker"]


def test_the_qr_code_encodes_the_printed_link(client, world):
    response = download(client, world["worker"].user, reverse("learners:me_pdf"))
    url = re.search(r"http://testserver/\S+/verify/\S+/", pdf_text(response)).group(0)
    expected = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2)
    expected.add_data(url)
    expected.make(fit=True)
    matrix = expected.get_matrix()
    dark = {(row, column) for row, line in enumerate(matrix) for column, on in enumerate(line) if on}
    # The code is drawn as one square per dark module; read the squares back into a grid.
    reader = PdfReader(io.BytesIO(response.content))
    squares = [
        [float(value) for value in operands]
        for operands, operator in ContentStream(reader.pages[0].get_contents(), reader).operations
        if operator == b"re"
    ]
    cell = min(width for _, _, width, height in squares if width == height)
    size = cell * len(matrix)
    drawn = {
        (round((size - y) / cell) - 1, round(x / cell))
        for x, y, width, height in squares
        if abs(width - cell) < 1e-6 and abs(height - cell) < 1e-6
    }
    assert drawn == dark


def test_every_page_is_numbered(client, world):
    worker = world["worker"]
    for day in range(1, 61):
        services.assessment_record(
            learner=worker,
            kind="in_post",
            assessed_on=D(2022, 1, 1) + datetime.timedelta(days=day),
            passed=True,
        )
    response = download(client, worker.user, "/en" + reverse("learners:me_pdf"))
    text, pages = pdf_text(response), len(PdfReader(io.BytesIO(response.content)).pages)
    assert pages > 1
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
