"""A principal of a coal mine with a credit bank of every source, for the bank, home, API and PDF tests.

On 1 June 2026 (the clock of these tests) the bank holds:
- 2025: 40 offline class hours (earned 1 March 2025);
- 2026: 2.50 online (a day of study on 1 May), 3 recognised, and 4 offline that were reversed.
So 45.50 class hours in all, 5.50 this year: the initial 48 are overdue (due 30 June 2025) and the
annual 16 are in progress, 10.50 short, due 31 December 2026.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine

from credits.bank.services import bank_entry_correct, bank_entry_reverse
from credits.study.crediting import STUDY_TIME_ZONE
from credits.study.models import DailyStudy, StudySource
from tests.learners.factories import engage, make_enterprise, make_learner, make_user

D = datetime.date
NOW = datetime.datetime(2026, 6, 1, 10, tzinfo=STUDY_TIME_ZONE)


def shanghai(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=STUDY_TIME_ZONE)


def online_day(learner, day: datetime.date, seconds: int, class_hours: str, credits: str) -> DailyStudy:
    return DailyStudy.objects.create(
        learner=learner,
        study_day=day,
        credited_seconds=seconds,
        class_hours=Decimal(class_hours),
        credits=Decimal(credits),
    )


def entry(learner, *, day, source, class_hours, by, reason="test", at=None):
    with time_machine.travel(at or shanghai(day.year, day.month, day.day, 18), tick=False):
        return bank_entry_correct(
            learner=learner,
            earned_on=day,
            source=source,
            class_hours=Decimal(class_hours),
            by=by,
            reason=reason,
        )


def build_bank(*, name: str = "欧阳娜娜", industry: str = "coal", prefecture: str = "changchun"):
    enterprise = make_enterprise(name="吉林煤业有限公司", industry=industry, prefecture=prefecture)
    learner = make_learner(name=name, password="pw")
    engage(learner, enterprise, roles=["principal"], started_on=D(2025, 1, 1))
    reviewer = make_user(first_name="审核员")
    entry(
        learner, day=D(2025, 3, 1), source=StudySource.OFFLINE, class_hours="40", by=reviewer, reason="班前会"
    )
    online_day(learner, D(2026, 5, 1), 6750, "2.50", "0.1562")
    entry(
        learner,
        day=D(2026, 4, 1),
        source=StudySource.RECOGNISED,
        class_hours="3",
        by=reviewer,
        reason="职校课程",
    )
    offline = entry(learner, day=D(2026, 5, 10), source=StudySource.OFFLINE, class_hours="4", by=reviewer)
    with time_machine.travel(shanghai(2026, 5, 20, 9), tick=False):
        reversal = bank_entry_reverse(entry=offline, by=reviewer, reason="签到表不符")
    return {
        "enterprise": enterprise,
        "learner": learner,
        "reviewer": reviewer,
        "offline": offline,
        "reversal": reversal,
    }


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def bank_world(db, clock):
    return build_bank()
