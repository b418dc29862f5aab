"""Seed the first conversion standard and the requirements of the domain notes, and convert what is
already recorded (online days, offline attendances) under that standard."""

import datetime
from decimal import ROUND_DOWN, Decimal

from django.db import migrations

FIRST_DAY = datetime.date(2020, 1, 1)

PLAN = "吉林省高危行业领域安全技能提升行动计划实施方案"
RULE_9 = (
    "《生产经营单位安全培训规定》第九条：煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼等生产经营单位"
    "主要负责人和安全生产管理人员安全资格培训时间不得少于48学时；每年再培训时间不得少于16学时。"
)
PLAN_MANAGERS = (
    f"{PLAN}：高危行业企业主要负责人和安全生产管理人员初次培训时间不得少于48学时，每年再培训时间不得少于16学时，"
    "通过安全生产知识和管理能力考核并合格；对发生人员死亡事故负有责任的企业主要负责人、实际控制人和安全管理人员，"
    "应当重新参加安全生产知识和管理能力培训并考核合格。"
)
RULE_13 = (
    "《生产经营单位安全培训规定》第十三条：煤矿、非煤矿山、危险化学品、烟花爆竹、金属冶炼等生产经营单位"
    "新上岗的从业人员安全培训时间不得少于72学时，每年再培训的时间不得少于20学时。"
)
PLAN_NEW_HIRES = (
    f"{PLAN}：高危企业新上岗人员安全培训时间不得少于72学时，新员工和所有在岗员工培训考试合格后方可上岗。"
)
PLAN_SPECIAL = (
    f"{PLAN}：企业要根据国家明确的特种作业项目设置岗位，严格落实先持证后上岗制度；特种作业人员100%持证上岗。"
)
PLAN_EDUCATION = f"{PLAN}：特别针对危险化学品特种作业人员，必须具备高中或者相当于高中及以上文化程度。"
PLAN_ASSESSMENT = f"{PLAN}：高危企业在岗和新招录人员100%培训考核合格后上岗。"

REQUIREMENTS = [
    # code, role, kind, title, class hours, days allowed, restarts on accident, certificate, education,
    # industry, basis
    (
        "principal_initial",
        "principal",
        "initial_hours",
        "主要负责人初次安全培训",
        "48",
        180,
        True,
        "",
        "",
        "",
        f"{PLAN_MANAGERS}\n{RULE_9}",
    ),
    (
        "principal_annual",
        "principal",
        "annual_hours",
        "主要负责人每年再培训",
        "16",
        0,
        False,
        "",
        "",
        "",
        f"{PLAN_MANAGERS}\n{RULE_9}",
    ),
    (
        "safety_manager_initial",
        "safety_manager",
        "initial_hours",
        "安全生产管理人员初次安全培训",
        "48",
        180,
        True,
        "",
        "",
        "",
        f"{PLAN_MANAGERS}\n{RULE_9}",
    ),
    (
        "safety_manager_annual",
        "safety_manager",
        "annual_hours",
        "安全生产管理人员每年再培训",
        "16",
        0,
        False,
        "",
        "",
        "",
        f"{PLAN_MANAGERS}\n{RULE_9}",
    ),
    (
        "new_hire_pre_job",
        "new_hire",
        "initial_hours",
        "新上岗人员岗前安全培训",
        "72",
        0,
        False,
        "",
        "",
        "",
        f"{PLAN_NEW_HIRES}\n{RULE_13}",
    ),
    (
        "new_hire_annual",
        "new_hire",
        "annual_hours",
        "新上岗人员每年再培训",
        "20",
        0,
        False,
        "",
        "",
        "",
        RULE_13,
    ),
    (
        "special_operator_certificate",
        "special_operator",
        "certificate",
        "特种作业操作证（先持证后上岗）",
        None,
        0,
        False,
        "special_operation",
        "",
        "",
        PLAN_SPECIAL,
    ),
    (
        "special_operator_education",
        "special_operator",
        "education",
        "危险化学品特种作业人员高中及以上文化程度",
        None,
        0,
        False,
        "",
        "senior_high",
        "chemicals",
        PLAN_EDUCATION,
    ),
    (
        "worker_assessment",
        "worker",
        "assessment",
        "培训考核合格后上岗",
        None,
        0,
        False,
        "",
        "",
        "",
        PLAN_ASSESSMENT,
    ),
]


def _class_hours(seconds, minutes_per_class_hour, daily_class_hours):
    hours = min(Decimal(seconds) / Decimal(60 * minutes_per_class_hour), daily_class_hours)
    return hours.quantize(Decimal("0.01"), rounding=ROUND_DOWN)


def _credits(class_hours, per_credit):
    return (class_hours / per_credit).quantize(Decimal("0.0001"), rounding=ROUND_DOWN)


def seed(apps, schema_editor):
    ConversionStandard = apps.get_model("credits", "ConversionStandard")
    Requirement = apps.get_model("credits", "Requirement")
    DailyStudy = apps.get_model("credits", "DailyStudy")
    OfflineAttendance = apps.get_model("credits", "OfflineAttendance")
    BankEntry = apps.get_model("credits", "BankEntry")
    standard = ConversionStandard.objects.create(
        effective_from=FIRST_DAY,
        note="线上学习课时转换标准（初始版本）：45分钟为1学时，每日最多8学时，16学时为1学分。",
    )
    for (
        code,
        role,
        kind,
        title,
        hours,
        days,
        restarts,
        certificate,
        education,
        industry,
        basis,
    ) in REQUIREMENTS:
        Requirement.objects.create(
            code=code,
            role=role,
            kind=kind,
            title=title,
            class_hours=Decimal(hours) if hours else None,
            period_days=days,
            restarts_on_accident=restarts,
            certificate_kind=certificate,
            minimum_education=education,
            industry=industry,
            basis=basis,
            effective_from=FIRST_DAY,
        )
    for day in DailyStudy.objects.all():
        day.class_hours = _class_hours(
            day.credited_seconds, standard.minutes_per_class_hour, standard.daily_online_class_hours
        )
        day.credits = _credits(day.class_hours, standard.class_hours_per_credit)
        day.save(update_fields=["class_hours", "credits"])
    for attendance in OfflineAttendance.objects.select_related("training"):
        training = attendance.training
        hours = (training.class_hours * standard.offline_factor).quantize(
            Decimal("0.01"), rounding=ROUND_DOWN
        )
        entry = BankEntry.objects.create(
            learner_id=attendance.learner_id,
            earned_on=training.held_on,
            source="offline",
            class_hours=hours,
            credits=_credits(hours, standard.class_hours_per_credit),
            offline_attendance=attendance,
            created_by_id=training.recorded_by_id,
            created_at=training.recorded_at,
        )
        withdrawal = getattr(training, "withdrawal", None)
        if withdrawal is not None:
            BankEntry.objects.create(
                learner_id=attendance.learner_id,
                earned_on=training.held_on,
                source="offline",
                class_hours=-entry.class_hours,
                credits=-entry.credits,
                offline_attendance=attendance,
                reverses=entry,
                reason=withdrawal.reason,
                created_by_id=withdrawal.withdrawn_by_id,
                created_at=withdrawal.withdrawn_at,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("credits", "0007_conversion_standard_requirements_recognition_bank"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
