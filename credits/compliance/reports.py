"""Compliance reports: what the enterprise and authority dashboards, their Excel downloads and the report
API show, read through `credits.compliance.selectors` (which gathers the facts in a constant number of queries and
judges them with the pure rules of `credits.compliance.verdicts`).

Filters narrow the table of people; the summary, its charts and the certificate-holding ratios are
always about everyone engaged, so a filtered table never hides how the enterprise stands. Who may see
which enterprise is decided by `learners.access`; the callers pass only enterprises the viewer sees.
"""

import calendar
import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from credits.compliance.selectors import (
    TEAM_LEADER_TARGET_PERCENT,
    EnterpriseFigures,
    Person,
    PersonFilter,
    Ratio,
    Summary,
    enterprise_compliance,
    enterprises_compliance,
    summarise,
)
from credits.compliance.verdicts import KIND_ORDER, Status
from learners.choices import Industry, Prefecture, Role
from learners.models import EmploymentType, Enterprise

PAGE_SIZE = 50


@dataclass(frozen=True)
class Row:
    """One person in a report, with the labels every view of the row shows."""

    person: Person

    @property
    def status_label(self) -> str:
        return str(Status(self.person.status).label)

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(code).label) for code in self.person.roles]

    @property
    def employment_type_labels(self) -> list[str]:
        return [str(EmploymentType(code).label) for code in self.person.employment_types if code]


@dataclass(frozen=True)
class Requirement:
    """A requirement column of the report: the requirements that concern at least one person."""

    code: str
    title: str


@dataclass(frozen=True)
class EnterpriseReport:
    enterprise: Enterprise
    on: datetime.date
    rows: list[Row]  # the people the filter keeps
    summary: Summary  # of everyone engaged
    positions: list[str]  # every position held, for the position filter
    requirements: list[Requirement]


def requirement_columns(people: Sequence[Person]) -> list[Requirement]:
    """Each requirement judged for someone, in role then kind order (as a person's verdicts are)."""
    role_order = {code: index for index, code in enumerate(Role.values)}
    kind_order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    found = {}
    for person in people:
        for verdict in person.verdicts:
            found.setdefault(verdict.requirement, verdict)
    ordered = sorted(
        found.values(), key=lambda v: (role_order.get(v.role, 99), kind_order.get(v.kind, 99), v.requirement)
    )
    return [Requirement(verdict.requirement, verdict.title) for verdict in ordered]


def enterprise_report(
    *, enterprise: Enterprise, on: datetime.date, person_filter: PersonFilter | None = None
) -> EnterpriseReport:
    """Everyone engaged with `enterprise` on `on` (own, dispatched and outsourced), one row per person."""
    everyone = enterprise_compliance(enterprise=enterprise, on=on)
    person_filter = person_filter or PersonFilter()
    return EnterpriseReport(
        enterprise=enterprise,
        on=on,
        rows=[Row(person) for person in everyone if person_filter.keeps(person)],
        summary=summarise(everyone, on=on, industry=enterprise.industry),
        positions=sorted({position for person in everyone for position in person.positions if position}),
        requirements=requirement_columns(everyone),
    )


def paginate(rows: Sequence, *, page, per_page: int = PAGE_SIZE) -> Page:
    """A page of rows already in memory (a report is computed whole); no query."""
    return Paginator(rows, per_page).get_page(page)


def month_ends(on: datetime.date) -> list[datetime.date]:
    """The last day of each month of `on`'s year up to `on`'s month; `on` itself for that month."""
    ends = []
    for month in range(1, on.month + 1):
        last = datetime.date(on.year, month, calendar.monthrange(on.year, month)[1])
        ends.append(min(last, on))
    return ends


@dataclass(frozen=True)
class MonthCounts:
    on: datetime.date  # the day the statuses are judged on: the month's end (or the report's day)
    by_status: dict[str, int]

    @property
    def label(self) -> str:
        return f"{self.on:%Y-%m}"


def status_by_month(
    *, enterprise: Enterprise, on: datetime.date, on_day: dict[str, int] | None = None
) -> list[MonthCounts]:
    """Everyone's overall status at the end of each month of the year so far: the same constant number of
    queries for each month, whatever the number of people and records. `on_day`, the counts on `on`
    already known from the report's summary, saves judging that day twice."""
    result = []
    for end in month_ends(on):
        if end == on and on_day is not None:
            result.append(MonthCounts(end, {status: on_day.get(status, 0) for status in Status.values}))
            continue
        counts = Counter(person.status for person in enterprise_compliance(enterprise=enterprise, on=end))
        result.append(MonthCounts(end, {status: counts.get(status, 0) for status in Status.values}))
    return result


# Authorities: the same figures per enterprise, then summed per industry and per prefecture.


def status_cells(by_status: dict[str, int]) -> list[tuple[str, str, int]]:
    """(code, label, count) in `Status` order, for tables with a column per status."""
    return [(status, Status(status).label, by_status.get(status, 0)) for status in Status.values]


@dataclass(frozen=True)
class EnterpriseRow:
    figures: EnterpriseFigures

    @property
    def industry_label(self) -> str:
        return str(Industry(self.figures.industry).label)

    @property
    def prefecture_label(self) -> str:
        return str(Prefecture(self.figures.prefecture).label)

    @property
    def status_cells(self) -> list[tuple[str, str, int]]:
        return status_cells(self.figures.summary.by_status)


@dataclass(frozen=True)
class Group:
    """Enterprises summed: a person engaged with two of them counts in each, as each must train them."""

    key: str
    label: str
    enterprises: int = 0
    people: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    team_leaders: Ratio = Ratio(0, 0, TEAM_LEADER_TARGET_PERCENT)
    employees: Ratio | None = None

    @property
    def status_cells(self) -> list[tuple[str, str, int]]:
        return status_cells(self.by_status)


@dataclass(frozen=True)
class AuthorityReport:
    on: datetime.date
    enterprises: list[EnterpriseFigures]
    by_prefecture: list[Group]
    by_industry: list[Group]
    total: Group

    @property
    def rows(self) -> list[EnterpriseRow]:
        return [EnterpriseRow(figures) for figures in self.enterprises]


def _add(ratio: Ratio | None, other: Ratio | None) -> Ratio | None:
    if other is None:
        return ratio
    if ratio is None:
        return other
    return Ratio(ratio.holders + other.holders, ratio.total + other.total, ratio.target_percent)


def _group(key: str, label: str, figures: list[EnterpriseFigures]) -> Group:
    by_status: Counter = Counter()
    leaders = Ratio(0, 0, TEAM_LEADER_TARGET_PERCENT)
    employees = None
    for figure in figures:
        by_status.update(figure.summary.by_status)
        leaders = _add(leaders, figure.summary.team_leaders)
        employees = _add(employees, figure.summary.employees)
    return Group(
        key=key,
        label=label,
        enterprises=len(figures),
        people=sum(figure.summary.people for figure in figures),
        by_status={status: by_status.get(status, 0) for status in Status.values},
        team_leaders=leaders,
        employees=employees,
    )


def _groups(figures: list[EnterpriseFigures], attribute: str, choices) -> list[Group]:
    return [
        _group(code, label, members)
        for code, label in choices
        if (members := [figure for figure in figures if getattr(figure, attribute) == code])
    ]


def authority_enterprises(
    *, visible: QuerySet[Enterprise], prefecture: str = "", industry: str = ""
) -> QuerySet[Enterprise]:
    """`visible` (from `learners.access.enterprises_visible_to`) narrowed by prefecture and industry."""
    if prefecture:
        visible = visible.filter(prefecture=prefecture)
    if industry:
        visible = visible.filter(industry=industry)
    return visible


def authority_report(*, enterprises: QuerySet[Enterprise], on: datetime.date) -> AuthorityReport:
    """Per enterprise, per prefecture and per industry, for the enterprises an authority user may see."""
    figures = enterprises_compliance(enterprises=enterprises, on=on)
    return AuthorityReport(
        on=on,
        enterprises=figures,
        by_prefecture=_groups(figures, "prefecture", Prefecture.choices),
        by_industry=_groups(figures, "industry", Industry.choices),
        total=_group("", "", figures),
    )
