import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.materials.models import MaterialEdition, MaterialFormat, MaterialLibraryPage
from courses.models import Position, Specialty
from courses.packages.models import TrainingPackageCourse, TrainingPackageMaterial, TrainingPackagePage
from tests.courses.factories import link_materials, make_course, make_material, publish_edition
from tests.queries import count_queries

LIBRARY = "/materials/"


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def titles(response) -> list[str]:
    return [h.get_text(strip=True) for h in soup(response).select(".material-card__title")]


@pytest.fixture
def library(academy) -> MaterialLibraryPage:
    page = academy.home.add_child(instance=MaterialLibraryPage(title="教材库", slug=MaterialLibraryPage.SLUG))
    page.save_revision().publish()
    return page


@pytest.fixture
def shelf(academy, library):
    chemicals, coal = academy.sub_colleges["chemicals"], academy.sub_colleges["coal"]
    hot_work = Position.objects.create(name="动火作业人员", slug="hot-work")
    electrical = Specialty.objects.create(name="电气作业", slug="electrical")
    return {
        "hot_work": make_material(
            chemicals,
            title="动火作业安全手册",
            summary="动火作业分级、许可与监护。",
            format=MaterialFormat.WORKBOOK,
            positions=[hot_work],
            days_ago=3,
        ),
        "principal": make_material(
            chemicals,
            title="主要负责人安全生产责任读本",
            summary="企业主要负责人的法定职责。",
            level="advanced",
            days_ago=1,
        ),
        "gas": make_material(
            coal,
            title="井下瓦斯检查活页教材",
            summary="瓦斯检查与有限空间作业。",
            level="specialized",
            format=MaterialFormat.LOOSE_LEAF,
            specialties=[electrical],
            days_ago=2,
        ),
    }


@pytest.mark.django_db
def test_the_library_lists_live_materials_of_every_sub_college_newest_edition_first(client, academy, shelf):
    make_material(academy.sub_colleges["coal"], title="未发布的教材", publish=False)
    response = client.get(LIBRARY)
    assert titles(response) == ["主要负责人安全生产责任读本", "井下瓦斯检查活页教材", "动火作业安全手册"]
    assert "3" in soup(response).select_one(".result-count").get_text()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"industry": "chemicals"}, ["主要负责人安全生产责任读本", "动火作业安全手册"]),
        ({"level": "specialized"}, ["井下瓦斯检查活页教材"]),
        ({"specialty": "electrical"}, ["井下瓦斯检查活页教材"]),
        ({"position": "hot-work"}, ["动火作业安全手册"]),
        ({"format": "workbook"}, ["动火作业安全手册"]),
        ({"industry": "chemicals", "level": "advanced"}, ["主要负责人安全生产责任读本"]),
        ({"industry": "coal", "format": "workbook"}, []),
    ],
)
def test_each_facet_filters_the_library(client, shelf, params, expected):
    assert titles(client.get(LIBRARY, params)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"industry": "shipbuilding"},
        {"level": "expert"},
        {"specialty": "no-such-specialty"},
        {"position": "astronaut"},
        {"format": "scroll"},
    ],
)
def test_an_unknown_facet_value_shows_the_reason_and_no_materials(client, shelf, params):
    response = client.get(LIBRARY, params)
    assert titles(response) == []
    errors = soup(response).select_one(".errors")
    assert errors is not None and next(iter(params)) in errors.get_text()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("动火", ["动火作业安全手册"]),
        ("瓦斯", ["井下瓦斯检查活页教材"]),
        ("有限空间", ["井下瓦斯检查活页教材"]),
        ("负责人", ["主要负责人安全生产责任读本"]),
        ("潜水", []),
    ],
)
def test_chinese_search_finds_a_word_inside_a_longer_title_or_summary(client, shelf, query, expected):
    assert titles(client.get(LIBRARY, {"q": query})) == expected


@pytest.mark.django_db
def test_search_combines_with_facets_and_keeps_the_newest_edition_first(client, shelf):
    assert titles(client.get(LIBRARY, {"q": "作业"})) == ["井下瓦斯检查活页教材", "动火作业安全手册"]
    assert titles(client.get(LIBRARY, {"q": "作业", "industry": "coal"})) == ["井下瓦斯检查活页教材"]


@pytest.mark.django_db
def test_a_sub_college_library_shows_only_its_own_materials_without_an_industry_choice(
    client, academy, shelf
):
    response = client.get("/chemicals/materials/")
    assert titles(response) == ["主要负责人安全生产责任读本", "动火作业安全手册"]
    page = soup(response)
    assert page.select_one("select[name=industry]") is None
    assert "化工（危险化学品）分院" in page.h1.get_text()
    assert titles(client.get("/chemicals/materials/", {"q": "瓦斯"})) == []
    assert titles(client.get("/coal/materials/", {"format": "loose_leaf"})) == ["井下瓦斯检查活页教材"]
    assert titles(client.get("/chemicals/materials/", {"level": "expert"})) == []


@pytest.mark.django_db
def test_the_sub_college_page_links_to_its_library_and_the_navigation_to_the_whole_library(
    client, academy, library
):
    page = soup(client.get("/coal/"))
    assert page.select_one('main a[href="/coal/materials/"]') is not None
    assert page.select_one(f'.site-nav a[href="{LIBRARY}"]') is not None


@pytest.mark.django_db
def test_the_library_must_keep_the_slug_the_navigation_links(academy):
    with pytest.raises(ValidationError) as refused:
        academy.home.add_child(instance=MaterialLibraryPage(title="教材库", slug="library"))
    assert "slug" in refused.value.message_dict
    assert not MaterialLibraryPage.objects.exists()


@pytest.mark.django_db
def test_library_queries_stay_the_same_with_4_or_40_materials(client, academy, library, settings):
    settings.ACADEMY_PAGE_CACHE_SECONDS = 0
    sub_colleges = list(academy.sub_colleges.values())
    for i in range(4):
        make_material(sub_colleges[i % 8], with_cover=True, format=MaterialFormat.LOOSE_LEAF)
    urls = [LIBRARY, LIBRARY + "?format=loose_leaf&level=basic", "/coal/materials/"]
    for url in urls:
        client.get(url)  # the first visit renders the cover renditions
    few = [count_queries(client, url) for url in urls]
    for i in range(36):
        material = make_material(sub_colleges[i % 8], with_cover=True, format=MaterialFormat.LOOSE_LEAF)
        if i % 3 == 0:
            publish_edition(material, edition="第2版", changes="第3页更新")
    for url in urls:
        client.get(url)
    assert [count_queries(client, url) for url in urls] == few
    assert max(few) <= 12


@pytest.mark.django_db
def test_a_new_edition_keeps_the_old_one_in_the_history_with_its_own_file(client, academy):
    material = make_material(academy.sub_colleges["coal"], title="瓦斯检查活页教材", edition="2025年第1版")
    first_file = material.document
    publish_edition(material, edition="2026年第1版", changes="更新第12页瓦斯浓度限值")
    page = soup(client.get(material.url))

    rows = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in page.select(".edition-history tbody tr")
    ]
    assert [row[0].split()[0] for row in rows] == ["2026年第1版", "2025年第1版"]
    assert page.select(".edition-history tbody tr")[0].select_one(".tag") is not None  # the current one
    assert "更新第12页瓦斯浓度限值" in rows[0][2]

    old = MaterialEdition.objects.get(material=material, edition="2025年第1版")
    old_link = page.select(".edition-history tbody tr")[1].select_one("a")["href"]
    assert old_link == f"{material.url}download/{old.pk}/"
    response = client.get(old_link)
    assert response.status_code == 302
    assert response["Location"] == first_file.url
    current = client.get(page.select_one(".material__download")["href"])
    assert current["Location"] == material.document.url != first_file.url


@pytest.mark.django_db
def test_downloads_are_counted_per_edition_and_shown_as_totals(client, academy, library, settings):
    material = make_material(academy.sub_colleges["coal"], title="瓦斯检查活页教材", edition="第1版")
    old = material.editions.get()
    publish_edition(material, edition="第2版", changes="第3页更新")
    new = material.editions.get(edition="第2版")
    # Downloads are redirects, never stored by the anonymous page cache: every one counts.
    for _ in range(3):
        assert client.get(f"{material.url}download/").status_code == 302
    assert client.get(f"{material.url}download/{old.pk}/").status_code == 302
    old.refresh_from_db(), new.refresh_from_db()
    assert (old.downloads, new.downloads) == (1, 3)

    settings.ACADEMY_PAGE_CACHE_SECONDS = 0
    page = soup(client.get(material.url))
    assert page.select_one(".material__downloads").get_text(strip=True) == "4"
    assert [row.select("td")[3].get_text(strip=True) for row in page.select(".edition-history tbody tr")] == [
        "3",
        "1",
    ]
    card = soup(client.get(LIBRARY)).select_one(".material-card")
    assert "4" in card.select_one(".material-card__downloads").get_text()


@pytest.mark.django_db
def test_the_course_page_lists_its_live_materials_and_the_material_page_its_courses(client, academy):
    coal = academy.sub_colleges["coal"]
    manual = make_material(coal, title="瓦斯检查活页教材")
    draft = make_material(coal, title="未发布的教材", publish=False)
    course = link_materials(make_course(coal, title="瓦斯检查工培训"), manual, draft)
    link_materials(make_course(coal, title="已下线的课程"), manual).unpublish()

    course_page = soup(client.get(course.url))
    assert [a.get_text(strip=True) for a in course_page.select(".material-links a")] == ["瓦斯检查活页教材"]

    material_page = soup(client.get(manual.url))
    assert [a.get_text(strip=True) for a in material_page.select("#courses-heading + ul a")] == [
        "瓦斯检查工培训"
    ]


@pytest.mark.django_db
def test_the_material_page_shows_the_live_training_packages_that_include_it(client, academy):
    coal = academy.sub_colleges["coal"]
    manual = make_material(coal, title="瓦斯检查活页教材")
    position = Position.objects.create(name="瓦斯检查工", slug="gas-inspector")
    package = TrainingPackagePage(
        title="瓦斯检查工培训包",
        slug="gas-inspector-package",
        summary="瓦斯检查工岗位培训。",
        position=position,
        course_links=[TrainingPackageCourse(course=make_course(coal))],
        material_links=[TrainingPackageMaterial(material=manual)],
    )
    coal.add_child(instance=package)
    package.save_revision().publish()
    page = soup(client.get(manual.url))
    assert [a.get_text(strip=True) for a in page.select("#packages-heading + ul a")] == ["瓦斯检查工培训包"]


@pytest.mark.django_db
def test_the_material_page_and_course_page_do_constant_queries(client, academy, settings):
    settings.ACADEMY_PAGE_CACHE_SECONDS = 0
    coal = academy.sub_colleges["coal"]
    material = make_material(coal, with_cover=True)
    course = link_materials(make_course(coal), material)
    link_materials(make_course(coal), material)
    client.get(material.url), client.get(course.url)
    few = (count_queries(client, material.url), count_queries(client, course.url))
    for number in range(2, 8):
        publish_edition(material, edition=f"第{number}版", changes=f"第{number}页更新")
        link_materials(make_course(coal), material)
    link_materials(course, material, *[make_material(coal) for _ in range(5)])
    client.get(material.url)
    assert (count_queries(client, material.url), count_queries(client, course.url)) == few


@pytest.mark.django_db
def test_an_unpublished_material_cannot_be_downloaded(client, academy):
    draft = make_material(academy.sub_colleges["coal"], publish=False)
    assert client.get(f"/coal/{draft.slug}/download/").status_code == 404

    withdrawn = make_material(academy.sub_colleges["coal"])
    edition = withdrawn.editions.get()
    withdrawn.unpublish()
    assert client.get(f"/coal/{withdrawn.slug}/download/").status_code == 404
    assert client.get(f"/coal/{withdrawn.slug}/download/{edition.pk}/").status_code == 404
    edition.refresh_from_db()
    assert edition.downloads == 0


@pytest.mark.django_db
def test_an_edition_of_another_material_or_without_a_file_is_not_downloadable(client, academy):
    coal = academy.sub_colleges["coal"]
    material, other = make_material(coal), make_material(coal)
    text_only = make_material(coal, with_document=False)
    assert client.get(f"{material.url}download/{other.editions.get().pk}/").status_code == 404
    assert client.get(f"{text_only.url}download/").status_code == 404
    assert client.get(f"{text_only.url}download/{text_only.editions.get().pk}/").status_code == 404
    assert client.get(f"{material.url}download/999999/").status_code == 404
    assert other.editions.get().downloads == 0


@pytest.mark.django_db
def test_a_material_put_live_without_publishing_is_downloadable_and_counted(client, academy):
    material = make_material(academy.sub_colleges["coal"], publish=False, live=True)
    assert not material.editions.exists()
    assert client.get(material.url).status_code == 200
    response = client.get(f"{material.url}download/")
    assert response.status_code == 302 and response["Location"] == material.document.url
    assert material.editions.get(edition=material.edition).downloads == 1


def material_form(**overrides) -> dict:
    data = {
        "title": "预览中的教材",
        "slug": "preview-material",
        "summary": "预览中的教材简介。",
        "body": rich_text("<p>教材正文</p>"),
        "level": "basic",
        "format": "loose_leaf",
        "edition": "2026年第1版",
        "edition_date": "2026-03-01",
        "edition_changes": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.django_db
def test_an_editor_previews_a_new_material_and_a_new_edition(client, academy, admin_user):
    client.force_login(admin_user)
    coal = academy.sub_colleges["coal"]
    preview_url = f"/admin/pages/add/courses/materialpage/{coal.pk}/preview/"
    assert client.post(preview_url, material_form()).json()["is_valid"]
    preview = client.get(preview_url)
    assert preview.status_code == 200 and "预览中的教材" in preview.content.decode()

    material = make_material(coal, title="瓦斯检查活页教材", edition="第1版")
    preview_url = f"/admin/pages/{material.pk}/edit/preview/"
    form = material_form(
        title="瓦斯检查活页教材", slug=material.slug, edition="第2版", edition_changes="第3页"
    )
    assert client.post(preview_url, form).json()["is_valid"]
    preview = soup(client.get(preview_url))
    assert [
        row.td.get_text(" ", strip=True).split()[0] for row in preview.select(".edition-history tbody tr")
    ] == ["第1版"]


def edit_material(client, material, action: str, **overrides):
    """The admin's edit form for `material`, posted with `action` ("save" a draft, "submit" or "publish")."""
    data = material_form(title=material.title, slug=material.slug, **overrides)
    if action != "save":
        data[f"action-{action}"] = "1"
    return client.post(f"/admin/pages/{material.pk}/edit/", data)


def edition_error_codes(response) -> dict[str, list[str]]:
    form = response.context["form"]
    return {
        field: [error.code for error in errors]
        for field, errors in form.errors.as_data().items()
        if field in ("edition", "edition_changes")
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ("", {"edition_changes": ["edition_changes_missing"]}),
        # The previous edition's text, left in the field, does not describe the new edition.
        ("更新第3页", {"edition_changes": ["edition_changes_missing"]}),
        ("第5页新增气体检测记录示例", {}),
    ],
)
def test_publishing_a_new_edition_requires_what_changed_in_it(client, academy, admin_user, changes, expected):
    client.force_login(admin_user)
    material = make_material(academy.sub_colleges["coal"], title="瓦斯检查活页教材", edition="第1版")
    publish_edition(material, edition="第2版", changes="更新第3页")
    response = edit_material(client, material, "publish", edition="第3版", edition_changes=changes)
    if expected:
        assert response.status_code == 200
        assert edition_error_codes(response) == expected
        assert list(material.editions.values_list("edition", flat=True)) == ["第2版", "第1版"]
    else:
        assert response.status_code == 302
        assert list(material.editions.values_list("edition", flat=True)) == ["第3版", "第2版", "第1版"]


@pytest.mark.django_db
def test_a_replaced_edition_cannot_come_back_but_the_current_one_may_be_republished(
    client, academy, admin_user
):
    client.force_login(admin_user)
    material = make_material(academy.sub_colleges["coal"], title="瓦斯检查活页教材", edition="第1版")
    publish_edition(material, edition="第2版", changes="更新第3页")

    response = edit_material(client, material, "publish", edition="第1版", edition_changes="改回")
    assert response.status_code == 200
    assert edition_error_codes(response) == {"edition": ["edition_replaced"]}

    response = edit_material(client, material, "publish", edition="第2版", edition_changes="更新第3页")
    assert response.status_code == 302
    assert material.editions.count() == 2


@pytest.mark.django_db
def test_a_draft_with_a_new_edition_is_saved_before_its_changes_are_written(client, academy, admin_user):
    client.force_login(admin_user)
    material = make_material(academy.sub_colleges["coal"], title="瓦斯检查活页教材", edition="第1版")
    publish_edition(material, edition="第2版", changes="更新第3页")
    response = edit_material(client, material, "save", edition="第3版", edition_changes="更新第3页")
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.get_latest_revision_as_object().edition == "第3版"
    assert material.editions.count() == 2

    response = edit_material(client, material, "submit", edition="第3版", edition_changes="更新第3页")
    assert response.status_code == 200
    assert edition_error_codes(response) == {"edition_changes": ["edition_changes_missing"]}
