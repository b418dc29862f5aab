"""Who may do what: course editors in the sub-colleges, publicity staff in the policy column, reviewers
publish in both. Enforced by Wagtail page permissions on subtrees and collection permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import rich_text

from cms.models import PolicyKind, PolicyPostPage, SubCollegePage
from cms.permissions import (
    COURSE_EDITORS,
    COURSE_MATERIALS_COLLECTION,
    POLICY_COLUMN_COLLECTION,
    PUBLICITY_STAFF,
    REVIEWERS,
    SITE_ADMINISTRATORS,
    editorial_access_ensure,
)
from learners.choices import Industry
from tests.courses.factories import make_course
from tests.learners.factories import make_user

pytestmark = pytest.mark.django_db


def add_post(column, *, title="政策解读", live=True) -> PolicyPostPage:
    post = PolicyPostPage(title=title, kind=PolicyKind.INTERPRETATION, summary="摘要", live=live)
    column.add_child(instance=post)
    if live:
        post.save_revision().publish()
    return post


def is_refused(response) -> bool:
    """Wagtail's admin refuses a page action by redirecting to the dashboard (or a 403)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def test_an_editor_cannot_create_edit_or_publish_in_the_column(client, newsroom):
    post = add_post(newsroom.column)
    on_column = newsroom.column.permissions_for_user(newsroom.editor)
    on_post = post.permissions_for_user(newsroom.editor)
    assert not on_column.can_add_subpage()
    assert not on_post.can_edit() and not on_post.can_publish() and not on_post.can_unpublish()

    client.force_login(newsroom.editor)
    add_url = reverse("wagtailadmin_pages:add", args=("cms", "policypostpage", newsroom.column.pk))
    assert is_refused(client.get(add_url))
    assert is_refused(client.get(reverse("wagtailadmin_pages:edit", args=(post.pk,))))
    assert is_refused(client.post(reverse("wagtailadmin_pages:unpublish", args=(post.pk,))))
    assert PolicyPostPage.objects.get(pk=post.pk).live


def test_an_editor_adds_and_edits_courses_in_every_sub_college_but_cannot_publish(client, newsroom):
    for sub_college in SubCollegePage.objects.all():
        course = make_course(sub_college)
        assert sub_college.permissions_for_user(newsroom.editor).can_add_subpage()
        on_course = course.permissions_for_user(newsroom.editor)
        assert on_course.can_edit() and not on_course.can_publish()

    client.force_login(newsroom.editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(course.pk,))).status_code == 200
    add_url = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", newsroom.coal.pk))
    assert client.get(add_url).status_code == 200


def test_a_publicity_user_cannot_create_or_edit_courses_and_cannot_publish_posts(client, newsroom):
    course = make_course(newsroom.coal)
    on_course = course.permissions_for_user(newsroom.publicity)
    assert not on_course.can_edit() and not on_course.can_publish()
    assert not newsroom.coal.permissions_for_user(newsroom.publicity).can_add_subpage()
    post = add_post(newsroom.column)
    on_post = post.permissions_for_user(newsroom.publicity)
    assert on_post.can_edit() and not on_post.can_publish()

    client.force_login(newsroom.publicity)
    add_url = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", newsroom.coal.pk))
    assert is_refused(client.get(add_url))
    assert is_refused(client.get(reverse("wagtailadmin_pages:edit", args=(course.pk,))))
    assert client.get(reverse("wagtailadmin_pages:edit", args=(post.pk,))).status_code == 200


def test_a_reviewer_publishes_in_both_subtrees(newsroom):
    course = make_course(newsroom.coal)
    post = add_post(newsroom.column)
    for page in (course, post):
        assert page.permissions_for_user(newsroom.reviewer).can_publish()


def test_a_sub_college_editor_cannot_edit_in_another_sub_college(newsroom):
    coal_editors = Group.objects.create(name="Coal course editors")
    coal_editors.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=coal_editors, page=newsroom.coal, permission=Permission.objects.get(codename=codename)
        )
    user = make_user()
    user.groups.add(coal_editors)

    assert make_course(newsroom.coal).permissions_for_user(user).can_edit()
    assert not make_course(newsroom.chemicals).permissions_for_user(user).can_edit()
    assert not newsroom.chemicals.permissions_for_user(user).can_add_subpage()


def test_documents_and_images_are_kept_apart_by_collection(newsroom):
    course_materials = Collection.objects.get(name=COURSE_MATERIALS_COLLECTION)
    column_materials = Collection.objects.get(name=POLICY_COLUMN_COLLECTION)
    for model in (get_document_model(), get_image_model()):
        policy = policy_registry.get_by_type(model)
        for action in ("add", "change", "choose"):
            assert list(policy.collections_user_has_permission_for(newsroom.editor, action)) == [
                course_materials
            ]
            assert list(policy.collections_user_has_permission_for(newsroom.publicity, action)) == [
                column_materials
            ]


def test_site_administrators_may_do_everything_in_the_page_tree(newsroom):
    admin = make_user()
    admin.groups.add(Group.objects.get(name=SITE_ADMINISTRATORS))
    post = add_post(newsroom.column)
    course = make_course(newsroom.coal)
    for page in (post, course, newsroom.column, newsroom.coal):
        tester = page.permissions_for_user(admin)
        assert tester.can_edit() and tester.can_publish() and tester.can_delete()
    assert admin.has_perm("wagtailcore.change_workflow") and admin.has_perm("auth.change_user")


def test_a_sub_college_added_in_the_admin_is_open_to_course_editors_and_under_review(client, newsroom):
    # The eighth industry's sub-college is added afresh, as on a site that had seven.
    SubCollegePage.objects.get(industry=Industry.AMMONIA_REFRIGERATION).delete()
    admin = make_user(is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = reverse("wagtailadmin_pages:add", args=("cms", "subcollegepage", newsroom.coal.get_parent().pk))
    code = Industry.AMMONIA_REFRIGERATION.value
    response = client.post(
        url, {"title": "涉氨制冷分院", "slug": code, "industry": code, "intro": rich_text("<p>简介</p>")}
    )
    assert response.status_code == 302
    new = SubCollegePage.objects.get(industry=code)
    assert new.permissions_for_user(newsroom.editor).can_add_subpage()
    assert new.get_workflow().name == newsroom.coal.get_workflow().name


def test_ensuring_the_editorial_access_twice_changes_nothing(newsroom):
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Collection.objects.count(),
        Group.objects.get(name=REVIEWERS).permissions.count(),
    )
    editorial_access_ensure()
    assert counts == (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Collection.objects.count(),
        Group.objects.get(name=REVIEWERS).permissions.count(),
    )
    for name in (COURSE_EDITORS, PUBLICITY_STAFF, REVIEWERS, SITE_ADMINISTRATORS):
        assert Group.objects.get(name=name).permissions.filter(codename="access_admin").exists()
