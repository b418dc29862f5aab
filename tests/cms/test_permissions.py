"""Who may do what: course editors in the sub-colleges (courses, teaching materials, training packages),
publicity staff in the policy column, reviewers publish in both. Enforced by Wagtail page permissions on
subtrees and collection permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission, PageLogEntry, Site
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtailmedia.models import get_media_model

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
from courses.materials.models import MaterialEdition, MaterialFormat, MaterialPage
from courses.models import Position
from courses.packages.models import TrainingPackagePage
from learners.choices import Industry
from tests.cms.test_workflow import act, client_for
from tests.courses.factories import make_course, make_material, make_package
from tests.files import png_bytes
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


def coal_editor():
    """A member of a group that holds the course editors' page permissions on the coal sub-college only."""
    coal_editors = Group.objects.create(name="Coal course editors")
    coal_editors.permissions.add(Permission.objects.get(codename="access_admin"))
    coal = SubCollegePage.objects.get(industry=Industry.COAL)
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=coal_editors, page=coal, permission=Permission.objects.get(codename=codename)
        )
    user = make_user()
    user.groups.add(coal_editors)
    return user


def test_a_sub_college_editor_cannot_edit_in_another_sub_college(newsroom):
    user = coal_editor()
    assert make_course(newsroom.coal).permissions_for_user(user).can_edit()
    assert not make_course(newsroom.chemicals).permissions_for_user(user).can_edit()
    assert not newsroom.chemicals.permissions_for_user(user).can_add_subpage()


def test_documents_images_and_videos_are_kept_apart_by_collection(newsroom):
    course_materials = Collection.objects.get(name=COURSE_MATERIALS_COLLECTION)
    column_materials = Collection.objects.get(name=POLICY_COLUMN_COLLECTION)
    for model, actions in (
        (get_document_model(), ("add", "change", "choose")),
        (get_image_model(), ("add", "change", "choose")),
        # wagtailmedia has no "choose" permission: its chooser lists what the user may change.
        (get_media_model(), ("add", "change")),
    ):
        policy = policy_registry.get_by_type(model)
        for action in actions:
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


def add_material_url(sub_college) -> str:
    return reverse("wagtailadmin_pages:add", args=("courses", "materialpage", sub_college.pk))


def material_form(action: str, *, title: str = "危险化学品安全作业活页教材", slug: str = "safe-work") -> dict:
    """The admin's add form for a material as the browser posts it, with `action` as the button."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "按八类特殊作业分页编写。",
            "body": rich_text("<p>动火作业分为特级、一级和二级。</p>"),
            "level": "basic",
            "format": MaterialFormat.LOOSE_LEAF,
            "edition": "2026年第1版",
            "edition_date": "2026-03-01",
            "edition_changes": "",
            "comments": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def test_a_course_editor_creates_a_material_and_submits_it_for_review_but_cannot_publish_it(newsroom):
    editor = client_for(newsroom.editor)
    response = editor.post(add_material_url(newsroom.chemicals), material_form("action-submit"))
    assert response.status_code == 302, response.context["form"].errors
    material = MaterialPage.objects.get(slug="safe-work")
    assert material.get_parent().specific == newsroom.chemicals
    assert not material.live and material.workflow_in_progress
    assert material.current_workflow_state.requested_by == newsroom.editor
    assert not material.permissions_for_user(newsroom.editor).can_publish()

    # The publish button Wagtail never showed them: ignored, the material stays a draft.
    response = editor.post(
        add_material_url(newsroom.chemicals), material_form("action-publish", title="越权发布", slug="forced")
    )
    assert response.status_code == 302
    assert not MaterialPage.objects.get(slug="forced").live
    assert not PageLogEntry.objects.filter(action="wagtail.publish", user=newsroom.editor).exists()
    assert not MaterialEdition.objects.exists()


def test_a_publicity_user_cannot_add_or_edit_materials_or_training_packages(newsroom):
    material = make_material(
        newsroom.coal, title="煤矿瓦斯检查工岗位工作手册", format=MaterialFormat.WORKBOOK
    )
    package = make_package(
        newsroom.coal,
        title="瓦斯检查工职业培训包",
        position=Position.objects.create(name="瓦斯检查工", slug="gas-inspector"),
        courses=[make_course(newsroom.coal)],
    )
    assert not newsroom.coal.permissions_for_user(newsroom.publicity).can_add_subpage()
    for page in (material, package):
        tester = page.permissions_for_user(newsroom.publicity)
        assert not tester.can_edit() and not tester.can_publish()

    publicity = client_for(newsroom.publicity)
    for model in ("materialpage", "trainingpackagepage"):
        assert is_refused(
            publicity.get(reverse("wagtailadmin_pages:add", args=("courses", model, newsroom.coal.pk)))
        )
    assert is_refused(publicity.post(add_material_url(newsroom.coal), material_form("action-submit")))
    assert not MaterialPage.objects.filter(slug="safe-work").exists()
    for page in (material, package):
        assert is_refused(publicity.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))))
        assert is_refused(publicity.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,))))
    assert (
        MaterialPage.objects.get(pk=material.pk).live and TrainingPackagePage.objects.get(pk=package.pk).live
    )


def test_a_sub_college_editor_adds_materials_only_in_their_own_sub_college(newsroom):
    user = coal_editor()
    client = client_for(user)
    assert is_refused(client.get(add_material_url(newsroom.chemicals)))
    assert is_refused(client.post(add_material_url(newsroom.chemicals), material_form("action-submit")))
    assert not MaterialPage.objects.exists()
    other = make_material(newsroom.chemicals)
    assert not other.permissions_for_user(user).can_edit()
    assert is_refused(client.get(reverse("wagtailadmin_pages:edit", args=(other.pk,))))

    response = client.post(add_material_url(newsroom.coal), material_form("action-submit"))
    assert response.status_code == 302
    assert MaterialPage.objects.get(slug="safe-work").get_parent().specific == newsroom.coal


def served_page(path: str):
    """The live page Wagtail would serve at `path`, found without rendering it (Http404 if none)."""
    site = Site.objects.get(is_default_site=True)
    return site.root_page.specific.route(
        RequestFactory().get(path), [part for part in path.split("/") if part]
    )


def test_a_submitted_material_is_not_live_until_a_reviewer_approves_it_and_then_its_edition_is_kept(
    client, newsroom
):
    response = client_for(newsroom.editor).post(
        add_material_url(newsroom.coal), material_form("action-submit")
    )
    assert response.status_code == 302
    material = MaterialPage.objects.get(slug="safe-work")
    path = f"/{newsroom.coal.slug}/safe-work/"
    assert client.get(path).status_code == 404
    with pytest.raises(Http404):
        served_page(path)
    assert not MaterialEdition.objects.exists()

    act(client_for(newsroom.reviewer), material, material.current_workflow_state, "approve")
    material.refresh_from_db()
    assert material.live
    assert served_page(path).page.pk == material.pk
    edition = MaterialEdition.objects.get(material=material)
    assert edition.edition == "2026年第1版" and edition.revision == material.live_revision
    assert material.current_workflow_state is None
    assert PageLogEntry.objects.get(page=material, action="wagtail.publish").user == newsroom.reviewer


ADMIN_NAMESPACE = {"document": "wagtaildocs", "image": "wagtailimages"}


def upload(client, kind: str, collection: Collection):
    if kind == "document":
        file = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n")
    else:
        file = SimpleUploadedFile("cover.png", png_bytes())
    return client.post(
        reverse(f"{ADMIN_NAMESPACE[kind]}:add"),
        {"title": "上传的文件", "file": file, "collection": collection.pk, "tags": ""},
    )


@pytest.mark.parametrize("kind", ["document", "image"])
def test_an_upload_aimed_at_the_other_groups_collection_lands_in_the_uploaders_own(newsroom, kind):
    model = get_document_model() if kind == "document" else get_image_model()
    course_materials = Collection.objects.get(name=COURSE_MATERIALS_COLLECTION)
    column_materials = Collection.objects.get(name=POLICY_COLUMN_COLLECTION)
    uploaded = {}
    for user, other, own in (
        (newsroom.publicity, course_materials, column_materials),
        (newsroom.editor, column_materials, course_materials),
    ):
        client = client_for(user)
        # With one collection of their own, Wagtail offers no choice and ignores a posted one.
        assert "collection" not in client.get(reverse(f"{ADMIN_NAMESPACE[kind]}:add")).context["form"].fields
        assert upload(client, kind, other).status_code == 302
        uploaded[user] = model.objects.get(uploaded_by_user=user)
        assert uploaded[user].collection == own
        assert not model.objects.filter(collection=other, uploaded_by_user=user).exists()

    # Nor may either change what the other group keeps.
    for user, other_group_file in (
        (newsroom.publicity, uploaded[newsroom.editor]),
        (newsroom.editor, uploaded[newsroom.publicity]),
    ):
        edit_url = reverse(f"{ADMIN_NAMESPACE[kind]}:edit", args=(other_group_file.pk,))
        assert is_refused(client_for(user).get(edit_url))
