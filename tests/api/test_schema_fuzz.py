"""Fuzz every API operation from its own OpenAPI schema: no 5xx, and responses match the schema.

Every later API inherits this gate simply by being in the schema.
"""

import datetime

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from academy.wsgi import application
from credits.errors import ErrorCode
from learners import services
from tests.courses.factories import add_quiz_lesson, add_reading_lesson, add_video_lesson, make_course
from tests.learners.factories import engage, make_enterprise, make_enterprise_admin, make_learner

CHECKS = [
    schemathesis.checks.not_a_server_error,
    response_schema_conformance,
    content_type_conformance,
    status_code_conformance,
]

# Reading the schema needs no database, so it is loaded once, at collection.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def api_data(academy):
    """Real rows for the fuzzer to find; requests run inside the test's transaction."""
    course = make_course(academy.sub_colleges["coal"], with_cover=True, audiences=("worker", "principal"))
    add_video_lesson(course)
    add_reading_lesson(course)
    add_quiz_lesson(course)
    # As Django's test client does: keep the test transaction's connection open across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_never_fails_and_matches_its_schema(case, api_data):
    case.call_and_validate(checks=CHECKS)


# The people API again, signed in as an enterprise administrator, so that the fuzzer reaches past the
# sign-in check into the lists, filters and writes.
people_schema = schema.include(path_regex=r"^/api/v1/(me|learners|enterprises|engagements|certificates)/")
CSRF_TOKEN = "fuzzcsrftokenfuzzcsrftokenfuzz32"  # 32 letters and digits: an unmasked CSRF secret


@pytest.fixture
def administrator_session(db, client):
    """Cookies and headers of a signed-in administrator of an enterprise with a few people.

    Writes need CSRF under session sign-in: the fixed token goes in the cookie and the header both.
    """
    admin, enterprise = make_enterprise_admin()
    other = make_enterprise()
    for serial in range(3):
        learner = make_learner(name=f"工人{serial}")
        engage(learner, enterprise, roles=("worker", "special_operator"))
        services.certificate_record(
            learner=learner,
            kind="special_operation",
            operation_item="低压电工作业",
            number=f"F{serial}",
            issuing_authority="吉林省应急管理厅",
            issued_on=datetime.date(2024, 5, 1),
        )
    engage(make_learner(name="别家工人"), other)
    client.force_login(admin)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {
        "cookies": {
            django_settings.SESSION_COOKIE_NAME: client.cookies[django_settings.SESSION_COOKIE_NAME].value,
            django_settings.CSRF_COOKIE_NAME: CSRF_TOKEN,
        },
        "headers": {"X-CSRFToken": CSRF_TOKEN},
    }
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@people_schema.parametrize()
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_people_api_signed_in_never_fails_and_matches_its_schema(case, administrator_session):
    response = case.call_and_validate(
        checks=CHECKS, cookies=administrator_session["cookies"], headers=administrator_session["headers"]
    )
    # The session and the CSRF token work: the fuzzer gets past sign-in to the views themselves. The one
    # refusal of a GET is for who the caller is: an administrator has no learner record for /me/credits/
    # or /me/compliance/ (403 `no_learner`, as on the study API).
    refused = response.status_code in (401, 403) and response.json().get("code") != ErrorCode.NO_LEARNER
    assert not refused or case.method.upper() != "GET"
    assert "CSRF" not in response.text
