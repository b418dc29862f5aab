import datetime

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import RequestFactory
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Page

from cms.models import HomePage, SubCollegePage
from courses.materials.models import (
    CourseMaterial,
    MaterialEdition,
    MaterialFormat,
    MaterialLibraryPage,
    MaterialPage,
)
from courses.models import CoursePage, LessonKind, LessonPage, Level, VideoLessonPage
from courses.packages.models import TrainingPackagePage
from credits.compliance.selectors import enterprise_compliance, person_compliance
from credits.compliance.verdicts import Status
from credits.recognition.models import Recognition
from credits.study.models import LessonProgress, StudyRecord
from credits.study.summaries import study_summaries_rebuild
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
    assert_demo_materials()

    people, records = Learner.objects.count(), StudyRecord.objects.count()
    materials = material_counts()
    call_command("seed_demo")
    assert material_counts() == materials
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


def material_counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            MaterialPage,
            MaterialEdition,
            CourseMaterial,
            TrainingPackagePage,
            get_document_model(),
        )
    )


def assert_demo_materials():
    """The materials contract of the issue: materials in several sub-colleges at every level and in every
    format, one loose-leaf material with its history, the library, and packages of live courses."""
    live = MaterialPage.objects.live()
    with_materials = {
        sub_college.industry
        for sub_college in SubCollegePage.objects.all()
        if live.child_of(sub_college).exists()
    }
    assert {"chemicals", "coal", "metallurgy", "fireworks"} <= with_materials
    assert set(live.values_list("level", flat=True)) == set(Level.values)
    assert set(live.values_list("format", flat=True)) == set(MaterialFormat.values)
    with_file = live.filter(document__isnull=False)
    assert with_file.count() > live.count() / 2
    for material in with_file:
        with material.document.file.open("rb") as file:
            content = file.read()
        assert content.startswith(b"%PDF") and len(content) < 20_000, material.slug
    assert live.filter(document__isnull=True, video__isnull=True).exclude(body="").exists()
    assert live.filter(specialties__isnull=False).exists() and live.filter(positions__isnull=False).exists()

    loose_leaf = live.annotate(editions_count=Count("editions")).get(editions_count__gt=1)
    assert loose_leaf.format == MaterialFormat.LOOSE_LEAF
    editions = list(loose_leaf.editions.all())  # newest first
    assert [edition.edition for edition in editions] == ["2026年第2版", "2025年第1版"]
    assert loose_leaf.edition == "2026年第2版" and "GB 30871" in editions[0].changes
    assert editions[0].document_id == loose_leaf.document_id != editions[1].document_id
    assert editions[1].document is not None
    assert MaterialEdition.objects.filter(material__live=True).count() == live.count() + 1

    library = MaterialLibraryPage.objects.get()
    assert library.live and library.title == "教材库" and library.slug == "materials"
    assert isinstance(library.get_parent().specific, HomePage)

    linked = CoursePage.objects.live().filter(material_links__isnull=False).distinct()
    assert linked.count() >= 4
    # The links are in the course's latest revision too, so the next publish in the admin keeps them.
    course = linked.first()
    assert course.get_latest_revision_as_object().material_links.count() == course.material_links.count()

    packages = TrainingPackagePage.objects.live()
    assert packages.count() >= 2
    for package in packages:
        courses = [link.course for link in package.course_links.all()]
        assert 2 <= len(courses) <= 3 and all(course.live for course in courses), package.slug
        assert 1 <= package.material_links.count() <= 2
        assert package.get_parent().specific.industry in with_materials
