"""The review workflow: authors submit, reviewers approve (which publishes) or reject with a comment;
only approved content goes live, and every publish and unpublish is in the audit log with who did it."""

import datetime
import io

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import PolicyKind, PolicyPostPage
from cms.permissions import REVIEW_WORKFLOW
from tests.courses.factories import make_course

pytestmark = pytest.mark.django_db


def draft_post(newsroom, *, title="补贴结果通报", **fields) -> PolicyPostPage:
    post = PolicyPostPage(
        title=title,
        kind=PolicyKind.SUBSIDY_RESULT,
        summary="摘要",
        live=False,
        owner=newsroom.publicity,
        **fields,
    )
    newsroom.column.add_child(instance=post)
    post.save_revision(user=newsroom.publicity)
    return post


def submit(page, user) -> WorkflowState:
    workflow = page.get_workflow()
    assert workflow.name == REVIEW_WORKFLOW
    return workflow.start(page, user)


def act(client, page, state: WorkflowState, action: str, comment: str = ""):
    """A reviewer's approve or reject, through the admin's workflow action view."""
    state.refresh_from_db()
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.current_task_state_id))
    response = client.post(url, {"comment": comment})
    # Done, it returns to the page's editor; refused, it would go to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(page.pk,))


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def column_titles(client) -> list[str]:
    soup = BeautifulSoup(client.get("/column/").content, "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".post-list__title")]


def test_submit_reject_resubmit_approve_then_live(client, newsroom):
    post = draft_post(newsroom)
    state = submit(post, newsroom.publicity)
    assert not PolicyPostPage.objects.get(pk=post.pk).live
    assert column_titles(client) == []

    reviewer = client_for(newsroom.reviewer)
    act(reviewer, post, state, "reject", comment="请补充补贴名单附件")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    rejected = TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED).get()
    assert rejected.comment == "请补充补贴名单附件" and rejected.finished_by == newsroom.reviewer
    assert not PolicyPostPage.objects.get(pk=post.pk).live

    post.summary = "摘要（附名单）"
    post.save_revision(user=newsroom.publicity)
    state.resume(user=newsroom.publicity)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not PolicyPostPage.objects.get(pk=post.pk).live

    act(reviewer, post, state, "approve")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    live = PolicyPostPage.objects.get(pk=post.pk)
    assert live.live and live.summary == "摘要（附名单）"
    assert column_titles(client) == ["补贴结果通报"]


def test_an_author_cannot_approve_their_own_submission(newsroom):
    post = draft_post(newsroom)
    state = submit(post, newsroom.publicity)
    task = state.current_task_state.task.specific
    assert task.get_actions(post, newsroom.publicity) == []
    assert task.get_actions(post, newsroom.editor) == []
    assert {name for name, *_ in task.get_actions(post, newsroom.reviewer)} >= {"approve", "reject"}
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(post.pk, "approve", state.current_task_state_id)
    )
    response = client_for(newsroom.publicity).post(url, {"comment": ""})
    assert response.status_code == 403 or response["Location"] == reverse("wagtailadmin_home")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not PolicyPostPage.objects.get(pk=post.pk).live


def test_an_edited_course_stays_as_it_was_until_approved(client, newsroom):
    course = make_course(newsroom.coal, title="煤矿安全规程")
    course.title = "煤矿安全规程（修订）"
    course.save_revision(user=newsroom.editor)
    state = submit(course, newsroom.editor)
    assert client.get(course.url).content.decode().count("煤矿安全规程（修订）") == 0
    act(client_for(newsroom.reviewer), course, state, "approve")
    assert "煤矿安全规程（修订）" in client.get(course.url).content.decode()


def test_publish_by_approval_and_unpublish_are_in_the_audit_log_with_who(newsroom):
    post = draft_post(newsroom)
    reviewer = client_for(newsroom.reviewer)
    act(reviewer, post, submit(post, newsroom.publicity), "approve")
    response = reviewer.post(reverse("wagtailadmin_pages:unpublish", args=(post.pk,)))
    assert response.status_code == 302
    assert not PolicyPostPage.objects.get(pk=post.pk).live

    log = PageLogEntry.objects.filter(page=post)
    published = log.get(action="wagtail.publish")
    unpublished = log.get(action="wagtail.unpublish")
    assert published.user == newsroom.reviewer and unpublished.user == newsroom.reviewer
    assert published.timestamp <= unpublished.timestamp
    assert log.filter(action="wagtail.workflow.approve", user=newsroom.reviewer).exists()


def test_an_approved_post_scheduled_for_later_goes_live_at_its_time(client, newsroom):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        post = draft_post(newsroom, title="定时通报", go_live_at=now + datetime.timedelta(hours=2))
        act(client_for(newsroom.reviewer), post, submit(post, newsroom.publicity), "approve")
        assert not PolicyPostPage.objects.get(pk=post.pk).live
        call_command("publish_scheduled", stdout=io.StringIO())
        assert column_titles(client) == []

    with time_machine.travel(now + datetime.timedelta(hours=3), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
        assert PolicyPostPage.objects.get(pk=post.pk).live
        assert column_titles(client) == ["定时通报"]


def test_the_dashboard_shows_reviewers_what_awaits_them_and_authors_what_came_back(newsroom):
    post = draft_post(newsroom, title="待审通知")
    state = submit(post, newsroom.publicity)
    course = make_course(newsroom.coal, title="待审课程", publish=False)
    course.save_revision(user=newsroom.editor)
    submit(course, newsroom.editor)

    def panel(user, panel_id) -> str:
        soup = BeautifulSoup(client_for(user).get(reverse("wagtailadmin_home")).content, "html.parser")
        found = soup.select_one(f"[id^={panel_id}]")
        return found.get_text(" ", strip=True) if found else ""

    awaiting = panel(newsroom.reviewer, "awaiting-review")
    assert "待审通知" in awaiting and "待审课程" in awaiting
    assert "待审通知" in panel(newsroom.publicity, "objects-in-workflow")
    assert "待审课程" not in panel(newsroom.publicity, "objects-in-workflow")
    assert "待审课程" in panel(newsroom.editor, "objects-in-workflow")
    assert panel(newsroom.editor, "awaiting-review") == ""

    act(client_for(newsroom.reviewer), post, state, "reject", comment="标题有误")
    assert "待审通知" in panel(newsroom.publicity, "objects-in-workflow")
    assert "待审通知" not in panel(newsroom.reviewer, "awaiting-review")


def add_form_post(client, newsroom, action: str, *, title: str, slug: str):
    """The admin's add form for a column post, as the browser posts it, with `action` as the button."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "kind": PolicyKind.SUBSIDY_RESULT,
            "publish_date": timezone.localdate().isoformat(),
            "summary": "公布补贴发放结果。",
            "body": streamfield([("paragraph", rich_text("<p>经审核，以下企业符合补贴条件。</p>"))]),
            "tags": "",
            "related_links": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    data[action] = "1"
    url = reverse("wagtailadmin_pages:add", args=("cms", "policypostpage", newsroom.column.pk))
    return client.post(url, data)


def test_the_add_form_submits_a_publicity_post_for_review_and_cannot_publish_it(client, newsroom):
    publicity = client_for(newsroom.publicity)
    response = add_form_post(publicity, newsroom, "action-submit", title="表单提交的通报", slug="submitted")
    assert response.status_code == 302, response.content.decode()[:2000]
    post = PolicyPostPage.objects.get(title="表单提交的通报")
    assert not post.live
    assert post.workflow_in_progress
    assert post.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert post.current_workflow_state.requested_by == newsroom.publicity
    assert column_titles(client) == []

    # A hand-made POST with the publish button Wagtail never showed them: Wagtail ignores the
    # button and keeps the post as a draft, neither live nor in review.
    response = add_form_post(publicity, newsroom, "action-publish", title="越权发布的通报", slug="forced")
    assert response.status_code == 302
    refused = PolicyPostPage.objects.get(title="越权发布的通报")
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=(refused.pk,))
    assert not refused.live and refused.has_unpublished_changes
    assert not refused.workflow_in_progress
    assert not PageLogEntry.objects.filter(action="wagtail.publish", user=newsroom.publicity).exists()
    assert column_titles(client) == []
