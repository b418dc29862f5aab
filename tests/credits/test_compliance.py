"""Verdicts from the stored records: windows by day in Asia/Shanghai, reproducible past reports, one
person in two enterprises, and a query count that does not grow with people or records."""

import datetime
from decimal import Decimal

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from credits.bank.services import bank_entry_correct, bank_entry_reverse
from credits.compliance.selectors import (
    enterprise_compliance,
    hours_by_learner,
    people_compliance,
    rules_in_force,
)
from credits.compliance.verdicts import Status
from credits.rules.models import Requirement
from credits.study.crediting import STUDY_TIME_ZONE
from credits.study.models import StudySource
from learners.services import assessment_record
from tests.credits.factories import beat, start
from tests.learners.factories import engage, make_enterprise, make_learner, make_user

D = datetime.date


def shanghai(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=STUDY_TIME_ZONE)


def study_minutes(learner, lesson, begin: datetime.datetime, minutes: int, seq_from: int = 0):
    session = start(learner, lesson, when=begin)
    for index in range(minutes * 2 + 1):
        beat(session, seq_from + index, begin + datetime.timedelta(seconds=30 * index), 30.0 * index)


def test_study_either_side_of_midnight_on_new_years_eve_counts_in_its_own_year(study):
    learner = study["learner"]
    # 9 minutes up to 23:59:00 on 31 December, then 9 minutes from 00:01 on 1 January (Asia/Shanghai).
    study_minutes(learner, study["video"], shanghai(2026, 12, 31, 23, 50), 9)
    study_minutes(learner, study["reading"], shanghai(2027, 1, 1, 0, 1), 9)
    on_new_years_eve = hours_by_learner(learner_ids=[learner.pk], on=D(2026, 12, 31))[learner.pk]
    assert (on_new_years_eve.this_year, on_new_years_eve.until_day) == (Decimal("0.20"), Decimal("0.20"))
    new_year = hours_by_learner(learner_ids=[learner.pk], on=D(2027, 1, 1))[learner.pk]
    assert (new_year.this_year, new_year.last_year, new_year.until_day) == (
        Decimal("0.20"),
        Decimal("0.20"),
        Decimal("0.40"),
    )


def test_a_report_for_a_past_day_is_not_changed_by_what_is_recorded_later(db):
    learner = make_learner()
    reviewer = make_user()
    with time_machine.travel(shanghai(2026, 6, 1, 10), tick=False):
        entry = bank_entry_correct(
            learner=learner,
            earned_on=D(2026, 5, 1),
            source=StudySource.ONLINE,
            class_hours=Decimal("10"),
            by=reviewer,
            reason="x",
        )
    with time_machine.travel(shanghai(2026, 7, 1, 10), tick=False):
        bank_entry_reverse(entry=entry, by=reviewer, reason="forged")
        bank_entry_correct(
            learner=learner,
            earned_on=D(2026, 5, 2),
            source=StudySource.ONLINE,
            class_hours=Decimal("3"),
            by=reviewer,
            reason="y",
        )
    as_of_june = hours_by_learner(learner_ids=[learner.pk], on=D(2026, 6, 30))[learner.pk]
    assert as_of_june.this_year == Decimal("10.00")
    as_of_july = hours_by_learner(learner_ids=[learner.pk], on=D(2026, 7, 1))[learner.pk]
    assert as_of_july.this_year == Decimal("3.00")


def test_a_person_in_two_enterprises_is_judged_on_each_engagement(db):
    learner = make_learner()
    mine, other = make_enterprise(industry="coal"), make_enterprise(industry="chemicals")
    engage(learner, mine, roles=["principal"], started_on=D(2026, 1, 1))
    engage(learner, other, roles=["worker"], started_on=D(2026, 1, 1))
    on = D(2026, 3, 1)
    [at_mine] = enterprise_compliance(enterprise=mine, on=on)
    [at_other] = enterprise_compliance(enterprise=other, on=on)
    assert "principal_initial" in {verdict.requirement for verdict in at_mine.verdicts}
    # The other employer is not told that the person is a principal elsewhere.
    assert {verdict.requirement for verdict in at_other.verdicts} == {"worker_assessment"}


def test_an_engagement_that_has_ended_or_not_begun_is_not_judged(db):
    learner = make_learner()
    enterprise = make_enterprise()
    engage(learner, enterprise, started_on=D(2026, 1, 1), ended_on=D(2026, 2, 28))
    assert enterprise_compliance(enterprise=enterprise, on=D(2026, 3, 1)) == []
    assert enterprise_compliance(enterprise=enterprise, on=D(2025, 12, 31)) == []
    assert len(enterprise_compliance(enterprise=enterprise, on=D(2026, 2, 28))) == 1


def test_a_new_version_of_a_requirement_applies_from_its_day(db):
    Requirement.objects.create(
        code="principal_initial",
        industry="coal",
        effective_from=D(2027, 1, 1),
        role="principal",
        kind="initial_hours",
        title="煤矿主要负责人初次安全培训",
        class_hours=Decimal("60"),
        period_days=180,
        basis="test",
    )
    by_code = lambda rules: {(rule.code, rule.industry): rule for rule in rules}  # noqa: E731
    assert by_code(rules_in_force(D(2026, 12, 31)))[("principal_initial", "")].class_hours == Decimal("48")
    assert ("principal_initial", "coal") not in by_code(rules_in_force(D(2026, 12, 31)))
    assert by_code(rules_in_force(D(2027, 1, 1)))[("principal_initial", "coal")].class_hours == Decimal("60")


def test_passing_an_assessment_unblocks_a_worker(db):
    learner = make_learner()
    enterprise = make_enterprise()
    engage(learner, enterprise, started_on=D(2026, 1, 1))
    [before] = enterprise_compliance(enterprise=enterprise, on=D(2026, 3, 1))
    assert before.status == Status.BLOCKED
    assessment_record(
        learner=learner, kind="pre_job", assessed_on=D(2026, 1, 1), passed=True, recorded_by=None
    )
    [after] = enterprise_compliance(enterprise=enterprise, on=D(2026, 3, 1))
    assert after.status == Status.MET


def _people(enterprise, count: int):
    reviewer = make_user()
    for index in range(count):
        learner = make_learner(name=f"工人{index}")
        engage(learner, enterprise, roles=["principal", "team_leader"] if index % 2 else ["special_operator"])
        for day in range(3):
            bank_entry_correct(
                learner=learner,
                earned_on=D(2026, 1, 1 + day),
                source=StudySource.OFFLINE,
                class_hours=Decimal("2"),
                by=reviewer,
                reason="r",
            )


def test_the_number_of_queries_does_not_grow_with_people_or_records(db):
    enterprise = make_enterprise()
    _people(enterprise, 2)
    with CaptureQueriesContext(connection) as few:
        assert len(people_compliance(learner_ids=[], on=D(2026, 3, 1))) == 0
        assert len(enterprise_compliance(enterprise=enterprise, on=D(2026, 3, 1))) == 2
    _people(enterprise, 10)
    with CaptureQueriesContext(connection) as many:
        assert len(people_compliance(learner_ids=[], on=D(2026, 3, 1))) == 0
        assert len(enterprise_compliance(enterprise=enterprise, on=D(2026, 3, 1))) == 12
    assert len(many) == len(few)


def test_the_bank_follows_a_worker_to_a_new_employer(db):
    learner = make_learner()
    former, new = make_enterprise(industry="coal"), make_enterprise(industry="coal")
    engage(learner, former, roles=["safety_manager"], started_on=D(2025, 1, 1), ended_on=D(2026, 2, 28))
    engage(learner, new, roles=["safety_manager"], started_on=D(2026, 3, 1))
    with time_machine.travel(shanghai(2025, 3, 1, 17), tick=False):
        bank_entry_correct(
            learner=learner,
            earned_on=D(2025, 3, 1),
            source=StudySource.OFFLINE,
            class_hours=Decimal("48"),
            by=make_user(),
            reason="initial training at the former employer",
        )
    [person] = enterprise_compliance(enterprise=new, on=D(2026, 4, 1))
    initial = next(verdict for verdict in person.verdicts if verdict.requirement == "safety_manager_initial")
    assert (initial.status, initial.class_hours_earned) == (Status.MET, Decimal("48.00"))


def test_a_special_operator_is_judged_on_the_operation_items_of_the_post(db):
    from learners.services import certificate_record

    learner = make_learner()
    enterprise = make_enterprise()
    engage(
        learner, enterprise, roles=["special_operator"], operation_items=["低压电工作业", "焊接与热切割作业"]
    )
    certificate_record(
        learner=learner,
        kind="special_operation",
        operation_item="低压电工作业",
        number="T1",
        issuing_authority="吉林省应急管理厅",
        issued_on=D(2025, 1, 1),
        valid_until=D(2031, 1, 1),
    )
    [person] = enterprise_compliance(enterprise=enterprise, on=D(2026, 3, 1))
    verdict = next(v for v in person.verdicts if v.requirement == "special_operator_certificate")
    assert (verdict.status, verdict.missing_items) == (Status.BLOCKED, ("焊接与热切割作业",))
