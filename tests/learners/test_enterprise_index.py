"""Authority users list the enterprises of their prefecture, with head counts, and download them."""

import io

import pytest
from openpyxl import load_workbook

from tests.learners.factories import engage, make_authority, make_enterprise, make_learner
from tests.queries import count_queries

URL = "/people/enterprises/"


@pytest.fixture
def enterprises(db):
    changchun = make_enterprise(name="长春甲化工", prefecture="changchun")
    jilin = make_enterprise(name="吉林乙冶炼", prefecture="jilin", industry="metallurgy")
    for serial in range(3):
        engage(make_learner(name=f"工人{serial}"), changchun)
    return changchun, jilin


def test_an_authority_sees_only_its_prefectures_enterprises_with_people_counts(client, enterprises):
    changchun, jilin = enterprises
    client.force_login(make_authority("changchun"))
    response = client.get(URL)
    assert response.status_code == 200
    rows = list(response.context["page_obj"])
    assert rows == [changchun]
    assert rows[0].people_count == 3
    assert jilin.name not in response.content.decode()


def test_a_provincial_authority_filters_by_prefecture(client, enterprises):
    changchun, jilin = enterprises
    client.force_login(make_authority(""))
    assert set(client.get(URL).context["page_obj"]) == {changchun, jilin}
    assert list(client.get(URL, {"prefecture": "jilin"}).context["page_obj"]) == [jilin]


def test_a_worker_is_refused(client, enterprises):
    worker = make_learner(name="工人", password="pw")
    client.force_login(worker.user)
    assert client.get(URL).status_code == 403


def test_the_list_downloads_as_excel(client, enterprises):
    client.force_login(make_authority("changchun"))
    response = client.get(URL, {"format": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][0] == "长春甲化工"
    assert sheet[2][5].value == 3


def test_the_query_count_does_not_grow_with_the_number_of_enterprises(client, enterprises):
    authority = make_authority("changchun")
    client.force_login(authority)
    few = count_queries(client, URL)
    for _ in range(20):
        engage(make_learner(), make_enterprise(prefecture="changchun"))
    assert count_queries(client, URL) == few


def test_an_authority_opens_an_enterprise_of_its_prefecture_and_sees_its_people_masked(client, enterprises):
    changchun, jilin = enterprises
    client.force_login(make_authority("changchun"))
    response = client.get("/people/", {"enterprise": changchun.pk})
    assert response.status_code == 200
    html = response.content.decode()
    people = [engagement.learner for engagement in response.context["page_obj"]]
    assert len(people) == 3
    for learner in people:
        assert learner.identity_number_masked in html
        assert learner.identity_number not in html
    assert "/people/import/" not in html


def test_an_authority_cannot_open_another_prefectures_enterprise(client, enterprises):
    changchun, jilin = enterprises
    client.force_login(make_authority("changchun"))
    assert client.get("/people/", {"enterprise": jilin.pk}).status_code == 404
