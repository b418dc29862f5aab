"""Imported people get an account when their enterprise issues a first password, shown once."""

import datetime

import pytest
from django.urls import reverse

from tests.learners.factories import engage, make_enterprise_admin, make_learner


@pytest.fixture
def setup(db):
    admin, enterprise = make_enterprise_admin()
    former_admin, former = make_enterprise_admin()
    other_admin, _ = make_enterprise_admin()
    worker = make_learner(name="孙八", phone="13700000001")
    engage(worker, enterprise, started_on=datetime.date(2024, 1, 1))
    engage(worker, former, started_on=datetime.date(2020, 1, 1), ended_on=datetime.date(2023, 12, 31))
    return {"admin": admin, "former_admin": former_admin, "other_admin": other_admin, "worker": worker}


def test_the_current_enterprise_issues_a_password_the_worker_then_signs_in_with(client, setup):
    worker = setup["worker"]
    client.force_login(setup["admin"])
    response = client.post(reverse("learners:issue_password", args=[worker.pk]))
    password = response.context["password"]
    assert len(password) == 10 and password in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    client.logout()
    client.post(reverse("login"), {"username": "13700000001", "password": password})
    worker.refresh_from_db()
    assert client.session["_auth_user_id"] == str(worker.user_id)


def test_a_former_employer_cannot_issue_a_password(client, setup):
    client.force_login(setup["former_admin"])
    response = client.post(reverse("learners:issue_password", args=[setup["worker"].pk]))
    assert response.status_code == 403
    setup["worker"].refresh_from_db()
    assert setup["worker"].user is None


def test_another_enterprise_does_not_learn_the_person_exists(client, setup):
    client.force_login(setup["other_admin"])
    assert client.post(reverse("learners:issue_password", args=[setup["worker"].pk])).status_code == 404
