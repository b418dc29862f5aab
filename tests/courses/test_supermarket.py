import pytest
from bs4 import BeautifulSoup

from courses.models import Position, Specialty
from tests.courses.factories import make_course
from tests.queries import count_queries

SUPERMARKET = "/courses/"


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".course-card__title")]


@pytest.fixture
def catalogue(academy):
    chemicals, coal = academy.sub_colleges["chemicals"], academy.sub_colleges["coal"]
    hot_work = Position.objects.create(name="动火作业人员", slug="hot-work")
    electrical = Specialty.objects.create(name="电气作业", slug="electrical")
    return {
        "hot_work": make_course(
            chemicals,
            title="动火作业安全培训",
            summary="动火作业分级与许可。",
            class_hours="2",
            audiences=("worker", "team_leader"),
            positions=[hot_work],
            days_ago=3,
        ),
        "principal": make_course(
            chemicals,
            title="主要负责人安全生产责任",
            summary="企业主要负责人的法定职责。",
            class_hours="6",
            level="advanced",
            audiences=("principal", "safety_manager"),
            days_ago=1,
        ),
        "confined": make_course(
            coal,
            title="煤矿井下作业安全",
            summary="有限空间作业的风险辨识与应急救援。",
            class_hours="1.5",
            level="specialized",
            audiences=("worker",),
            specialties=[electrical],
            days_ago=2,
        ),
    }


@pytest.mark.django_db
def test_the_supermarket_lists_every_live_course_newest_first(client, catalogue):
    response = client.get(SUPERMARKET)
    assert response.status_code == 200
    assert titles(response) == ["主要负责人安全生产责任", "煤矿井下作业安全", "动火作业安全培训"]


@pytest.mark.django_db
def test_a_draft_course_is_not_in_the_supermarket(client, academy, catalogue):
    make_course(academy.sub_colleges["coal"], title="未发布的课程", publish=False)
    assert "未发布的课程" not in titles(client.get(SUPERMARKET))


@pytest.mark.django_db
def test_filtering_by_industry_and_role_keeps_only_matching_courses(client, catalogue):
    assert titles(client.get(SUPERMARKET, {"industry": "chemicals"})) == [
        "主要负责人安全生产责任",
        "动火作业安全培训",
    ]
    assert titles(client.get(SUPERMARKET, {"industry": "chemicals", "audience": "worker"})) == [
        "动火作业安全培训"
    ]
    assert titles(client.get(SUPERMARKET, {"audience": "safety_manager"})) == ["主要负责人安全生产责任"]


@pytest.mark.django_db
def test_filtering_by_level_specialty_position_and_hours(client, catalogue):
    assert titles(client.get(SUPERMARKET, {"level": "specialized"})) == ["煤矿井下作业安全"]
    assert titles(client.get(SUPERMARKET, {"specialty": "electrical"})) == ["煤矿井下作业安全"]
    assert titles(client.get(SUPERMARKET, {"position": "hot-work"})) == ["动火作业安全培训"]
    assert titles(client.get(SUPERMARKET, {"hours_min": "2", "hours_max": "6"})) == [
        "主要负责人安全生产责任",
        "动火作业安全培训",
    ]


@pytest.mark.django_db
def test_sorting_by_class_hours(client, catalogue):
    assert titles(client.get(SUPERMARKET, {"sort": "class_hours"})) == [
        "煤矿井下作业安全",
        "动火作业安全培训",
        "主要负责人安全生产责任",
    ]
    assert titles(client.get(SUPERMARKET, {"sort": "-class_hours"}))[0] == "主要负责人安全生产责任"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("动火", ["动火作业安全培训"]),
        ("有限空间", ["煤矿井下作业安全"]),
        ("主要负责人", ["主要负责人安全生产责任"]),
        ("应急救援", ["煤矿井下作业安全"]),
        ("潜水", []),
    ],
)
def test_searching_chinese_words_inside_titles_and_summaries(client, catalogue, query, expected):
    assert titles(client.get(SUPERMARKET, {"q": query})) == expected


@pytest.mark.django_db
def test_search_combines_with_filters(client, catalogue):
    assert titles(client.get(SUPERMARKET, {"q": "作业", "industry": "coal"})) == ["煤矿井下作业安全"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"industry": "shipbuilding"},
        {"audience": "astronaut"},
        {"level": "expert"},
        {"specialty": "no-such-specialty"},
        {"hours_min": "many"},
        {"sort": "random"},
    ],
)
def test_an_unknown_filter_value_shows_the_reason_and_no_courses(client, catalogue, params):
    response = client.get(SUPERMARKET, params)
    assert response.status_code == 200
    assert titles(response) == []
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".errors") is not None


@pytest.mark.django_db
def test_results_are_paginated_and_page_links_keep_the_filters(client, academy):
    coal = academy.sub_colleges["coal"]
    for days_ago in range(14):
        make_course(coal, days_ago=days_ago)
    first = client.get(SUPERMARKET, {"industry": "coal"})
    assert len(titles(first)) == 12
    next_link = BeautifulSoup(first.content, "html.parser").select_one('a[rel="next"]')["href"]
    assert "industry=coal" in next_link and "page=2" in next_link
    second = client.get(SUPERMARKET + next_link)
    assert len(titles(second)) == 2
    assert client.get(SUPERMARKET, {"page": "999"}).status_code == 200


@pytest.mark.django_db
def test_supermarket_queries_stay_the_same_with_5_or_200_courses(client, academy, settings):
    settings.ACADEMY_PAGE_CACHE_SECONDS = 0
    sub_colleges = list(academy.sub_colleges.values())
    for i in range(5):
        make_course(sub_colleges[i % 8], audiences=("worker", "principal"), with_cover=True)
    url = SUPERMARKET + "?audience=worker&sort=newest"
    client.get(url)  # first visit renders the cover renditions
    few = count_queries(client, url)
    for i in range(195):
        make_course(sub_colleges[i % 8], audiences=("worker", "principal"), with_cover=i >= 195 - 12)
    client.get(url)
    many = count_queries(client, url)
    assert few == many
    assert many <= 10
