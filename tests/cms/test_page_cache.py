import pytest

from tests.courses.factories import make_course
from tests.queries import count_queries


@pytest.mark.django_db
def test_an_anonymous_visitor_gets_the_supermarket_from_the_cache(client, academy):
    make_course(academy.sub_colleges["coal"], title="第一门课")
    assert count_queries(client, "/courses/?industry=coal") > 0
    assert count_queries(client, "/courses/?industry=coal") == 0


@pytest.mark.django_db
def test_publishing_a_course_shows_it_at_once(client, academy):
    make_course(academy.sub_colleges["coal"], title="第一门课")
    assert "第二门课" not in client.get("/courses/").content.decode()
    make_course(academy.sub_colleges["coal"], title="第二门课")
    assert "第二门课" in client.get("/courses/").content.decode()


@pytest.mark.django_db
def test_unpublishing_a_course_removes_it_at_once(client, academy):
    course = make_course(academy.sub_colleges["coal"], title="将下线的课")
    assert "将下线的课" in client.get("/courses/").content.decode()
    course.unpublish()
    assert "将下线的课" not in client.get("/courses/").content.decode()


@pytest.mark.django_db
def test_a_signed_in_user_is_never_served_a_cached_page(client, academy, django_user_model):
    client.get("/courses/")
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    page = client.get("/courses/").content.decode()
    assert "accounts/logout" in page


@pytest.mark.django_db
def test_a_page_with_a_form_is_not_cached(client, academy):
    from tests.courses.factories import add_quiz_lesson

    quiz = add_quiz_lesson(make_course(academy.sub_colleges["coal"]))
    client.get(quiz.url)
    assert count_queries(client, quiz.url) > 0


@pytest.mark.django_db
def test_a_new_specialty_appears_in_the_filters_at_once(client, academy):
    from courses.models import Specialty

    assert "井控" not in client.get("/courses/").content.decode()
    Specialty.objects.create(name="井控", slug="well-control")
    assert "井控" in client.get("/courses/").content.decode()
