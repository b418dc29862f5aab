"""An enterprise ends an engagement on the person's file; the engagement stays in the history."""

import datetime

import pytest
from django.urls import reverse

from learners.models import Engagement
from tests.learners.factories import engage, make_authority, make_enterprise_admin, make_learner


@pytest.fixture
def setup(db):
    admin, enterprise = make_enterprise_admin()
    worker = make_learner(name="何平")
    engagement = engage(worker, enterprise, started_on=datetime.date(2024, 1, 1))
    return admin, worker, engagement


def end_url(worker, engagement):
    return reverse("learners:engagement_end", args=[worker.pk, engagement.pk])


def test_the_administrator_ends_an_engagement_from_the_file(client, setup):
    admin, worker, engagement = setup
    client.force_login(admin)
    file_page = client.get(reverse("learners:file", args=[worker.pk])).content.decode()
    assert end_url(worker, engagement) in file_page
    response = client.post(end_url(worker, engagement), {"ended_on": "2025-06-30"})
    assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.ended_on == datetime.date(2025, 6, 30)
    assert Engagement.objects.filter(learner=worker).count() == 1


def test_an_end_before_the_start_is_refused_and_nothing_changes(client, setup):
    admin, worker, engagement = setup
    client.force_login(admin)
    response = client.post(end_url(worker, engagement), {"ended_on": "2023-12-31"})
    assert response.status_code == 400
    assert response.context["form"].has_error("ended_on", "end_before_start")
    engagement.refresh_from_db()
    assert engagement.ended_on is None


def test_an_authority_sees_the_file_but_cannot_end_the_engagement(client, setup):
    admin, worker, engagement = setup
    authority = make_authority("changchun")
    client.force_login(authority)
    assert (
        end_url(worker, engagement)
        not in client.get(reverse("learners:file", args=[worker.pk])).content.decode()
    )
    assert client.post(end_url(worker, engagement), {"ended_on": "2025-06-30"}).status_code == 403


def test_another_enterprise_gets_a_404(client, setup):
    admin, worker, engagement = setup
    other_admin, _ = make_enterprise_admin()
    client.force_login(other_admin)
    assert client.post(end_url(worker, engagement), {"ended_on": "2025-06-30"}).status_code == 404
