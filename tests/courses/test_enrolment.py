"""Enrolments: one active per learner and course, idempotent, and only self-selected ones dropped."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from courses.enrolments.models import Enrolment, EnrolmentSource
from courses.enrolments.selectors import enrolment_list
from courses.enrolments.services import enrolment_create, enrolment_drop
from courses.errors import EnrolmentError
from tests.courses.factories import make_course
from tests.learners.factories import make_learner


@pytest.fixture
def course(academy):
    return make_course(academy.sub_colleges["coal"])


def test_enrolling_twice_returns_the_same_active_enrolment(course):
    learner = make_learner()
    first = enrolment_create(learner=learner, course=course)
    assert enrolment_create(learner=learner, course=course) == first
    assert first.source == EnrolmentSource.SELF_SELECTED
    assert list(enrolment_list(learner=learner)) == [first]


def test_a_dropped_course_leaves_the_list_and_can_be_taken_again(course):
    learner = make_learner()
    first = enrolment_drop(enrolment=enrolment_create(learner=learner, course=course))
    assert first.dropped_at is not None
    assert list(enrolment_list(learner=learner)) == []
    again = enrolment_create(learner=learner, course=course)
    assert again.pk != first.pk
    with pytest.raises(ValidationError) as refused:
        enrolment_drop(enrolment=first)
    assert refused.value.code == EnrolmentError.ALREADY_DROPPED


def test_an_assigned_course_cannot_be_dropped_by_the_learner(course):
    enrolment = Enrolment.objects.create(
        learner=make_learner(), course=course, source=EnrolmentSource.ASSIGNED
    )
    with pytest.raises(ValidationError) as refused:
        enrolment_drop(enrolment=enrolment)
    assert refused.value.code == EnrolmentError.ASSIGNED_ENROLMENT


def test_the_database_allows_one_active_enrolment_per_course(course):
    learner = make_learner()
    enrolment_create(learner=learner, course=course)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(learner=learner, course=course, source=EnrolmentSource.SELF_SELECTED)
