import pytest
from bs4 import BeautifulSoup

from cms.models import HomePageFeaturedCourse
from tests.courses.factories import add_video_lesson, make_course
from tests.queries import count_queries


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_the_home_page_shows_every_sub_college_and_the_featured_courses(client, academy):
    course = make_course(academy.sub_colleges["coal"], title="煤矿瓦斯防治")
    home = academy.home.get_latest_revision_as_object()
    home.featured_courses.add(HomePageFeaturedCourse(course=course))
    home.save_revision().publish()

    page = soup(client.get("/"))
    tiles = [a.get_text(strip=True) for a in page.select(".sub-college-tile")]
    assert len(tiles) == 8 and "煤矿分院" in tiles
    assert [h.get_text(strip=True) for h in page.select(".course-card__title")] == ["煤矿瓦斯防治"]


@pytest.mark.django_db
def test_the_home_page_says_so_when_the_policy_column_is_empty(client, academy):
    page = soup(client.get("/"))
    assert page.select_one("#column-heading") is not None
    assert page.select(".post-list li") == []


@pytest.mark.django_db
def test_an_unpublished_featured_course_is_not_shown(client, academy):
    course = make_course(academy.sub_colleges["coal"], title="已下线课程")
    home = academy.home.get_latest_revision_as_object()
    home.featured_courses.add(HomePageFeaturedCourse(course=course))
    home.save_revision().publish()
    course.unpublish()
    assert "已下线课程" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_sub_college_lists_its_own_courses_only(client, academy):
    make_course(academy.sub_colleges["coal"], title="煤矿课程")
    make_course(academy.sub_colleges["chemicals"], title="化工课程")
    page = soup(client.get("/coal/"))
    assert [h.get_text(strip=True) for h in page.select(".course-card__title")] == ["煤矿课程"]


@pytest.mark.django_db
def test_the_course_page_shows_class_hours_and_the_lessons_in_order(client, academy):
    course = make_course(academy.sub_colleges["coal"], title="井下安全", class_hours="1.5")
    add_video_lesson(course, title="第一课", minutes=30)
    add_video_lesson(course, title="第二课", minutes=20)
    page = soup(client.get(course.url))
    assert "1.5" in page.select_one(".facts").get_text()
    assert [a.get_text(strip=True) for a in page.select(".lesson a")] == ["第一课", "第二课"]


@pytest.mark.django_db
def test_a_video_lesson_plays_its_file_in_the_page(client, academy):
    lesson = add_video_lesson(make_course(academy.sub_colleges["coal"]), title="视频课")
    source = soup(client.get(lesson.url)).select_one("video source")
    assert source["src"].endswith(".webm")
    assert source["type"] == "video/webm"


@pytest.mark.django_db
def test_the_sub_college_page_does_constant_queries(client, academy, settings):
    settings.ACADEMY_PAGE_CACHE_SECONDS = 0
    coal = academy.sub_colleges["coal"]
    make_course(coal, with_cover=True)
    client.get("/coal/")
    few = count_queries(client, "/coal/")
    for _ in range(20):
        make_course(coal, audiences=("worker", "principal"))
    client.get("/coal/")  # publishing emptied the cached vocabulary
    assert count_queries(client, "/coal/") == few
