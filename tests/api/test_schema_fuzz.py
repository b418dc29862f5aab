"""Fuzz every API operation from its own OpenAPI schema: no 5xx, and responses match the schema.

Every later API inherits this gate simply by being in the schema.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from academy.wsgi import application
from tests.courses.factories import add_quiz_lesson, add_reading_lesson, add_video_lesson, make_course

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
