import datetime
import io
import xml.etree.ElementTree as ET

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents.models import Document

from cms.demo.column import seed_column
from cms.models import PolicyColumnPage, PolicyKind, PolicyPostPage, PolicyPostRelatedLink
from tests.queries import count_queries

TODAY = datetime.date.today()


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def column(academy) -> PolicyColumnPage:
    page = academy.home.add_child(instance=PolicyColumnPage(title="安全技能提升行动", slug="column"))
    page.save_revision().publish()
    return page


def add_post(column, *, title, kind=PolicyKind.NEWS, days_ago=0, tags=(), body=None, publish=True, **fields):
    post = PolicyPostPage(
        title=title,
        kind=kind,
        publish_date=TODAY - datetime.timedelta(days=days_ago),
        summary=f"{title}摘要",
        body=body or [("paragraph", f"<p>{title}正文</p>")],
        live=publish,
        **fields,
    )
    post.tags.add(*tags)
    column.add_child(instance=post)
    revision = post.save_revision()
    if publish:
        revision.publish()
    return post


def listed_titles(client, url) -> list[str]:
    return [a.get_text(strip=True) for a in soup(client.get(url)).select(".post-list__title")]


@pytest.mark.django_db
def test_the_column_lists_live_posts_newest_publish_date_first(client, column):
    add_post(column, title="旧通知", kind=PolicyKind.NOTICE, days_ago=10)
    add_post(column, title="新动态", days_ago=1)
    add_post(column, title="草稿", publish=False)
    assert listed_titles(client, "/column/") == ["新动态", "旧通知"]


@pytest.mark.django_db
def test_the_column_filters_by_kind_and_by_tag(client, column):
    add_post(column, title="实施方案", kind=PolicyKind.POLICY_DOCUMENT, tags=["培训补贴"])
    add_post(column, title="补贴通报", kind=PolicyKind.SUBSIDY_RESULT, tags=["培训补贴"])
    add_post(column, title="推进会", kind=PolicyKind.NEWS, tags=["工作动态"])
    assert listed_titles(client, "/column/?kind=subsidy_result") == ["补贴通报"]
    assert sorted(listed_titles(client, "/column/?tag=培训补贴")) == ["实施方案", "补贴通报"]
    assert listed_titles(client, "/column/?kind=news&tag=培训补贴") == []


@pytest.mark.django_db
def test_an_unknown_kind_lists_nothing_and_says_why(client, column):
    add_post(column, title="推进会")
    page = soup(client.get("/column/?kind=rumour"))
    assert page.select(".post-list__title") == []
    assert "rumour" in page.select_one("[role=alert]").get_text()


@pytest.mark.django_db
def test_the_column_paginates_and_does_constant_queries(client, column, settings):
    settings.ACADEMY_PAGE_CACHE_SECONDS = 0
    add_post(column, title="第一篇")
    client.get("/column/")
    few = count_queries(client, "/column/")
    for number in range(25):
        add_post(column, title=f"动态{number}", days_ago=number + 1, tags=["工作动态"])
    client.get("/column/")  # publishing emptied the cached vocabulary
    assert count_queries(client, "/column/") == few
    assert count_queries(client, "/column/?page=2&kind=news") == few
    assert len(soup(client.get("/column/?page=3")).select(".post-list__title")) == 6


@pytest.mark.django_db
def test_a_post_shows_its_kind_date_tags_attachment_related_posts_and_a_print_button(client, column):
    document = Document.objects.create(title="实施方案全文", file=ContentFile(b"%PDF-1.4", name="plan.pdf"))
    plan = add_post(column, title="实施方案", kind=PolicyKind.POLICY_DOCUMENT)
    post = add_post(
        column,
        title="补贴结果通报",
        kind=PolicyKind.SUBSIDY_RESULT,
        days_ago=3,
        tags=["培训补贴"],
        attachment=document,
        body=[
            ("paragraph", "<p>现将结果通报如下：</p>"),
            (
                "table",
                {
                    "data": [["企业", "金额（元）"], ["长春示范化工有限公司", "96000"]],
                    "first_row_is_table_header": True,
                },
            ),
        ],
    )
    post.related_links.add(PolicyPostRelatedLink(post=plan))
    post.save_revision().publish()

    page = soup(client.get(post.url))
    meta = page.select_one(".post-meta").get_text()
    assert "Subsidy result announcement" in meta or "补贴结果通报" in meta
    assert (TODAY - datetime.timedelta(days=3)).isoformat() in meta
    assert [a.get_text() for a in page.select(".post-tags a")] == ["培训补贴"]
    assert "长春示范化工有限公司" in page.select_one(".post-body table").get_text()
    assert page.select_one(".post-attachment a")["href"] == document.url
    assert [a.get_text() for a in page.select(".related-posts a")] == ["实施方案"]
    assert page.select_one("button[onclick='window.print()']") is not None
    assert "print-view" in soup(client.get(post.url + "?print=1")).body["class"]


@pytest.mark.django_db
def test_script_in_a_post_body_never_reaches_the_page(client, column):
    post = add_post(
        column,
        title="清洗",
        body=[("paragraph", '<p>正文<script>alert("x")</script><a href="javascript:alert(1)">链接</a></p>')],
    )
    html = client.get(post.url).content.decode()
    assert "正文" in html
    assert "<script>alert" not in html
    assert "javascript:alert" not in html


@pytest.mark.django_db
def test_the_feed_is_xml_with_the_latest_live_posts(client, column):
    for number in range(22):
        add_post(column, title=f"动态{number:02d}", days_ago=number)
    add_post(column, title="未发布草稿", publish=False)

    response = client.get("/column/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [f"动态{number:02d}" for number in range(20)]
    latest = PolicyPostPage.objects.get(title="动态00")
    assert items[0].findtext("link").endswith(latest.url)
    assert "未发布草稿" not in response.content.decode()


@pytest.mark.django_db
def test_the_home_and_column_pages_advertise_the_feed(client, column):
    for url in ("/", "/column/"):
        link = soup(client.get(url)).select_one('head link[rel="alternate"][type="application/rss+xml"]')
        assert link["href"] == "/column/feed/", url
        assert link["title"] == column.title


@pytest.mark.django_db
def test_the_home_page_shows_the_five_latest_posts_with_kind_and_date_in_constant_queries(
    client, column, settings
):
    settings.ACADEMY_PAGE_CACHE_SECONDS = 0
    add_post(column, title="第一篇", days_ago=30)
    client.get("/")
    few = count_queries(client, "/")
    for number in range(8):
        add_post(column, title=f"通知{number}", kind=PolicyKind.NOTICE, days_ago=number)
    client.get("/")  # publishing emptied the cached vocabulary
    assert count_queries(client, "/") == few
    items = soup(client.get("/")).select(".post-list li")
    assert [li.a.get_text() for li in items] == [f"通知{number}" for number in range(5)]
    assert TODAY.isoformat() in items[0].get_text()


@pytest.mark.django_db
def test_a_scheduled_post_goes_live_only_when_publish_scheduled_runs_after_its_time(client, column):
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        post = add_post(
            column, title="定时发布的通知", publish=False, go_live_at=now + datetime.timedelta(hours=2)
        )
        post.get_latest_revision().publish()
        post.refresh_from_db()
        assert not post.live
        call_command("publish_scheduled", stdout=io.StringIO())
        assert not PolicyPostPage.objects.get(pk=post.pk).live
        assert "定时发布的通知" not in client.get("/column/feed/").content.decode()

    with time_machine.travel(now + datetime.timedelta(hours=3), tick=False):
        call_command("publish_scheduled", stdout=io.StringIO())
        assert PolicyPostPage.objects.get(pk=post.pk).live
        # Publishing emptied the page cache, so anonymous visitors see it at once.
        assert listed_titles(client, "/column/") == ["定时发布的通知"]
        assert "定时发布的通知" in client.get("/column/feed/").content.decode()


def post_form(column, go_live_at: datetime.datetime):
    form_class = PolicyPostPage.get_edit_handler().get_form_class()
    admin = get_user_model().objects.create_superuser("admin", password="x")
    data = {
        "title": "定时通知",
        "slug": "scheduled",
        "kind": PolicyKind.NOTICE,
        "publish_date": TODAY.isoformat(),
        "go_live_at": timezone.localtime(go_live_at).strftime("%Y-%m-%d %H:%M"),
        "body-count": "0",
        "related_links-TOTAL_FORMS": "0",
        "related_links-INITIAL_FORMS": "0",
        "related_links-MIN_NUM_FORMS": "0",
        "related_links-MAX_NUM_FORMS": "1000",
    }
    form = form_class(data, instance=PolicyPostPage(), parent_page=column, for_user=admin)
    form.is_valid()
    return form


@pytest.mark.django_db
def test_a_post_scheduled_in_the_past_is_refused_with_a_clear_message(column):
    form = post_form(column, timezone.now() - datetime.timedelta(hours=1))
    assert [error.code for error in form.errors.as_data()["go_live_at"]] == ["go_live_in_past"]


@pytest.mark.django_db
def test_a_post_scheduled_in_the_future_is_accepted(column):
    form = post_form(column, timezone.now() + datetime.timedelta(days=1))
    assert "go_live_at" not in form.errors


@pytest.mark.django_db
def test_the_demo_column_has_a_dozen_posts_of_every_kind_and_seeding_twice_changes_nothing(academy):
    column = seed_column(home=academy.home, stdout=io.StringIO())
    seed_column(home=academy.home, stdout=io.StringIO())
    assert column.slug == "column" and "安全技能提升行动" in column.title
    posts = PolicyPostPage.objects.child_of(column).live()
    assert posts.count() == 12
    assert set(posts.values_list("kind", flat=True)) == set(PolicyKind.values)
    subsidy = posts.get(kind=PolicyKind.SUBSIDY_RESULT)
    assert any(block.block_type == "table" for block in subsidy.body)
    assert all(post.tags.exists() for post in posts)


@pytest.mark.django_db
def test_the_admin_offers_the_post_editor_under_the_column(client, column):
    admin = get_user_model().objects.create_superuser("admin", password="x")
    client.force_login(admin)
    url = f"/admin/pages/add/cms/policypostpage/{column.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert b'name="go_live_at"' in response.content
