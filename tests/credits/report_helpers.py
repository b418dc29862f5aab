"""People for the compliance report tests: a realistic mix of roles and records, any number of them.

Each person gets online study (daily summaries), an offline bank entry and, depending on their profile,
an assessment, certificates and an education, so every query of a report has rows to read."""

import datetime
import itertools
from dataclasses import dataclass
from decimal import Decimal

from credits.bank.models import BankEntry
from credits.study.crediting import STUDY_TIME_ZONE
from credits.study.models import DailyStudy, StudySource
from learners import services
from learners.models import AssessmentKind, CertificateKind
from tests.learners.factories import engage, make_learner

D = datetime.date
ON = D(2026, 6, 15)  # the day the tests' reports are about
HIRED = D(2024, 3, 1)

_serial = itertools.count(1)


@dataclass(frozen=True)
class Profile:
    roles: tuple[str, ...]
    position: str
    assessed: bool = True
    education: str = "senior_high"
    special_certificate: bool = False
    qualification: bool = False


PROFILES = [
    # 48 initial hours due 180 days after hire and 16 last year, neither earned: overdue.
    Profile(("principal",), "厂长"),
    Profile(("team_leader", "worker"), "班组长", qualification=True),
    Profile(("special_operator",), "电工", special_certificate=True),
    # Nothing recorded that the rules need: blocked, and the reports say what is missing.
    Profile(("special_operator",), "焊工", assessed=False, education=""),
    Profile(("worker",), "操作工"),
]


def shanghai(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=STUDY_TIME_ZONE)


def add_person(
    enterprise,
    *,
    profile: Profile | None = None,
    name: str = "",
    employment_type: str = "own",
    started_on: datetime.date = HIRED,
):
    serial = next(_serial)
    profile = profile or PROFILES[serial % len(PROFILES)]
    learner = make_learner(name=name or f"员工{serial:04d}")
    if profile.education:
        learner.education = profile.education
        learner.save(update_fields=["education"])
    engage(
        learner,
        enterprise,
        roles=profile.roles,
        position=profile.position,
        employment_type=employment_type,
        started_on=started_on,
    )
    for day, hours in ((D(2025, 5, 6), "3.00"), (D(2026, 2, 3), "2.50"), (D(2026, 5, 20), "1.25")):
        DailyStudy.objects.create(
            learner=learner,
            study_day=day,
            credited_seconds=int(Decimal(hours) * 45 * 60),
            class_hours=Decimal(hours),
            credits=Decimal(hours) / 16,
        )
    BankEntry.objects.create(
        learner=learner,
        earned_on=D(2026, 3, 1),
        source=StudySource.OFFLINE,
        class_hours=Decimal("4.00"),
        credits=Decimal("0.2500"),
        created_at=shanghai(2026, 3, 2, 9),
    )
    if profile.assessed:
        services.assessment_record(
            learner=learner, kind=AssessmentKind.IN_POST, assessed_on=D(2024, 2, 20), passed=True
        )
    if profile.special_certificate:
        services.certificate_record(
            learner=learner,
            kind=CertificateKind.SPECIAL_OPERATION,
            number=f"T{serial:08d}",
            issuing_authority="吉林省应急管理厅",
            issued_on=D(2023, 1, 10),
            operation_item="低压电工作业",
            valid_until=D(2029, 1, 9),
        )
    if profile.qualification:
        services.certificate_record(
            learner=learner,
            kind=CertificateKind.SKILL_LEVEL,
            number=f"S{serial:08d}",
            issuing_authority="吉林省人力资源和社会保障厅",
            issued_on=D(2022, 6, 1),
        )
    return learner


def add_people(enterprise, count: int, **fields) -> list:
    return [add_person(enterprise, **fields) for _ in range(count)]
