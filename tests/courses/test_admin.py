"""Editors create and edit courses in the Wagtail admin, with previews."""

import pytest
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.permissions import COURSE_EDITORS, editorial_access_ensure
from courses.models import CoursePage
from tests.courses.factories import make_course


@pytest.fixture
def editor(client, academy, django_user_model):
    """A course editor, with the group's permissions on the academy's sub-colleges."""
    editorial_access_ensure()
    user = django_user_model.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name=COURSE_EDITORS))
    client.force_login(user)
    return user


def course_form(**overrides) -> dict:
    data = {
        "title": "受限空间作业安全",
        "slug": "confined-space",
        "summary": "受限空间作业的通风、检测和监护。",
        "body": rich_text("<p>本课程依据 GB 30871 编写。</p>"),
        "class_hours": "1.5",
        "level": "basic",
        "comments": inline_formset([]),
        "material_links": inline_formset([]),
    }
    data.update(overrides)
    # A multiple choice is posted as a list, which nested_form_data would flatten.
    return nested_form_data(data) | {"audiences": ["worker", "team_leader"]}


@pytest.mark.django_db
def test_an_editor_creates_a_course_with_audiences_in_a_sub_college(client, academy, editor):
    coal = academy.sub_colleges["coal"]
    response = client.post(f"/admin/pages/add/courses/coursepage/{coal.pk}/", course_form())
    assert response.status_code == 302, response.context["form"].errors
    course = CoursePage.objects.get(slug="confined-space")
    assert course.get_parent().specific == coal
    assert sorted(course.get_latest_revision_as_object().audience_codes) == ["team_leader", "worker"]
    assert not course.live  # an editor submits; publishing is a moderator's right


@pytest.mark.django_db
def test_the_course_form_refuses_zero_class_hours(client, academy, editor):
    coal = academy.sub_colleges["coal"]
    response = client.post(f"/admin/pages/add/courses/coursepage/{coal.pk}/", course_form(class_hours="0"))
    assert response.status_code == 200
    assert "class_hours" in response.context["form"].errors
    assert not CoursePage.objects.filter(slug="confined-space").exists()


@pytest.mark.django_db
def test_editing_shows_the_current_audiences_ticked(client, academy, editor):
    course = make_course(academy.sub_colleges["coal"], audiences=("principal", "new_hire"))
    response = client.get(f"/admin/pages/{course.pk}/edit/")
    assert response.status_code == 200
    assert sorted(response.context["form"].initial["audiences"]) == ["new_hire", "principal"]


@pytest.mark.django_db
def test_an_editor_previews_an_unsaved_course(client, academy, editor):
    coal = academy.sub_colleges["coal"]
    preview_url = f"/admin/pages/add/courses/coursepage/{coal.pk}/preview/"
    response = client.post(preview_url, course_form(title="预览中的课程"))
    assert response.status_code == 200
    assert response.json()["is_valid"]
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert "预览中的课程" in preview.content.decode()
