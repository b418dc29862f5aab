"""Reads for the verdicts: the facts of any number of people gathered in a fixed number of queries,
judged by the pure rules of `credits.compliance.verdicts`, for one person, an enterprise or an authority.

Figures are as the records stood at the end of the day asked about: online study up to that day, and
bank entries (offline, recognised, corrections) earned by then *and recorded by then*, so a report for
a past day is reproducible whatever is recorded later.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone

from credits.bank.models import BankEntry
from credits.compliance.verdicts import (
    ZERO,
    CertificateFact,
    Facts,
    Hours,
    RoleHeld,
    Rule,
    Status,
    Verdict,
    overall_status,
    verdicts,
)
from credits.rules.conversion import summed
from credits.rules.models import Requirement
from credits.study.crediting import STUDY_TIME_ZONE
from credits.study.models import DailyStudy
from learners.choices import Industry, Role
from learners.identity import identity_number_mask
from learners.lifelong_file.selectors import certificate_deadline
from learners.models import (
    AccidentRecord,
    Assessment,
    Certificate,
    CertificateKind,
    Engagement,
    Enterprise,
    Learner,
)

# The domain notes' certificate-holding targets: of team leaders (any industry) and of all employees in
# the industries the plan names.
TEAM_LEADER_TARGET_PERCENT = 20
EMPLOYEE_TARGET_PERCENT = 30
EMPLOYEE_TARGET_INDUSTRIES = frozenset(
    {Industry.CHEMICALS, Industry.COAL, Industry.NON_COAL_MINES, Industry.METALLURGY, Industry.OIL_GAS}
)
QUALIFICATION_KINDS = (CertificateKind.VOCATIONAL_QUALIFICATION, CertificateKind.SKILL_LEVEL)
ACCIDENT_ROLES = (Role.PRINCIPAL, Role.SAFETY_MANAGER)
# `Role.values` builds its list anew on every call; a report asks for it for every person.
ROLE_ORDER = tuple(Role.values)


def rules_in_force(on: datetime.date) -> list[Rule]:
    """The version of every requirement (per code and industry) in force on `on`; one query."""
    latest: dict[tuple[str, str], Rule] = {}
    for row in Requirement.objects.filter(effective_from__lte=on).order_by(
        "code", "industry", "-effective_from"
    ):
        key = (row.code, row.industry)
        if key not in latest:
            latest[key] = Rule(
                code=row.code,
                role=row.role,
                kind=row.kind,
                title=row.title,
                basis=row.basis,
                industry=row.industry,
                class_hours=row.class_hours,
                period_days=row.period_days,
                restarts_on_accident=row.restarts_on_accident,
                certificate_kind=row.certificate_kind,
                minimum_education=row.minimum_education,
                active=row.active,
                effective_from=row.effective_from,
            )
    return list(latest.values())


def end_of_day(on: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(on + datetime.timedelta(days=1), datetime.time(), tzinfo=STUDY_TIME_ZONE)


def _accident_on(on: datetime.date) -> Subquery:
    return Subquery(
        AccidentRecord.objects.filter(
            learner_id=OuterRef("learner_id"), with_deaths=True, role__in=ACCIDENT_ROLES, occurred_on__lte=on
        )
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )


def _window_sums(queryset: QuerySet, day_field: str, on: datetime.date):
    year_start = datetime.date(on.year, 1, 1)
    last_year = (datetime.date(on.year - 1, 1, 1), datetime.date(on.year - 1, 12, 31))
    # The accident date is looked up per row only for the few people responsible for one: the database
    # checks the (hashed, uncorrelated) list of those people first and stops there for everyone else.
    responsible = AccidentRecord.objects.filter(
        with_deaths=True, role__in=ACCIDENT_ROLES, occurred_on__lte=on
    ).values("learner_id")
    return (
        queryset.filter(**{f"{day_field}__lte": on})
        .annotate(accident_on=_accident_on(on))
        .values("learner_id")
        .annotate(
            until_day=Sum("class_hours"),
            since_accident=Sum(
                "class_hours",
                filter=Q(learner_id__in=responsible) & Q(**{f"{day_field}__gte": F("accident_on")}),
            ),
            this_year=Sum("class_hours", filter=Q(**{f"{day_field}__gte": year_start})),
            last_year=Sum("class_hours", filter=Q(**{f"{day_field}__range": last_year})),
        )
        .values_list("learner_id", "until_day", "since_accident", "this_year", "last_year")
    )


def hours_by_learner(*, learner_ids, on: datetime.date) -> dict[int, Hours]:
    """Class hours of every source in the rules' windows, summed by the database: two queries."""
    totals: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO, ZERO])
    online = _window_sums(DailyStudy.objects.filter(learner_id__in=learner_ids), "study_day", on)
    bank = _window_sums(
        BankEntry.objects.filter(learner_id__in=learner_ids, created_at__lt=end_of_day(on)), "earned_on", on
    )
    for query in (online, bank):
        for learner_id, *sums in query:
            row = totals[learner_id]
            for index, value in enumerate(sums):
                row[index] += value or ZERO
    return {learner_id: Hours(*(summed(value) for value in sums)) for learner_id, sums in totals.items()}


@dataclass(frozen=True)
class Person:
    learner_id: int
    name: str
    identity_number_masked: str
    facts: Facts
    verdicts: tuple[Verdict, ...]
    # The engagements the report is about (one enterprise's, or all current ones for the person).
    positions: tuple[str, ...] = ()
    employment_types: tuple[str, ...] = ()
    enterprise_ids: tuple[int, ...] = ()

    @property
    def status(self) -> str:
        return overall_status(self.verdicts)

    @property
    def roles(self) -> tuple[str, ...]:
        codes = {role.role for role in self.facts.roles}
        return tuple(code for code in ROLE_ORDER if code in codes)


def people_compliance(
    *,
    learner_ids,
    on: datetime.date,
    enterprise_ids: Iterable[int] | QuerySet | None = None,
    per_enterprise: bool = False,
) -> list[Person]:
    """The verdicts of the people `learner_ids` (ids or a values queryset) on `on`, judged on their
    current engagements with `enterprise_ids` (all current engagements when None) — or, with
    `per_enterprise`, once per enterprise on that enterprise's engagements only. Eight queries, whatever
    the number of people and records. People with no such engagement are left out."""
    engagements = Engagement.objects.current(on).filter(learner_id__in=learner_ids)
    if enterprise_ids is not None:
        engagements = engagements.filter(enterprise_id__in=enterprise_ids)
    roles: dict[tuple, set[RoleHeld]] = defaultdict(set)
    positions: dict[tuple, dict[str, None]] = defaultdict(dict)
    types: dict[tuple, dict[str, None]] = defaultdict(dict)
    enterprises: dict[tuple, dict[int, None]] = defaultdict(dict)
    rows = engagements.values_list(
        "learner_id",
        "roles__role",
        "enterprise__industry",
        "started_on",
        "position",
        "employment_type",
        "enterprise_id",
        "operation_items",
    )
    for learner_id, role, industry, started_on, position, employment_type, enterprise_id, items in rows:
        key = (learner_id, enterprise_id if per_enterprise else None)
        items = tuple(items or ()) if role == Role.SPECIAL_OPERATOR else ()
        # An engagement with no role category recorded is still work: the rules for every worker apply.
        roles[key].add(RoleHeld(role or Role.WORKER, industry, started_on, items))
        positions[key][position] = None
        types[key][employment_type] = None
        enterprises[key][enterprise_id] = None
    # The people found, as the caller's subquery when it gave one: thousands of ids written into each
    # of the following queries cost more to build and parse than the subquery costs to run.
    ids = (
        learner_ids
        if isinstance(learner_ids, QuerySet)
        else list({learner_id for learner_id, _enterprise in roles})
    )
    people = {
        pk: (name, identity_number, education)
        for pk, name, identity_number, education in Learner.objects.filter(pk__in=ids).values_list(
            "pk", "name", "identity_number", "education"
        )
    }
    hours = hours_by_learner(learner_ids=ids, on=on)
    certificates: dict[int, list[CertificateFact]] = defaultdict(list)
    renewed = Certificate.objects.filter(renews=OuterRef("pk"))
    for learner_id, kind, item, issued_on, valid_until, next_review_on, superseded in (
        Certificate.objects.filter(learner_id__in=ids, issued_on__lte=on)
        .annotate(superseded=Exists(renewed.filter(issued_on__lte=on)))
        .values_list(
            "learner_id", "kind", "operation_item", "issued_on", "valid_until", "next_review_on", "superseded"
        )
    ):
        certificates[learner_id].append(
            CertificateFact(
                kind=kind,
                issued_on=issued_on,
                deadline=certificate_deadline(valid_until=valid_until, next_review_on=next_review_on),
                superseded=superseded,
                operation_item=item,
            )
        )
    assessed = dict(
        Assessment.objects.filter(learner_id__in=ids, passed=True, assessed_on__lte=on)
        .values("learner_id")
        .annotate(last=Max("assessed_on"))
        .values_list("learner_id", "last")
    )
    accidents = dict(
        AccidentRecord.objects.filter(
            learner_id__in=ids, with_deaths=True, role__in=ACCIDENT_ROLES, occurred_on__lte=on
        )
        .values("learner_id")
        .annotate(last=Max("occurred_on"))
        .values_list("learner_id", "last")
    )
    rules = rules_in_force(on)
    result = []
    for key, held in roles.items():
        learner_id = key[0]
        name, identity_number, education = people[learner_id]
        facts = Facts(
            roles=tuple(sorted(held, key=lambda role: (role.role, role.started_on, role.industry))),
            hours=hours.get(learner_id, Hours()),
            education=education,
            accident_on=accidents.get(learner_id),
            certificates=tuple(certificates[learner_id]),
            passed_assessment_on=assessed.get(learner_id),
        )
        result.append(
            Person(
                learner_id=learner_id,
                name=name,
                identity_number_masked=identity_number_mask(identity_number),
                facts=facts,
                verdicts=tuple(verdicts(facts=facts, rules=rules, on=on)),
                positions=tuple(positions[key]),
                employment_types=tuple(types[key]),
                enterprise_ids=tuple(enterprises[key]),
            )
        )
    # Names sort by code point (see the README); the id breaks ties between namesakes.
    result.sort(key=lambda person: (person.name, person.learner_id, person.enterprise_ids))
    return result


def person_compliance(*, learner: Learner, on: datetime.date | None = None) -> Person | None:
    """One person's verdicts on all their current engagements; None when they have none (the page then
    says no engagement is recorded)."""
    on = on or timezone.localdate()
    found = people_compliance(learner_ids=[learner.pk], on=on)
    return found[0] if found else None


@dataclass(frozen=True)
class Ratio:
    holders: int
    total: int
    target_percent: int

    @property
    def percent(self) -> int:
        return 100 * self.holders // self.total if self.total else 0

    @property
    def reached(self) -> bool:
        return self.total > 0 and self.holders * 100 >= self.target_percent * self.total


@dataclass(frozen=True)
class Summary:
    """Totals of a set of people: by overall status, by role and status, and the holding ratios."""

    people: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_role: dict[str, dict[str, int]] = field(default_factory=dict)
    team_leaders: Ratio = Ratio(0, 0, TEAM_LEADER_TARGET_PERCENT)
    employees: Ratio | None = None  # only for the industries the plan names


def _holds_qualification(person: Person, on: datetime.date) -> bool:
    return any(
        certificate.kind in QUALIFICATION_KINDS
        and not certificate.superseded
        and (certificate.deadline is None or certificate.deadline >= on)
        for certificate in person.facts.certificates
    )


def summarise(people: list[Person], *, on: datetime.date, industry: str | None = None) -> Summary:
    by_status = Counter(person.status for person in people)
    by_role: dict[str, Counter] = defaultdict(Counter)
    for person in people:
        for role in person.roles:
            by_role[role][person.status] += 1
    leaders = [person for person in people if Role.TEAM_LEADER in person.roles]
    employees = None
    if industry in EMPLOYEE_TARGET_INDUSTRIES:
        employees = Ratio(
            sum(_holds_qualification(person, on) for person in people), len(people), EMPLOYEE_TARGET_PERCENT
        )
    return Summary(
        people=len(people),
        by_status={status: by_status.get(status, 0) for status in Status.values},
        by_role={
            role: {status: by_role[role].get(status, 0) for status in Status.values}
            for role in Role.values
            if role in by_role
        },
        team_leaders=Ratio(
            sum(_holds_qualification(person, on) for person in leaders),
            len(leaders),
            TEAM_LEADER_TARGET_PERCENT,
        ),
        employees=employees,
    )


@dataclass(frozen=True)
class PersonFilter:
    status: str = ""
    role: str = ""
    position: str = ""
    employment_type: str = ""

    def keeps(self, person: Person) -> bool:
        return (
            (
                not self.status
                or person.status == self.status
                or any(v.status == self.status for v in person.verdicts)
            )
            and (not self.role or self.role in person.roles)
            and (not self.position or self.position in person.positions)
            and (not self.employment_type or self.employment_type in person.employment_types)
        )


def enterprise_compliance(*, enterprise: Enterprise, on: datetime.date | None = None) -> list[Person]:
    """Everyone engaged with `enterprise` on `on` (own staff, dispatched and outsourced workers it uses),
    judged on their engagements with it; a constant number of queries."""
    on = on or timezone.localdate()
    engaged = Engagement.objects.current(on).filter(enterprise=enterprise).values("learner_id")
    return people_compliance(learner_ids=engaged, on=on, enterprise_ids=[enterprise.pk])


@dataclass(frozen=True)
class EnterpriseFigures:
    enterprise_id: int
    name: str
    industry: str
    prefecture: str
    summary: Summary


def enterprises_compliance(
    *, enterprises: QuerySet[Enterprise], on: datetime.date | None = None
) -> list[EnterpriseFigures]:
    """The summary of each enterprise in `enterprises` (an authority's scope): every engaged person judged
    on their engagements with that enterprise. A person engaged with two enterprises counts in both."""
    on = on or timezone.localdate()
    rows = list(enterprises.order_by("name", "pk").values_list("pk", "name", "industry", "prefecture"))
    enterprise_ids = [row[0] for row in rows]
    people = people_compliance(
        learner_ids=Engagement.objects.current(on)
        .filter(enterprise_id__in=enterprise_ids)
        .values("learner_id"),
        on=on,
        enterprise_ids=enterprise_ids,
        per_enterprise=True,
    )
    by_enterprise: dict[int, list[Person]] = defaultdict(list)
    for person in people:
        by_enterprise[person.enterprise_ids[0]].append(person)
    return [
        EnterpriseFigures(
            pk, name, industry, prefecture, summarise(by_enterprise.get(pk, []), on=on, industry=industry)
        )
        for pk, name, industry, prefecture in rows
    ]
