"""Reads for the worker's home ("我的学习"): this year's class hours and credits, the verdicts with what
remains and by when, and the courses of the supermarket that would close a gap in hours.

A fixed number of queries: the verdicts (eight), this year's bank (two) and the suggestions (one).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from courses.enrolments.models import Enrolment
from courses.models import CourseAudience
from courses.selectors import course_list_in_industries
from credits.bank.selectors import CreditBank, credit_bank_years
from credits.compliance.selectors import Person, person_compliance
from credits.compliance.verdicts import Status, Verdict
from credits.rules.models import RequirementKind
from learners.choices import Role
from learners.models import Learner

GAP_COURSES_LIMIT = 5
HOURS_KINDS = (RequirementKind.INITIAL_HOURS, RequirementKind.ANNUAL_HOURS)


def hours_short(verdicts) -> list[Verdict]:
    """The hours requirements not yet met: in progress or overdue, with hours still to earn."""
    return [
        verdict
        for verdict in verdicts
        if verdict.kind in HOURS_KINDS
        and verdict.status in (Status.IN_PROGRESS, Status.OVERDUE)
        and verdict.class_hours_short
    ]


def courses_closing_gap(*, learner: Learner | int, person: Person, limit: int = GAP_COURSES_LIMIT) -> list:
    """Live courses meant for one of the person's roles, in a sub-college of one of their industries,
    that they are not studying now: newest first, at most `limit`; one query."""
    learner_id = getattr(learner, "pk", learner)
    roles = set(person.roles) | {Role.WORKER}
    industries = {role.industry for role in person.facts.roles}
    return list(
        course_list_in_industries(industries=industries)
        .filter(Exists(CourseAudience.objects.filter(course=OuterRef("pk"), role__in=roles)))
        .exclude(
            Exists(
                Enrolment.objects.filter(
                    Q(course=OuterRef("pk")), learner_id=learner_id, dropped_at__isnull=True
                )
            )
        )[:limit]
    )


@dataclass(frozen=True)
class MyLearning:
    on: datetime.date
    person: Person | None  # None: no current engagement, so no requirement can be judged
    bank: CreditBank
    gap_courses: list

    @property
    def verdicts(self):
        return self.person.verdicts if self.person else ()

    @property
    def short(self) -> list[Verdict]:
        return hours_short(self.verdicts)


def my_learning(*, learner: Learner | int, on: datetime.date | None = None) -> MyLearning:
    on = on or timezone.localdate()
    learner_obj = learner if isinstance(learner, Learner) else Learner(pk=learner)
    person = person_compliance(learner=learner_obj, on=on)
    gap_courses = []
    if person is not None and hours_short(person.verdicts):
        gap_courses = courses_closing_gap(learner=learner_obj, person=person)
    return MyLearning(
        on=on, person=person, bank=credit_bank_years(learner=learner_obj, on=on), gap_courses=gap_courses
    )
