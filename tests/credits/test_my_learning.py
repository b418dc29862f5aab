"""我的学习 and the credit bank: this year's hours by source, each requirement with what remains and by when,
the courses that would close a gap, and the bank with its reversals, all from the stored records in a
fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from courses.enrolments.services import enrolment_create
from credits.bank.models import BankEntry
from credits.bank.selectors import LineKind, credit_bank
from credits.compliance.my_learning import GAP_COURSES_LIMIT, my_learning
from credits.study.models import DailyStudy, StudySource
from tests.courses.factories import add_video_lesson, make_course
from tests.credits import bank_helpers
from tests.credits.bank_helpers import D, entry, online_day, shanghai
from tests.credits.factories import beat, start
from tests.learners.factories import engage, make_enterprise, make_learner, make_user
from tests.queries import count_queries

clock = bank_helpers.clock
bank_world = bank_helpers.bank_world

HOME = "/study/"
BANK = "/training/bank/"


def page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


# The bank, read


def test_the_bank_totals_match_the_daily_study_and_bank_entries(bank_world):
    bank = credit_bank(learner=bank_world["learner"])
    assert bank.by_source[StudySource.ONLINE].class_hours == Decimal("2.50")
    assert bank.by_source[StudySource.OFFLINE].class_hours == Decimal("40.00")
    assert bank.by_source[StudySource.RECOGNISED].class_hours == Decimal("3.00")
    assert bank.total.class_hours == Decimal("45.50")
    assert bank.total.credits == Decimal("2.8437")
    # Recomputed from the rows themselves.
    learner = bank_world["learner"]
    stored = sum(row.class_hours for row in DailyStudy.objects.filter(learner=learner)) + sum(
        row.class_hours for row in BankEntry.objects.filter(learner=learner)
    )
    assert bank.total.class_hours == stored
    assert [year.year for year in bank.by_year] == [2026, 2025]
    assert bank.year(2025).total.class_hours == Decimal("40.00")
    assert bank.this_year.total.class_hours == Decimal("5.50")
    assert bank.this_year.by_source[StudySource.OFFLINE].class_hours == Decimal("0.00")


def test_a_reversal_is_listed_above_what_it_reverses_and_takes_it_out_of_the_total(bank_world):
    bank = credit_bank(learner=bank_world["learner"])
    entries = [line for line in bank.entries if line.kind == LineKind.ENTRY]
    [reversal] = [line for line in entries if line.is_reversal]
    [reversed_line] = [line for line in entries if line.is_reversed]
    assert reversal.entry_id == bank_world["reversal"].pk and reversal.class_hours == Decimal("-4.00")
    assert reversal.reason == "签到表不符" and reversal.recorded_by == "审核员"
    assert reversed_line.entry_id == bank_world["offline"].pk
    assert reversed_line.reversed_by_id == reversal.entry_id
    assert entries.index(reversal) == entries.index(reversed_line) - 1
    # Without the reversal the offline total would be 44.
    assert bank.by_source[StudySource.OFFLINE].class_hours == Decimal("40.00")


def test_entries_come_newest_first_with_the_online_days(bank_world):
    days = [line.day for line in credit_bank(learner=bank_world["learner"]).entries]
    assert days == sorted(days, reverse=True)
    assert D(2026, 5, 1) in days and D(2025, 3, 1) == days[-1]


def test_the_bank_on_a_past_day_leaves_out_what_was_recorded_later(bank_world):
    before_reversal = credit_bank(learner=bank_world["learner"], on=D(2026, 5, 15))
    assert before_reversal.by_source[StudySource.OFFLINE].class_hours == Decimal("44.00")
    assert not any(line.is_reversal or line.is_reversed for line in before_reversal.entries)


def test_online_study_is_counted_per_course_under_the_per_day_rule(study, clock):
    learner = study["learner"]
    second = make_course(study["course"].get_parent().specific, title="第二门课")
    second_lesson = add_video_lesson(second, minutes=30)
    enrolment_create(learner=learner, course=second)
    # 7 minutes of each course on 1 May, 10 more of the first on 2 May.
    for when, lesson, minutes in (
        (shanghai(2026, 5, 1, 9), study["video"], 7),
        (shanghai(2026, 5, 1, 11), second_lesson, 7),
        (shanghai(2026, 5, 2, 9), study["video"], 10),
    ):
        session = start(learner, lesson, when=when)
        for index in range(minutes * 2 + 1):
            beat(session, index, when + datetime.timedelta(seconds=30 * index), 30.0 * index)
    bank = credit_bank(learner=learner)
    by_course = {row.course_id: row for row in bank.by_course}
    # Each course-day on its own: 420 s = 0.1555… → 0.15; 600 s = 0.2222… → 0.22.
    assert (by_course[study["course"].pk].online_minutes, by_course[study["course"].pk].class_hours) == (
        17,
        Decimal("0.37"),
    )
    assert (by_course[second.pk].online_minutes, by_course[second.pk].class_hours) == (7, Decimal("0.15"))
    # The day total rounds once: 840 s on 1 May = 0.31, so the online total is a hundredth more.
    assert bank.by_source[StudySource.ONLINE].class_hours == Decimal("0.53")
    assert sum(row.class_hours for row in bank.by_course) == Decimal("0.52")


# 我的学习


def test_home_shows_this_years_hours_by_source_and_each_requirement_with_what_remains(client, bank_world):
    soup = page(client, bank_world["learner"].user, HOME)
    section = soup.select_one(".my-learning")
    totals = {
        row["data-source"]: row.select("td")[-2].get_text(strip=True)
        for row in section.select("tr[data-source]")
    }
    assert totals == {"online": "2.50", "offline": "0.00", "recognised": "3.00", "total": "5.50"}
    annual = section.select_one('[data-requirement="principal_annual"]')
    assert annual.select_one("progress")["value"] == "34"  # 5.5 of 16, rounded down
    text = annual.get_text(" ", strip=True)
    assert "5.50" in text and "16" in text and "10.50" in text and "2026-12-31" in text
    assert "verdict-status--in_progress" in str(annual)
    assert "第九条" in annual.select_one("details").get_text()
    initial = section.select_one('[data-requirement="principal_initial"]')
    assert "verdict-status--overdue" in str(initial) and "2025-06-30" in initial.get_text()
    assert section.select_one(f'a[href="{reverse("training:my_bank")}"]')
    assert section.select_one(f'a[href="{reverse("training:my_hours_certificate")}"]')


def test_home_suggests_live_courses_for_the_persons_roles_and_industry_they_are_not_taking(
    client, academy, bank_world
):
    coal = academy.sub_colleges["coal"]
    suggested = make_course(coal, title="煤矿主要负责人再培训", audiences=("principal",))
    for_workers = make_course(coal, title="煤矿从业人员安全", audiences=("worker",))
    taking = make_course(coal, title="已选课程", audiences=("principal",))
    enrolment_create(learner=bank_world["learner"], course=taking)
    make_course(academy.sub_colleges["chemicals"], title="化工主要负责人", audiences=("principal",))
    make_course(coal, title="特种作业", audiences=("special_operator",))
    make_course(coal, title="未发布", audiences=("principal",), publish=False)
    soup = page(client, bank_world["learner"].user, HOME)
    titles = {link.get_text(strip=True) for link in soup.select(".gap-course a")}
    assert titles == {suggested.title, for_workers.title}


def test_at_most_five_courses_are_suggested(client, academy, bank_world):
    for number in range(GAP_COURSES_LIMIT + 2):
        make_course(academy.sub_colleges["coal"], title=f"课程{number}", audiences=("principal",))
    assert len(my_learning(learner=bank_world["learner"]).gap_courses) == GAP_COURSES_LIMIT


def test_no_courses_are_suggested_when_no_hours_are_short(academy, clock):
    learner = make_learner()
    engage(learner, make_enterprise(industry="coal"), roles=["worker"], started_on=D(2025, 1, 1))
    make_course(academy.sub_colleges["coal"], audiences=("worker",))
    learning = my_learning(learner=learner)
    assert [verdict.requirement for verdict in learning.verdicts] == ["worker_assessment"]
    assert learning.gap_courses == []


def test_a_worker_with_no_current_engagement_is_told_so(client, academy, clock):
    learner = make_learner(password="pw")
    soup = page(client, learner.user, HOME)
    assert soup.select_one(".my-learning__no-engagement")
    assert not soup.select(".my-requirement")


def test_the_home_page_makes_the_same_number_of_queries_whatever_the_records(client, academy, bank_world):
    learner = bank_world["learner"]
    make_course(academy.sub_colleges["coal"], audiences=("principal",), title="首门课")
    client.force_login(learner.user)
    count_queries(client, HOME)  # fills the caches a first visit fills
    before = count_queries(client, HOME)
    reviewer = bank_world["reviewer"]
    # Small amounts, so that the hours stay short and the suggestions are still made.
    for day in range(1, 20):
        online_day(learner, D(2026, 2, day), 30, "0.01", "0.0006")
        entry(learner, day=D(2024, 1, day), source=StudySource.RECOGNISED, class_hours="0.1", by=reviewer)
    engage(learner, make_enterprise(industry="chemicals"), roles=["special_operator", "team_leader"])
    for number in range(8):
        make_course(academy.sub_colleges["coal"], audiences=("principal",), title=f"课{number}")
    count_queries(client, HOME)
    assert my_learning(learner=learner).gap_courses
    assert count_queries(client, HOME) == before


# The bank page


def test_the_bank_page_shows_totals_by_source_year_and_course_and_the_entries(client, bank_world):
    soup = page(client, bank_world["learner"].user, BANK)
    totals = {
        row["data-source"]: row.select("td")[-2].get_text(strip=True)
        for row in soup.select("#bank-by-source tr[data-source]")
    }
    assert totals == {"online": "2.50", "offline": "40.00", "recognised": "3.00", "total": "45.50"}
    assert [row["data-year"] for row in soup.select("#bank-by-year tr[data-year]")] == ["2026", "2025"]
    reversal = soup.select_one(f'tr[data-entry="{bank_world["reversal"].pk}"]')
    reversed_row = soup.select_one(f'tr[data-entry="{bank_world["offline"].pk}"]')
    assert "bank-line--reversal" in reversal["class"] and "签到表不符" in reversal.get_text()
    assert "bank-line--reversed" in reversed_row["class"] and reversed_row.select_one("s")
    assert soup.select_one(f'a[href="{reverse("training:my_hours_certificate")}"]')


def test_a_worker_sees_only_their_own_bank(client, bank_world):
    other = make_learner(name="路人甲", password="pw")
    online_day(other, D(2026, 5, 3), 2700, "1.00", "0.0625")
    soup = page(client, other.user, BANK)
    assert [row["data-year"] for row in soup.select("#bank-by-year tr[data-year]")] == ["2026"]
    assert not soup.select("tr[data-entry]")
    assert "签到表不符" not in soup.get_text()


def test_an_account_without_a_learner_record_has_no_bank(client, db):
    client.force_login(make_user())
    assert client.get(BANK).status_code == 404


def test_the_bank_page_makes_the_same_number_of_queries_whatever_the_records(client, study, bank_world):
    learner = bank_world["learner"]
    enrolment_create(learner=learner, course=study["course"])

    def study_at(when):
        session = start(learner, study["video"], when=when)
        for index in range(3):
            beat(session, index, when + datetime.timedelta(seconds=30 * index), 30.0 * index)

    study_at(shanghai(2026, 5, 5, 9))
    client.force_login(learner.user)
    count_queries(client, BANK)
    before = count_queries(client, BANK)
    reviewer = bank_world["reviewer"]
    for day in range(1, 15):
        online_day(learner, D(2026, 2, day), 3600, "1.33", "0.0831")
        entry(learner, day=D(2024, 1, day), source=StudySource.OFFLINE, class_hours="1", by=reviewer)
    for day in range(6, 10):
        study_at(shanghai(2026, 5, day, 9))
    other = make_course(study["course"].get_parent().specific, title="另一门课")
    enrolment_create(learner=learner, course=other)
    session = start(learner, add_video_lesson(other), when=shanghai(2026, 5, 20, 9))
    beat(session, 0, shanghai(2026, 5, 20, 9), 0.0)
    beat(session, 1, shanghai(2026, 5, 20, 9, 0, 30), 30.0)
    assert len(credit_bank(learner=learner).by_course) == 2
    assert count_queries(client, BANK) == before


@pytest.mark.parametrize("url", [HOME, BANK])
def test_signed_out_visitors_are_sent_to_sign_in(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
