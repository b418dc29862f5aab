import ast
import gettext
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

PO_FILE = Path(__file__).resolve().parent.parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


@pytest.mark.django_db
def test_the_site_speaks_simplified_chinese_by_default(client, academy):
    page = BeautifulSoup(client.get("/courses/").content, "html.parser")
    assert page.html["lang"] == "zh-CN"
    assert page.select_one(".site-nav").get_text(" ", strip=True).startswith("首页 课程超市")
    assert "登录" in page.select_one(".site-nav").get_text()


@pytest.mark.django_db
def test_english_is_available_under_en_with_a_switch_back(client, academy):
    page = BeautifulSoup(client.get("/en/courses/?industry=coal").content, "html.parser")
    assert page.html["lang"] == "en"
    assert "Course supermarket" in page.select_one(".site-nav").get_text()
    chinese = page.select_one('.language-switch a[hreflang="zh-hans"]')
    assert chinese["href"] == "/courses/?industry=coal"


@pytest.mark.django_db
def test_the_chinese_page_links_to_the_same_page_in_english(client, academy):
    page = BeautifulSoup(client.get("/coal/").content, "html.parser")
    assert page.select_one('.language-switch a[hreflang="en"]')["href"] == "/en/coal/"


@pytest.mark.django_db
def test_the_sign_in_page_exists_in_both_languages(client):
    assert "登录" in client.get("/accounts/login/").content.decode()
    assert "Sign in" in client.get("/en/accounts/login/").content.decode()


def _po_entries(text: str) -> list[dict]:
    """A small reader for our own .po file: msgid, msgid_plural, msgstr[n] and flags per entry."""
    entries, entry, key = [], {}, None
    for line in text.splitlines() + [""]:
        if not line.strip():
            if entry:
                entries.append(entry)
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            entry[key] = ast.literal_eval(value)
    return entries


def test_every_interface_string_has_a_chinese_translation_in_the_compiled_catalogue():
    entries = [entry for entry in _po_entries(PO_FILE.read_text()) if entry.get("msgid")]
    assert len(entries) > 100
    with PO_FILE.with_suffix(".mo").open("rb") as mo_file:
        catalogue = gettext.GNUTranslations(mo_file)
    for entry in entries:
        assert "fuzzy" not in entry.get("flags", ""), entry["msgid"]
        if "msgid_plural" in entry:
            assert entry["msgstr[0]"], entry["msgid"]
            assert catalogue.ngettext(entry["msgid"], entry["msgid_plural"], 2) == entry["msgstr[0]"]
        else:
            assert entry["msgstr"], entry["msgid"]
            assert catalogue.gettext(entry["msgid"]) == entry["msgstr"], "run `make messages`"


@pytest.mark.django_db
def test_lists_are_joined_the_way_each_language_writes_them(client, academy):
    from tests.courses.factories import make_course

    course = make_course(academy.sub_colleges["coal"], audiences=("worker", "team_leader"))
    chinese = BeautifulSoup(client.get(course.url).content, "html.parser").select_one(".facts").get_text()
    english = (
        BeautifulSoup(client.get(f"/en{course.url}").content, "html.parser").select_one(".facts").get_text()
    )
    assert "班组长、在岗从业人员" in chinese
    assert "Team leader, Worker" in english
