"""The requirement rules at their edges: pure functions, no database."""

import datetime
from decimal import Decimal

import pytest

from credits.compliance.verdicts import (
    CertificateFact,
    Facts,
    Hours,
    Missing,
    RoleHeld,
    Rule,
    Status,
    overall_status,
    rules_for,
    verdicts,
)

D = datetime.date
H = Decimal

INITIAL = Rule(
    code="principal_initial",
    role="principal",
    kind="initial_hours",
    title="initial",
    basis="art. 9",
    class_hours=H("48"),
    period_days=180,
    restarts_on_accident=True,
)
ANNUAL = Rule(
    code="principal_annual",
    role="principal",
    kind="annual_hours",
    title="annual",
    basis="art. 9",
    class_hours=H("16"),
)
PRE_JOB = Rule(
    code="new_hire_pre_job",
    role="new_hire",
    kind="initial_hours",
    title="pre-job",
    basis="art. 13",
    class_hours=H("72"),
)
CERTIFICATE = Rule(
    code="special_operator_certificate",
    role="special_operator",
    kind="certificate",
    title="certificate",
    basis="plan",
    certificate_kind="special_operation",
)
EDUCATION = Rule(
    code="special_operator_education",
    role="special_operator",
    kind="education",
    title="education",
    basis="plan",
    minimum_education="senior_high",
    industry="chemicals",
)
ASSESSMENT = Rule(
    code="worker_assessment", role="worker", kind="assessment", title="assessment", basis="plan"
)
ALL = [INITIAL, ANNUAL, PRE_JOB, CERTIFICATE, EDUCATION, ASSESSMENT]


def judge(*roles: RoleHeld, on: D, rules=ALL, **facts) -> dict[str, object]:
    found = verdicts(facts=Facts(roles=roles, **facts), rules=rules, on=on)
    return {verdict.requirement: verdict for verdict in found}


MARCH_1 = D(2026, 3, 1)
LONG_AGO = D(2020, 1, 1)


def principal(started_on=MARCH_1, industry="coal") -> RoleHeld:
    return RoleHeld("principal", industry, started_on)


# Initial hours: due on taking up the role plus the days allowed.


@pytest.mark.parametrize(
    ("earned", "on", "status"),
    [
        (H("47.99"), D(2026, 8, 28), Status.IN_PROGRESS),  # the due day itself: still in time
        (H("47.99"), D(2026, 8, 29), Status.OVERDUE),  # the day after
        (H("48.00"), D(2026, 8, 29), Status.MET),  # met late is met
        (H("48.00"), D(2026, 3, 1), Status.MET),
    ],
)
def test_initial_hours_are_due_the_allowed_days_after_taking_up_the_role(earned, on, status):
    verdict = judge(principal(), on=on, hours=Hours(until_day=earned))["principal_initial"]
    assert verdict.status == status
    assert verdict.due == D(2026, 8, 28)  # 1 March + 180 days
    assert verdict.class_hours_short == max(H("48") - earned, H("0"))


def test_pre_job_hours_are_due_on_the_first_day_of_work():
    started = D(2026, 11, 2)
    on_first_day = judge(RoleHeld("new_hire", "coal", started), on=started, hours=Hours(until_day=H("71.99")))
    next_day = judge(
        RoleHeld("new_hire", "coal", started),
        on=started + datetime.timedelta(days=1),
        hours=Hours(until_day=H("71.99")),
    )
    assert on_first_day["new_hire_pre_job"].status == Status.IN_PROGRESS
    assert next_day["new_hire_pre_job"].status == Status.OVERDUE
    assert next_day["new_hire_pre_job"].due == started


def test_an_accident_with_deaths_restarts_initial_training_from_its_date():
    accident = D(2026, 5, 10)
    before = Hours(until_day=H("200"), since_accident=H("0"))
    verdict = judge(principal(D(2015, 1, 1)), on=accident, hours=before, accident_on=accident)[
        "principal_initial"
    ]
    assert (verdict.status, verdict.due, verdict.counted_from) == (
        Status.IN_PROGRESS,
        D(2026, 11, 6),
        accident,
    )
    assert verdict.class_hours_earned == H("0")
    late = judge(principal(D(2015, 1, 1)), on=D(2026, 11, 7), hours=before, accident_on=accident)
    assert late["principal_initial"].status == Status.OVERDUE
    retrained = Hours(until_day=H("248"), since_accident=H("48"))
    assert (
        judge(principal(D(2015, 1, 1)), on=D(2026, 11, 7), hours=retrained, accident_on=accident)[
            "principal_initial"
        ].status
        == Status.MET
    )


def test_an_accident_before_the_role_was_taken_up_does_not_restart_it():
    verdict = judge(
        principal(D(2026, 3, 1)), on=D(2026, 4, 1), hours=Hours(until_day=H("48")), accident_on=D(2025, 1, 1)
    )["principal_initial"]
    assert verdict.status == Status.MET
    assert verdict.counted_from is None


def test_a_rule_that_does_not_restart_ignores_accidents():
    verdict = judge(
        RoleHeld("new_hire", "coal", D(2026, 1, 5)),
        on=D(2026, 2, 1),
        hours=Hours(until_day=H("72")),
        accident_on=D(2026, 1, 20),
    )
    assert verdict["new_hire_pre_job"].status == Status.MET


# Annual refresher hours: the calendar year.


def test_the_refresher_does_not_apply_in_the_year_the_role_was_taken_up():
    assert (
        judge(principal(D(2026, 3, 1)), on=D(2026, 12, 31))["principal_annual"].status
        == Status.NOT_APPLICABLE
    )


def test_the_refresher_year_ends_at_midnight_on_31_december():
    role = principal(D(2024, 3, 1))
    short = Hours(this_year=H("15.99"), last_year=H("16"))
    on_new_years_eve = judge(role, on=D(2026, 12, 31), hours=short)["principal_annual"]
    assert (on_new_years_eve.status, on_new_years_eve.due) == (Status.IN_PROGRESS, D(2026, 12, 31))
    # The first day of 2027: 2026 ended short, so it is overdue.
    new_year = judge(role, on=D(2027, 1, 1), hours=Hours(this_year=H("0"), last_year=H("15.99")))[
        "principal_annual"
    ]
    assert (new_year.status, new_year.due, new_year.class_hours_earned) == (
        Status.OVERDUE,
        D(2026, 12, 31),
        H("15.99"),
    )
    assert new_year.class_hours_short == H("0.01")


def test_the_first_refresher_year_is_not_overdue_for_the_year_of_appointment():
    # Appointed in 2025: 2025 was covered by initial training, so 2026 starts clean.
    verdict = judge(principal(D(2025, 6, 1)), on=D(2026, 1, 1), hours=Hours(last_year=H("0")))[
        "principal_annual"
    ]
    assert verdict.status == Status.IN_PROGRESS


def test_the_refresher_is_met_at_exactly_the_required_hours():
    verdict = judge(
        principal(D(2020, 1, 1)), on=D(2026, 6, 1), hours=Hours(this_year=H("16"), last_year=H("16"))
    )
    assert verdict["principal_annual"].status == Status.MET
    assert verdict["principal_annual"].percent == 100


# Certificates, education and assessment.


def operator(industry="chemicals"):
    return RoleHeld("special_operator", industry, D(2020, 1, 1))


def certificate(deadline, issued=LONG_AGO, superseded=False):
    return CertificateFact(
        kind="special_operation", issued_on=issued, deadline=deadline, superseded=superseded
    )


@pytest.mark.parametrize(
    ("deadline", "on", "status"),
    [
        (D(2026, 12, 31), D(2026, 12, 31), Status.IN_PROGRESS),  # good through its last day, renewal due
        (D(2026, 12, 31), D(2027, 1, 1), Status.BLOCKED),  # the day after expiry
        (D(2027, 3, 1), D(2026, 12, 31), Status.IN_PROGRESS),  # 60 days left: renew
        (D(2027, 3, 2), D(2026, 12, 31), Status.MET),  # 61 days left
        (None, D(2026, 12, 31), Status.MET),
    ],
)
def test_a_special_operation_certificate_is_good_through_its_deadline_day(deadline, on, status):
    verdict = judge(operator(), on=on, certificates=(certificate(deadline),))["special_operator_certificate"]
    assert verdict.status == status


def test_a_superseded_or_missing_certificate_blocks_work():
    superseded = judge(operator(), on=D(2026, 1, 1), certificates=(certificate(None, superseded=True),))
    assert superseded["special_operator_certificate"].status == Status.BLOCKED
    missing = judge(operator(), on=D(2026, 1, 1))["special_operator_certificate"]
    assert (missing.status, missing.missing) == (Status.BLOCKED, Missing.NO_CERTIFICATE)


def test_a_post_needs_a_good_certificate_for_each_of_its_operation_items():
    post = RoleHeld("special_operator", "chemicals", LONG_AGO, ("低压电工作业", "焊接与热切割作业"))

    def held(item, deadline=None):
        return CertificateFact(
            kind="special_operation", issued_on=LONG_AGO, deadline=deadline, operation_item=item
        )

    one = judge(post, on=D(2026, 1, 1), certificates=(held("低压电工作业"),))["special_operator_certificate"]
    assert (one.status, one.missing_items) == (Status.BLOCKED, ("焊接与热切割作业",))
    assert "焊接与热切割作业" in one.missing_label
    both = judge(
        post, on=D(2026, 1, 1), certificates=(held("低压电工作业"), held("焊接与热切割作业", D(2026, 2, 1)))
    )["special_operator_certificate"]
    # The nearer deadline of the two decides when renewal is due.
    assert (both.status, both.due) == (Status.IN_PROGRESS, D(2026, 2, 1))
    # Full-width and half-width forms are the same item.
    assert (
        judge(
            RoleHeld("special_operator", "chemicals", LONG_AGO, ("高处安装、维护、拆除作业",)),
            on=D(2026, 1, 1),
            certificates=(held("高处安装、维护、拆除作业 "),),
        )["special_operator_certificate"].status
        == Status.MET
    )
    # A certificate for another item does not count; with no items recorded, any good one does.
    assert judge(post, on=D(2026, 1, 1), certificates=(held("高压电工作业"),))[
        "special_operator_certificate"
    ].missing_items == ("低压电工作业", "焊接与热切割作业")
    assert (
        judge(operator(), on=D(2026, 1, 1), certificates=(held("高压电工作业"),))[
            "special_operator_certificate"
        ].status
        == Status.MET
    )


def test_hazardous_chemical_operators_need_senior_high_school():
    assert (
        judge(operator(), on=D(2026, 1, 1), education="senior_high")["special_operator_education"].status
        == Status.MET
    )
    assert (
        judge(operator(), on=D(2026, 1, 1), education="junior_high")["special_operator_education"].status
        == Status.BLOCKED
    )
    unknown = judge(operator(), on=D(2026, 1, 1))["special_operator_education"]
    assert (unknown.status, unknown.missing) == (Status.BLOCKED, Missing.NO_EDUCATION)
    # Only in chemicals: the rule has no version for other industries.
    assert "special_operator_education" not in judge(operator("coal"), on=D(2026, 1, 1))


def test_everyone_engaged_needs_a_passed_assessment():
    found = judge(principal(), on=D(2026, 4, 1))
    assert found["worker_assessment"].status == Status.BLOCKED
    assert (
        judge(principal(), on=D(2026, 4, 1), passed_assessment_on=D(2026, 3, 1))["worker_assessment"].status
        == Status.MET
    )


# Requirements as data.


def test_an_industrys_own_version_overrides_the_general_one():
    coal = Rule(**{**INITIAL.__dict__, "industry": "coal", "class_hours": H("60")})
    assert rules_for([INITIAL, coal], code="principal_initial", industry="coal") is coal
    assert rules_for([INITIAL, coal], code="principal_initial", industry="fireworks") is INITIAL
    assert (
        judge(principal(), on=D(2026, 4, 1), rules=[INITIAL, coal], hours=Hours(until_day=H("50")))[
            "principal_initial"
        ].status
        == Status.IN_PROGRESS
    )


def test_a_withdrawn_requirement_gives_no_verdict():
    withdrawn = Rule(**{**ANNUAL.__dict__, "active": False})
    assert "principal_annual" not in judge(principal(D(2020, 1, 1)), on=D(2026, 4, 1), rules=[withdrawn])


def test_nobody_engaged_has_no_verdicts_and_the_overall_status_says_not_applicable():
    assert verdicts(facts=Facts(), rules=ALL, on=D(2026, 1, 1)) == []
    assert overall_status([]) == Status.NOT_APPLICABLE


def test_the_overall_status_is_the_worst():
    found = judge(
        principal(D(2020, 1, 1)),
        on=D(2026, 4, 1),
        hours=Hours(until_day=H("100"), this_year=H("1"), last_year=H("20")),
        passed_assessment_on=D(2020, 1, 1),
    )
    assert [v.status for v in found.values()] == [Status.MET, Status.IN_PROGRESS, Status.MET]
    assert overall_status(found.values()) == Status.IN_PROGRESS


@pytest.mark.parametrize(
    ("post_item", "certificate_item"),
    [
        ("高压电工 作业", "高压电工作业"),  # an inner space
        ("高压电工作业", "高压电工\u3000作业"),  # an inner ideographic (全角) space
        ("高压电工作业", "高压电工作业\u3000"),  # a trailing ideographic space
        ("A类起重机司机", "Ａ类起重机司机"),  # full-width letters (全角) against half-width (半角)
        ("司索工（2级）", "司索工(２级)"),  # full-width brackets and digits
        ("a类起重机司机", "A类起重机司机"),  # letter case
    ],
)
def test_a_certificate_for_the_same_item_typed_differently_lets_the_operator_work(
    post_item, certificate_item
):
    post = RoleHeld("special_operator", "chemicals", LONG_AGO, (post_item,))
    held = CertificateFact(
        kind="special_operation", issued_on=LONG_AGO, deadline=None, operation_item=certificate_item
    )
    verdict = judge(post, on=D(2026, 1, 1), certificates=(held,))["special_operator_certificate"]
    assert (verdict.status, verdict.missing_items) == (Status.MET, ())


def test_a_certificate_for_another_item_still_blocks_whatever_its_spelling():
    post = RoleHeld("special_operator", "chemicals", LONG_AGO, ("高压电工 作业",))
    held = CertificateFact(
        kind="special_operation", issued_on=LONG_AGO, deadline=None, operation_item="低压电工\u3000作业"
    )
    verdict = judge(post, on=D(2026, 1, 1), certificates=(held,))["special_operator_certificate"]
    # The post's item is named as the post spells it.
    assert (verdict.status, verdict.missing_items) == (Status.BLOCKED, ("高压电工 作业",))


def test_one_item_spelt_two_ways_in_two_posts_needs_one_certificate():
    posts = (
        RoleHeld("special_operator", "chemicals", LONG_AGO, ("高压电工作业",)),
        RoleHeld("special_operator", "chemicals", D(2021, 1, 1), ("高压电工 作业",)),
    )
    held = CertificateFact(
        kind="special_operation", issued_on=LONG_AGO, deadline=D(2026, 2, 1), operation_item="高压电工作业"
    )
    verdict = judge(*posts, on=D(2026, 1, 1), certificates=(held,))["special_operator_certificate"]
    assert (verdict.status, verdict.due, verdict.missing_items) == (Status.IN_PROGRESS, D(2026, 2, 1), ())
