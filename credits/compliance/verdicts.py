"""Does a person meet the statutory training requirements on a day? Pure rules over plain values.

The inputs are facts (the roles a person holds and since when, their class hours in the windows that
matter, certificates, education, accidents, assessments) and the requirement versions in force; the
output is one `Verdict` per applicable requirement. `credits.compliance.selectors` gathers the facts for any
number of people in a fixed number of queries; pages, reports, the API and Excel all call `verdicts`.

Windows (all days in Asia/Shanghai):
- initial / pre-job hours: every hour earned up to the day; met once they reach the requirement.
  They are due on the day the role was taken up plus the days the requirement allows (0: before taking
  it up). After an accident with deaths the person is responsible for, a requirement that restarts
  counts only hours earned from the accident date, due from that date.
- annual refresher hours: the calendar year. A role taken up this year is covered by its initial
  training (not applicable); a year that ended short is overdue until a new year's requirement is met.
- certificate: a special-operation certificate good on the day (issued, not expired, not past review,
  not superseded); none → blocked; one whose deadline is within 60 days → in progress, due that day.
- education and assessment: recorded and sufficient, else blocked (the person may not work yet).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learners.choices import Role
from learners.models import CertificateKind, Education
from learners.operation_items import operation_item_key, operation_items_unique

# A certificate whose deadline is this close needs renewing: shown in progress, due on its deadline.
CERTIFICATE_RENEWAL_DAYS = 60
ZERO = Decimal("0.00")

EDUCATION_ORDER = [code for code, _label in Education.choices]


class Status(models.TextChoices):
    MET = "met", _("Met")
    IN_PROGRESS = "in_progress", _("In progress")
    OVERDUE = "overdue", _("Overdue")
    BLOCKED = "blocked", _("Blocked")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


KIND_ORDER = ["initial_hours", "annual_hours", "certificate", "education", "assessment"]

# Worst first: a person's overall status is the worst of their verdicts.
STATUS_SEVERITY = [Status.BLOCKED, Status.OVERDUE, Status.IN_PROGRESS, Status.MET, Status.NOT_APPLICABLE]


class Missing(models.TextChoices):
    """Facts a verdict needed and did not find; reports say which instead of failing."""

    NO_ENGAGEMENT = "no_engagement", _("No current engagement recorded")
    NO_EDUCATION = "no_education", _("Education not recorded")
    NO_CERTIFICATE = "no_certificate", _("No special operation certificate recorded")
    NO_ASSESSMENT = "no_assessment", _("No passed assessment recorded")


@dataclass(frozen=True)
class Rule:
    """One requirement version in force, as plain values."""

    code: str
    role: str
    kind: str
    title: str
    basis: str
    industry: str = ""
    class_hours: Decimal | None = None
    period_days: int = 0
    restarts_on_accident: bool = False
    certificate_kind: str = ""
    minimum_education: str = ""
    active: bool = True
    effective_from: datetime.date = datetime.date(2020, 1, 1)


@dataclass(frozen=True)
class Hours:
    """A person's class hours (all sources) in the windows the rules use."""

    until_day: Decimal = ZERO  # everything earned up to and including the day
    since_accident: Decimal = ZERO  # earned from the accident date up to the day
    this_year: Decimal = ZERO  # 1 January up to the day
    last_year: Decimal = ZERO  # the whole previous calendar year


@dataclass(frozen=True)
class CertificateFact:
    kind: str
    issued_on: datetime.date
    deadline: datetime.date | None  # expiry or next review, whichever is first
    superseded: bool = False
    operation_item: str = ""


@dataclass(frozen=True)
class RoleHeld:
    role: str
    industry: str
    started_on: datetime.date
    # The special-operation items (特种作业操作项目) the post requires, when recorded.
    operation_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Facts:
    roles: tuple[RoleHeld, ...] = ()
    hours: Hours = field(default_factory=Hours)
    education: str = ""
    accident_on: datetime.date | None = None  # latest accident with deaths the person was responsible for
    certificates: tuple[CertificateFact, ...] = ()
    passed_assessment_on: datetime.date | None = None  # latest passed assessment on or before the day


@dataclass(frozen=True)
class Verdict:
    requirement: str
    title: str
    basis: str
    kind: str
    role: str
    status: str
    class_hours_required: Decimal | None = None
    class_hours_earned: Decimal | None = None
    due: datetime.date | None = None
    missing: str = ""
    # The operation items of the post with no good certificate (certificate requirements only).
    missing_items: tuple[str, ...] = ()
    # The first day of the hours window the verdict counted (None: from the beginning).
    counted_from: datetime.date | None = None
    counted_until: datetime.date | None = None

    @property
    def class_hours_short(self) -> Decimal | None:
        if self.class_hours_required is None or self.class_hours_earned is None:
            return None
        return max(self.class_hours_required - self.class_hours_earned, ZERO)

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def missing_label(self) -> str:
        if self.missing_items:
            return gettext("No valid certificate for: %(items)s") % {
                "items": gettext(", ").join(self.missing_items)
            }
        return Missing(self.missing).label if self.missing else ""

    @property
    def percent(self) -> int:
        """Progress towards the hours, whole percent rounded down (never shown done early)."""
        if self.status == Status.MET:
            return 100
        if not self.class_hours_required or self.class_hours_earned is None:
            return 0
        return min(int(100 * self.class_hours_earned // self.class_hours_required), 100)


def rules_for(rules: Iterable[Rule], *, code: str, industry: str) -> Rule | None:
    """The version of `code` for `industry`: the industry's own if it has one, else the general one.
    `rules` are the versions in force on the day (one per code and industry)."""
    general = None
    for rule in rules:
        if rule.code != code:
            continue
        if rule.industry == industry:
            return rule
        if rule.industry == "":
            general = rule
    return general


def _base(rule: Rule) -> dict:
    return {
        "requirement": rule.code,
        "title": rule.title,
        "basis": rule.basis,
        "kind": rule.kind,
        "role": rule.role,
    }


def _hours_verdict(rule: Rule, role: RoleHeld, facts: Facts, on: datetime.date) -> Verdict:
    required = rule.class_hours or ZERO
    base = {**_base(rule), "class_hours_required": required}
    if rule.kind == "initial_hours":
        restart = (
            rule.restarts_on_accident
            and facts.accident_on is not None
            and facts.accident_on >= role.started_on
        )
        reference = facts.accident_on if restart else role.started_on
        earned = facts.hours.since_accident if restart else facts.hours.until_day
        due = reference + datetime.timedelta(days=rule.period_days)
        if earned >= required:
            status = Status.MET
        elif on > due:
            status = Status.OVERDUE
        else:
            status = Status.IN_PROGRESS
        return Verdict(
            **base,
            status=status,
            class_hours_earned=earned,
            due=due,
            counted_from=facts.accident_on if restart else None,
            counted_until=on,
        )
    # Annual refresher.
    if role.started_on.year >= on.year:
        return Verdict(**base, status=Status.NOT_APPLICABLE, class_hours_earned=facts.hours.this_year)
    if role.started_on.year < on.year - 1 and facts.hours.last_year < required:
        return Verdict(
            **base,
            status=Status.OVERDUE,
            class_hours_earned=facts.hours.last_year,
            due=datetime.date(on.year - 1, 12, 31),
            counted_from=datetime.date(on.year - 1, 1, 1),
            counted_until=datetime.date(on.year - 1, 12, 31),
        )
    return Verdict(
        **base,
        status=Status.MET if facts.hours.this_year >= required else Status.IN_PROGRESS,
        class_hours_earned=facts.hours.this_year,
        due=datetime.date(on.year, 12, 31),
        counted_from=datetime.date(on.year, 1, 1),
        counted_until=on,
    )


def _certificate_verdict(rule: Rule, role: RoleHeld, facts: Facts, on: datetime.date) -> Verdict:
    """先持证后上岗: a good certificate for each operation item of the post (any certificate of the kind
    when the post's items are not recorded). The nearest deadline among the certificates needed decides
    when renewal is due. Items are matched by `operation_item_key` (full-width, spaces and case aside)."""
    base = _base(rule)
    good = [
        certificate
        for certificate in facts.certificates
        if certificate.kind == rule.certificate_kind
        and not certificate.superseded
        and certificate.issued_on <= on
        and (certificate.deadline is None or certificate.deadline >= on)
    ]
    needed = role.operation_items if rule.certificate_kind == CertificateKind.SPECIAL_OPERATION else ()
    if needed:
        by_item: dict[str, list[CertificateFact]] = {}
        for certificate in good:
            by_item.setdefault(operation_item_key(certificate.operation_item), []).append(certificate)
        missing_items = tuple(item for item in needed if operation_item_key(item) not in by_item)
        if missing_items:
            return Verdict(
                **base, status=Status.BLOCKED, missing=Missing.NO_CERTIFICATE, missing_items=missing_items
            )
        deadlines = [_latest_deadline(by_item[operation_item_key(item)]) for item in needed]
    else:
        if not good:
            return Verdict(**base, status=Status.BLOCKED, missing=Missing.NO_CERTIFICATE)
        deadlines = [_latest_deadline(good)]
    known = [deadline for deadline in deadlines if deadline is not None]
    deadline = min(known) if known else None
    if deadline is not None and (deadline - on).days <= CERTIFICATE_RENEWAL_DAYS:
        return Verdict(**base, status=Status.IN_PROGRESS, due=deadline)
    return Verdict(**base, status=Status.MET, due=deadline)


def _latest_deadline(certificates: list[CertificateFact]) -> datetime.date | None:
    """Of several good certificates for the same thing, the one good longest counts (None: no end)."""
    deadlines = [certificate.deadline for certificate in certificates]
    return None if None in deadlines else max(deadlines)


def _education_verdict(rule: Rule, facts: Facts) -> Verdict:
    base = _base(rule)
    if not facts.education:
        return Verdict(**base, status=Status.BLOCKED, missing=Missing.NO_EDUCATION)
    enough = EDUCATION_ORDER.index(facts.education) >= EDUCATION_ORDER.index(rule.minimum_education)
    return Verdict(**base, status=Status.MET if enough else Status.BLOCKED)


def _assessment_verdict(rule: Rule, facts: Facts) -> Verdict:
    base = _base(rule)
    if facts.passed_assessment_on is None:
        return Verdict(**base, status=Status.BLOCKED, missing=Missing.NO_ASSESSMENT)
    return Verdict(**base, status=Status.MET)


def verdicts(*, facts: Facts, rules: Iterable[Rule], on: datetime.date) -> list[Verdict]:
    """Every requirement that concerns the person on `on`, in role then requirement order. A role held in
    several enterprises is judged once, from its earliest start; requirements of the role `worker`
    concern everyone engaged."""
    rules = list(rules)
    if not facts.roles:
        return []
    held: dict[tuple[str, str], RoleHeld] = {}
    for role in facts.roles:
        key = (role.role, role.industry)
        earlier = held.get(key)
        if earlier is None:
            held[key] = role
            continue
        # One role held in several posts: judged from the earliest start, for every post's items.
        items = tuple(operation_items_unique(earlier.operation_items + role.operation_items))
        first = min(earlier.started_on, role.started_on)
        held[key] = RoleHeld(role.role, role.industry, first, items)
    everyone = min(facts.roles, key=lambda role: role.started_on)
    held.setdefault(
        (Role.WORKER, everyone.industry), RoleHeld(Role.WORKER, everyone.industry, everyone.started_on)
    )
    results: dict[str, Verdict] = {}
    role_order = {code: index for index, code in enumerate(Role.values)}
    kind_order = {kind: index for index, kind in enumerate(KIND_ORDER)}
    codes = list(dict.fromkeys(rule.code for rule in sorted(rules, key=lambda rule: kind_order[rule.kind])))
    for role in sorted(held.values(), key=lambda role: (role_order[role.role], role.started_on)):
        for code in codes:
            rule = rules_for(rules, code=code, industry=role.industry)
            if rule is None or rule.role != role.role or code in results:
                continue
            if not rule.active:
                continue
            if rule.kind in ("initial_hours", "annual_hours"):
                results[code] = _hours_verdict(rule, role, facts, on)
            elif rule.kind == "certificate":
                results[code] = _certificate_verdict(rule, role, facts, on)
            elif rule.kind == "education":
                results[code] = _education_verdict(rule, facts)
            elif rule.kind == "assessment":
                results[code] = _assessment_verdict(rule, facts)
    return list(results.values())


def overall_status(person_verdicts: Iterable[Verdict]) -> str:
    """The worst status of a person's verdicts (not applicable when there are none)."""
    statuses = {verdict.status for verdict in person_verdicts}
    for status in STATUS_SEVERITY:
        if status in statuses:
            return status
    return Status.NOT_APPLICABLE
