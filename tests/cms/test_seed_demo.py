import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from wagtail.models import Page

from cms.models import SubCollegePage
from courses.models import CoursePage, LessonKind, LessonPage, VideoLessonPage
from learners.choices import Role


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
    for username in ("admin", "editor"):
        assert authenticate(username=username, password="academy-demo") is not None

    call_command("seed_demo")
    assert (Page.objects.count(), CoursePage.objects.count(), LessonPage.objects.count()) == counts

    assert client.get("/").status_code == 200
    assert client.get("/courses/").status_code == 200


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not SubCollegePage.objects.exists()
