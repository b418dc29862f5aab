"""Workers sign in with a mobile number or identity number; failed attempts lock the account, not the plant."""

import base64

import pytest
from django.urls import reverse

from learners.fake import fake_identity_number
from tests.learners.factories import make_learner, make_user

PASSWORD = "correct horse 9"


@pytest.fixture
def worker(db):
    return make_learner(
        name="王五", phone="13900000001", identity_number=fake_identity_number(1), password=PASSWORD
    )


def sign_in(client, username, password=PASSWORD, address="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.mark.parametrize(
    "credential",
    ["13900000001", "139 0000 0001", fake_identity_number(1), fake_identity_number(1).lower()],
)
def test_a_worker_signs_in_with_phone_or_identity_number(client, worker, credential):
    response = sign_in(client, credential)
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(worker.user_id)


def test_a_wrong_password_is_refused_with_the_form_shown_again(client, worker):
    response = sign_in(client, "13900000001", password="wrong")
    assert response.status_code == 200
    assert signed_in_user_id(client) is None


def test_staff_still_sign_in_with_their_username(client, db):
    user = make_user("editor2")
    user.set_password(PASSWORD)
    user.save()
    sign_in(client, "editor2")
    assert signed_in_user_id(client) == str(user.pk)


def test_a_person_without_an_account_cannot_sign_in(client, db):
    make_learner(name="赵六", phone="13900000002")
    response = sign_in(client, "13900000002", password="")
    assert response.status_code == 200
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("limit", [3])
def test_repeated_failures_lock_the_account_however_its_name_is_typed(client, worker, settings, limit):
    settings.AXES_FAILURE_LIMIT = limit
    # Alternate between the phone and the identity number: both count against one account.
    for attempt in range(limit):
        credential = "13900000001" if attempt % 2 else fake_identity_number(1)
        sign_in(client, credential, password="wrong")
    response = sign_in(client, "13900000001")
    assert response.status_code == 429
    assert b"locked-out" in response.content
    assert signed_in_user_id(client) is None


def test_a_locked_account_does_not_lock_its_colleagues_at_the_same_address(client, worker, settings):
    settings.AXES_FAILURE_LIMIT = 3
    colleague = make_learner(name="钱七", phone="13900000003", password=PASSWORD)
    for _ in range(3):
        sign_in(client, "13900000001", password="wrong")
    response = sign_in(client, "13900000003")
    assert response.status_code == 302
    assert signed_in_user_id(client) == str(colleague.user_id)


def test_the_lock_is_per_address_too_so_an_attacker_elsewhere_cannot_lock_the_worker_out(
    client, worker, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        sign_in(client, "13900000001", password="wrong", address="203.0.113.9")
    response = sign_in(client, "13900000001", address="10.0.0.1")
    assert response.status_code == 302


def test_a_name_with_a_nul_byte_is_refused_not_a_server_error(client, worker):
    # PostgreSQL cannot store or compare text holding NUL; the sign-in form and API basic auth alike.
    response = client.post(reverse("login"), {"username": "13800000000\x00", "password": "x"})
    assert response.status_code == 200
    credentials = base64.b64encode(b"worker\x00:x").decode()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Basic {credentials}").status_code in (401, 403)
