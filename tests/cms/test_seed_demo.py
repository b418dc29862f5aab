import datetime

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Page

from cms.models import SubCollegePage
from courses.models import CoursePage, LessonKind, LessonPage, VideoLessonPage
from credits.compliance import enterprise_compliance, person_compliance
from credits.models import LessonProgress, Recognition, StudyRecord
from credits.summaries import study_summaries_rebuild
from credits.verdicts import Status
from learners.choices import Role
from learners.models import Certificate, EmploymentType, EngagementRole, Enterprise, Learner


@pytest.mark.django_db
def test_seed_demo_builds_the_whole_academy_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Page.objects.count(), CoursePage.objects.count(), LessonPage.objects.count())

    assert SubCollegePage.objects.live().count() == 8
    assert CoursePage.objects.live().count() >= 30
    kinds = {lesson.lesson_kind for lesson in LessonPage.objects.all()}
    assert kinds == set(LessonKind.values)
    for sub_college in SubCollegePage.objects.all():
        assert VideoLessonPage.objects.descendant_of(sub_college).live().exists(), sub_college.slug
    audiences = set(CoursePage.objects.values_list("audience_links__role", flat=True))
    assert audiences == set(Role.values)
    for username in ("admin", "editor", "publicity", "reviewer", "worker", "enterprise", "authority"):
        assert authenticate(RequestFactory().post("/"), username=username, password="academy-demo"), username
    groups = {
        user.username: sorted(user.groups.values_list("name", flat=True))
        for user in get_user_model().objects.filter(username__in=("editor", "publicity", "reviewer"))
    }
    assert groups == {
        "editor": ["Course editors"],
        "publicity": ["Publicity staff"],
        "reviewer": ["Reviewers"],
    }
    assert_demo_people()
    # The worker has studied: some time credited, one lesson complete, summaries agreeing with the record.
    studied = StudyRecord.objects.filter(learner__user__username="worker")
    assert studied.exists()
    assert LessonProgress.objects.filter(
        learner__user__username="worker", completed_at__isnull=False
    ).exists()
    assert study_summaries_rebuild(write=False) == []
    assert_demo_compliance(client)

    people, records = Learner.objects.count(), StudyRecord.objects.count()
    call_command("seed_demo")
    assert (Page.objects.count(), CoursePage.objects.count(), LessonPage.objects.count()) == counts
    assert Learner.objects.count() == people
    assert StudyRecord.objects.count() == records

    assert client.get("/").status_code == 200
    assert client.get("/courses/").status_code == 200


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not SubCollegePage.objects.exists()


def assert_demo_people():
    """The people contract of the issue: who the demo accounts are and what they can see."""
    enterprise = Enterprise.objects.get(administrators__username="enterprise")
    assert enterprise.engagements.current().count() >= 50
    assert Enterprise.objects.values("prefecture").distinct().count() >= 3
    from django.contrib.auth import get_user_model

    authority = get_user_model().objects.get(username="authority").authority
    assert authority.prefecture == enterprise.prefecture
    worker = Learner.objects.get(user__username="worker")
    assert worker.engagements.current().filter(enterprise=enterprise).exists()
    assert worker.engagements.count() >= 2 and worker.certificates.exists()
    assert set(EngagementRole.objects.values_list("role", flat=True)) == set(Role.values)
    assert set(enterprise.engagements.values_list("employment_type", flat=True)) == set(EmploymentType.values)
    assert Learner.objects.count() >= 200
    soon = datetime.date.today() + datetime.timedelta(days=60)
    assert Certificate.objects.filter(valid_until__gte=datetime.date.today(), valid_until__lte=soon).exists()


def assert_demo_compliance(client):
    """The demo enterprise's people meet, fall short of and are overdue on each kind of requirement, a
    recognition awaits review, and the authority account keeps the standard in the admin."""
    enterprise = Enterprise.objects.get(administrators__username="enterprise")
    people = enterprise_compliance(enterprise=enterprise)
    found = {(verdict.kind, verdict.status) for person in people for verdict in person.verdicts}
    for kind in ("initial_hours", "annual_hours"):
        for status in (Status.MET, Status.IN_PROGRESS, Status.OVERDUE):
            assert (kind, status) in found, (kind, status)
    for kind in ("certificate", "education", "assessment"):
        assert {(kind, Status.MET), (kind, Status.BLOCKED)} <= found, kind
    worker = person_compliance(learner=Learner.objects.get(user__username="worker"))
    assert worker.facts.hours.this_year > 0
    assert Recognition.objects.filter(decision__isnull=True).exists()
    client.force_login(get_user_model().objects.get(username="authority"))
    assert client.get(reverse("conversionstandard:index")).status_code == 200
    client.logout()
