"""The hours certificate (学时证明) PDF: the person's name, masked number, hours by year and source and
verdicts in extractable text, with the verification link of their file; for the worker, an administrator
of a current employer and an authority who sees the person, and a 404 for anyone else."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from learners.services import enterprise_administrator_add
from tests.credits import bank_helpers
from tests.credits.bank_helpers import D
from tests.learners.factories import engage, make_authority, make_enterprise_admin, make_learner, make_user

clock = bank_helpers.clock
bank_world = bank_helpers.bank_world

MINE = "/training/bank/certificate.pdf"


def person_url(learner) -> str:
    return reverse("training:person_hours_certificate", args=[learner.pk])


def download(client, user, url):
    client.force_login(user)
    return client.get(url)


def pdf_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_worker_downloads_a_certificate_with_their_name_and_hours(client, bank_world):
    learner = bank_world["learner"]
    response = download(client, learner.user, MINE)
    text = pdf_text(response)
    assert "欧阳娜娜" in text and learner.identity_number_masked in text
    assert learner.identity_number not in text
    # The totals, each year, and the verdicts with their status.
    assert "45.50" in text and "2.84" in text
    assert "2026" in text and "2025" in text and "40.00" in text and "5.50" in text
    assert "主要负责人每年再培训" in text and "10.50" in text and "2026-12-31" in text
    assert "2026-06-01" in text
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "20260601" in disposition
    assert learner.identity_number not in disposition


def test_the_printed_link_verifies_the_persons_file(client, bank_world):
    text = pdf_text(download(client, bank_world["learner"].user, MINE))
    url = re.search(r"http://testserver/\S+/verify/\S+/", text.replace("\n", "")).group(0)
    client.logout()
    response = client.get(url)
    assert response.status_code == 200 and response.context["verified"].learner == bank_world["learner"]


def test_a_person_with_no_current_engagement_gets_the_hours_and_the_reason(client, bank_world, clock):
    learner = make_learner(name="李四", password="pw")
    text = pdf_text(download(client, learner.user, MINE))
    assert "李四" in text and "0.00" in text


def test_an_administrator_of_a_current_employer_downloads_it(client, bank_world):
    admin = make_user()
    enterprise_administrator_add(enterprise=bank_world["enterprise"], user=admin)
    text = pdf_text(download(client, admin, person_url(bank_world["learner"])))
    assert "欧阳娜娜" in text and "45.50" in text


def test_an_authority_who_sees_the_person_downloads_it(client, bank_world):
    text = pdf_text(download(client, make_authority("changchun"), person_url(bank_world["learner"])))
    assert "欧阳娜娜" in text


def test_anyone_else_gets_404(client, bank_world):
    learner = bank_world["learner"]
    former_admin, former = make_enterprise_admin(name="旧东家")
    engage(learner, former, started_on=D(2020, 1, 1), ended_on=D(2024, 12, 31))
    other_admin, _ = make_enterprise_admin(name="无关企业")
    stranger = make_learner(name="路人", password="pw")
    for user in (former_admin, other_admin, make_authority("baishan"), stranger.user, make_user()):
        assert download(client, user, person_url(learner)).status_code == 404
    assert download(client, make_user(), MINE).status_code == 404
    assert download(client, make_user(), person_url(make_learner())).status_code == 404


def test_the_worker_may_use_the_person_address_for_themselves(client, bank_world):
    learner = bank_world["learner"]
    assert "欧阳娜娜" in pdf_text(download(client, learner.user, person_url(learner)))


@pytest.mark.parametrize("url", [MINE, "/training/people/1/hours-certificate.pdf"])
def test_signed_out_visitors_are_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_other_enterprise_of_a_person_in_two_enterprises_may_download_it(client, bank_world):
    second_admin, second = make_enterprise_admin(name="第二家企业")
    engage(bank_world["learner"], second, started_on=D(2026, 1, 1))
    assert download(client, second_admin, person_url(bank_world["learner"])).status_code == 200
