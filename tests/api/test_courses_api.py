import pytest

from tests.courses.factories import add_quiz_lesson, add_reading_lesson, add_video_lesson, make_course
from tests.queries import count_queries

COURSES = "/api/v1/courses/"


@pytest.fixture
def courses(academy):
    chemicals, coal = academy.sub_colleges["chemicals"], academy.sub_colleges["coal"]
    hot_work = make_course(
        chemicals, title="动火作业安全培训", audiences=("worker", "team_leader"), class_hours="2", days_ago=2
    )
    add_video_lesson(hot_work, title="事故案例", minutes=30)
    add_reading_lesson(hot_work, title="作业许可", minutes=45)
    add_quiz_lesson(hot_work, title="知识测验", minutes=15)
    make_course(
        coal, title="有限空间作业", summary="有限空间作业的风险辨识", audiences=("principal",), days_ago=1
    )
    return {"hot_work": hot_work}


def titles(response) -> list[str]:
    return [course["title"] for course in response.json()["results"]]


@pytest.mark.django_db
def test_the_api_lists_courses_with_their_sub_college_and_audiences(client, courses):
    response = client.get(COURSES)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first["title"] == "有限空间作业"
    assert first["industry"] == "coal"
    assert first["audiences"] == ["principal"]
    assert first["class_hours"] == 2.0


@pytest.mark.django_db
def test_the_api_takes_the_supermarket_filters_and_search(client, courses):
    assert titles(client.get(COURSES, {"industry": "chemicals"})) == ["动火作业安全培训"]
    assert titles(client.get(COURSES, {"audience": "principal"})) == ["有限空间作业"]
    assert titles(client.get(COURSES, {"search": "动火"})) == ["动火作业安全培训"]
    assert titles(client.get(COURSES, {"search": "有限空间"})) == ["有限空间作业"]
    assert titles(client.get(COURSES, {"sort": "newest", "page_size": 1})) == ["有限空间作业"]


@pytest.mark.django_db
def test_the_course_detail_lists_its_lessons_in_order_with_kind_and_minutes(client, courses):
    response = client.get(f"{COURSES}{courses['hot_work'].pk}/")
    assert response.status_code == 200
    lessons = response.json()["lessons"]
    assert [(lesson["title"], lesson["kind"], lesson["minutes"]) for lesson in lessons] == [
        ("事故案例", "video", 30),
        ("作业许可", "reading", 45),
        ("知识测验", "quiz", 15),
    ]
    assert all(set(lesson) == {"id", "title", "kind", "minutes"} for lesson in lessons)


@pytest.mark.django_db
def test_the_course_detail_never_reveals_quiz_answers(client, courses):
    response = client.get(f"{COURSES}{courses['hot_work'].pk}/")
    assert "correct" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"industry": "shipbuilding"},
        {"audience": "astronaut"},
        {"level": "x"},
        {"hours_min": "x"},
        {"sort": "x"},
    ],
)
def test_an_unknown_filter_value_is_a_400_with_the_reason(client, courses, params):
    response = client.get(COURSES, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert next(iter(params)) in body["errors"]


@pytest.mark.django_db
def test_a_missing_course_and_a_page_past_the_end_are_404(client, courses):
    assert client.get(f"{COURSES}999999/").status_code == 404
    assert client.get(COURSES, {"page": 99}).status_code == 404


@pytest.mark.django_db
def test_a_draft_course_is_not_served(client, academy):
    draft = make_course(academy.sub_colleges["coal"], publish=False)
    assert client.get(f"{COURSES}{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_course_list_does_the_same_queries_for_5_or_200_courses(client, academy):
    sub_colleges = list(academy.sub_colleges.values())
    for i in range(5):
        make_course(sub_colleges[i % 8], audiences=("worker",), with_cover=True)
    client.get(COURSES)
    few = count_queries(client, COURSES + "?audience=worker")
    for i in range(195):
        make_course(sub_colleges[i % 8], audiences=("worker",), with_cover=i >= 195 - 20)
    client.get(COURSES)
    many = count_queries(client, COURSES + "?audience=worker")
    assert few == many <= 10


@pytest.mark.django_db
def test_the_openapi_schema_documents_the_catalogue(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/v1/courses/" in schema["paths"]
    assert "/api/v1/courses/{id}/" in schema["paths"]
    parameters = {p["name"] for p in schema["paths"]["/api/v1/courses/"]["get"]["parameters"]}
    assert {"industry", "audience", "level", "search", "page", "page_size"} <= parameters
    assert not any(path.startswith("/admin/") for path in schema["paths"])


@pytest.mark.django_db
def test_the_api_docs_are_served_without_any_external_network(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html


@pytest.mark.parametrize("text", ['"', '动火 "作业', "a* OR NEAR(", "'"])
def test_search_syntax_in_a_query_is_treated_as_text_not_an_error(client, courses, text):
    response = client.get("/api/v1/courses/", {"search": text})
    assert response.status_code == 200


def test_a_page_past_any_possible_row_is_a_404_not_an_overflow(client, courses):
    response = client.get("/api/v1/courses/", {"page": str(10**19)})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
