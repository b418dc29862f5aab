"""Demo accounts and people. The password is published in the README: local use only.

Identity numbers and credit codes are checksum-valid fakes from `learners.fake`; names are
drawn from common surnames and given names, so no real person is meant.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.permissions import COURSE_EDITORS, PUBLICITY_STAFF, REVIEWERS
from learners import services
from learners.choices import Industry, Prefecture, Role
from learners.fake import fake_credit_code, fake_identity_number
from learners.models import AuthorityUser, CertificateKind, EmploymentType, Enterprise

DEMO_PASSWORD = "academy-demo"
DEMO_ENTERPRISE_CODE = fake_credit_code(1)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强海燕红梅玉兰春雷宏斌晓东立新文博浩然子轩欣怡嘉怡思远"

# (name, industry, prefecture, size, people)
ENTERPRISES = [
    ("长春示范化工有限公司", Industry.CHEMICALS, Prefecture.CHANGCHUN, "large", 80),
    ("吉林市松江冶炼有限责任公司", Industry.METALLURGY, Prefecture.JILIN, "medium", 60),
    ("通化二道江煤业有限公司", Industry.COAL, Prefecture.TONGHUA, "medium", 60),
    ("白山长白矿业有限公司", Industry.NON_COAL_MINES, Prefecture.BAISHAN, "small", 40),
    ("松原油田作业服务有限公司", Industry.OIL_GAS, Prefecture.SONGYUAN, "large", 50),
    ("四平冷链食品有限公司", Industry.AMMONIA_REFRIGERATION, Prefecture.SIPING, "small", 30),
]
POSITIONS = {
    Role.PRINCIPAL: "总经理",
    Role.SAFETY_MANAGER: "安全科科长",
    Role.SAFETY_DIRECTOR: "安全总监",
    Role.SPECIAL_OPERATOR: "电工",
    Role.TEAM_LEADER: "生产班组长",
    Role.NEW_HIRE: "操作工（见习）",
    Role.WORKER: "操作工",
}
OPERATION_ITEMS = [
    "低压电工作业",
    "熔化焊接与热切割作业",
    "高处安装、维护、拆除作业",
    "氨工艺作业",
    "煤矿井下电气作业",
]


def _operation_item_for(index: int) -> str:
    """The item of the certificate a demo special operator holds, which is also what their post needs."""
    return OPERATION_ITEMS[index % len(OPERATION_ITEMS)]


def _user(username: str, **fields):
    user, created = get_user_model().objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user, created


def seed_accounts(*, stdout) -> None:
    _, created = _user("admin", is_staff=True, is_superuser=True, first_name="管理员")
    if created:
        stdout.write("Created demo account admin (superuser).")
    # The editorial groups come from cms.permissions (run before this by seed_demo and by a migration).
    editor, _ = _user("editor", first_name="编辑")
    # Wagtail's own "Editors" group may edit anywhere, the policy column included: course editors may not.
    editor.groups.remove(*Group.objects.filter(name="Editors"))
    for username, first_name, group in (
        ("editor", "编辑", COURSE_EDITORS),
        ("publicity", "宣传", PUBLICITY_STAFF),
        ("reviewer", "审核", REVIEWERS),
    ):
        user, created = _user(username, first_name=first_name)
        user.groups.add(Group.objects.get(name=group))
        if created:
            stdout.write(f"Created demo account {username} ({group} group).")


# People (by index in an enterprise) appointed two months ago, so that an initial-training requirement is
# still in progress in the demo.
RECENTLY_APPOINTED = frozenset({11})


def _role_for(index: int) -> list[str]:
    """Every role appears; most people are workers, as in a real plant."""
    cycle = [
        [Role.PRINCIPAL],
        [Role.SAFETY_MANAGER],
        [Role.SAFETY_DIRECTOR],
        [Role.SPECIAL_OPERATOR],
        [Role.TEAM_LEADER, Role.SPECIAL_OPERATOR],
        [Role.TEAM_LEADER],
        [Role.NEW_HIRE],
        [Role.NEW_HIRE],
        [Role.SAFETY_MANAGER],
        [Role.SAFETY_MANAGER],
        [Role.NEW_HIRE],
        [Role.PRINCIPAL],  # the actual controller, appointed recently (see RECENTLY_APPOINTED)
        [Role.SAFETY_MANAGER],
    ]
    return (
        cycle[index] if index < len(cycle) else ([Role.SPECIAL_OPERATOR] if index % 5 == 0 else [Role.WORKER])
    )


def seed_people(*, stdout, today: datetime.date | None = None) -> None:
    """Enterprises in six prefectures with a few hundred people, certificates (some expiring) and
    the demo accounts `worker`, `enterprise` and `authority`. Safe to run twice."""
    if Enterprise.objects.filter(credit_code=DEMO_ENTERPRISE_CODE).exists():
        return
    today = today or datetime.date.today()
    rng = random.Random(2026)
    serial = 0
    enterprises = []
    for number, (name, industry, prefecture, size, people) in enumerate(ENTERPRISES, start=1):
        enterprise = services.enterprise_create(
            name=name,
            credit_code=fake_credit_code(number),
            industry=industry,
            prefecture=prefecture,
            size=size,
        )
        enterprises.append(enterprise)
        for index in range(people):
            serial += 1
            learner = services.learner_create(
                identity_number=fake_identity_number(serial),
                name=rng.choice(SURNAMES)
                + rng.choice(GIVEN)
                + (rng.choice(GIVEN) if rng.random() < 0.6 else ""),
                phone=f"1380431{serial:04d}",
                education=rng.choice(["junior_high", "senior_high", "senior_high", "college", "bachelor"]),
            )
            roles = _role_for(index)
            employment_type = (
                EmploymentType.DISPATCHED
                if index % 7 == 3
                else EmploymentType.OUTSOURCED
                if index % 11 == 4
                else EmploymentType.OWN
            )
            new_hire = Role.NEW_HIRE in roles
            started_on = today - datetime.timedelta(
                days=60
                if index in RECENTLY_APPOINTED
                else rng.randint(5, 40)
                if new_hire
                else rng.randint(400, 4000)
            )
            services.engagement_create(
                learner=learner,
                enterprise=enterprise,
                position=POSITIONS[roles[0]],
                roles=roles,
                employment_type=employment_type,
                started_on=started_on,
                operation_items=[_operation_item_for(index)] if Role.SPECIAL_OPERATOR in roles else [],
            )
            _seed_certificates(
                learner=learner, enterprise=enterprise, roles=roles, today=today, rng=rng, index=index
            )

    demo_enterprise = enterprises[0]
    enterprise_user, _ = _user("enterprise", first_name="企业管理员")
    services.enterprise_administrator_add(enterprise=demo_enterprise, user=enterprise_user)
    stdout.write(f"Created demo account enterprise (administrator of {demo_enterprise.name}).")

    authority_user, _ = _user("authority", first_name="长春市应急管理局")
    AuthorityUser.objects.get_or_create(
        user=authority_user, defaults={"prefecture": demo_enterprise.prefecture}
    )
    stdout.write("Created demo account authority (Changchun emergency-management bureau).")

    _seed_worker(enterprise=demo_enterprise, former=enterprises[1], today=today, stdout=stdout)


def _seed_certificates(*, learner, enterprise, roles, today, rng, index) -> None:
    if Role.SPECIAL_OPERATOR in roles:
        # Within the three years before the first review (复审), which the demo does not record.
        issued_on = today - datetime.timedelta(days=rng.randint(120, 1000))
        # Some expire soon or have expired, so the warnings show in the demo.
        valid_until = (
            [
                today + datetime.timedelta(days=20),
                today + datetime.timedelta(days=50),
                today - datetime.timedelta(days=10),
            ][index % 3]
            if index % 4 == 0
            else issued_on + datetime.timedelta(days=6 * 365)
        )
        services.certificate_record(
            learner=learner,
            kind=CertificateKind.SPECIAL_OPERATION,
            operation_item=_operation_item_for(index),
            number=f"T{learner.identity_number[:6]}{index:05d}",
            issuing_authority="吉林省应急管理厅",
            issued_on=issued_on,
            next_review_on=min(issued_on + datetime.timedelta(days=3 * 365), valid_until),
            valid_until=max(valid_until, issued_on),
            enterprise=enterprise,
        )
    if Role.PRINCIPAL in roles or Role.SAFETY_MANAGER in roles:
        issued_on = today - datetime.timedelta(days=rng.randint(100, 900))
        services.certificate_record(
            learner=learner,
            kind=CertificateKind.SAFETY_QUALIFICATION,
            number=f"A{learner.identity_number[:6]}{index:05d}",
            issuing_authority="长春市应急管理局",
            issued_on=issued_on,
            valid_until=issued_on + datetime.timedelta(days=3 * 365),
            enterprise=enterprise,
        )
    if Role.TEAM_LEADER in roles:
        services.certificate_record(
            learner=learner,
            kind=CertificateKind.SKILL_LEVEL,
            operation_item="化工总控工（四级）",
            number=f"S{learner.identity_number[:6]}{index:05d}",
            issuing_authority="吉林省职业技能鉴定中心",
            issued_on=today - datetime.timedelta(days=rng.randint(100, 2000)),
            enterprise=enterprise,
        )


def _seed_worker(*, enterprise, former, today, stdout) -> None:
    """`worker`: a special operator with a history — a former job, a renewed certificate, assessments."""
    learner = services.learner_create(
        identity_number=fake_identity_number(9999),
        name="李建国",
        phone="13804310000",
        education="senior_high",
    )
    services.engagement_create(
        learner=learner,
        enterprise=former,
        position="焊工",
        roles=[Role.WORKER],
        started_on=today - datetime.timedelta(days=6 * 365),
        ended_on=today - datetime.timedelta(days=3 * 365 + 30),
    )
    services.engagement_create(
        learner=learner,
        enterprise=enterprise,
        position="电工",
        roles=[Role.SPECIAL_OPERATOR, Role.TEAM_LEADER],
        started_on=today - datetime.timedelta(days=3 * 365),
        operation_items=["低压电工作业"],
    )
    first = services.certificate_record(
        learner=learner,
        kind=CertificateKind.SPECIAL_OPERATION,
        operation_item="低压电工作业",
        number="T220102000001",
        issuing_authority="吉林省应急管理厅",
        issued_on=today - datetime.timedelta(days=6 * 365 + 40),
        valid_until=today - datetime.timedelta(days=40),
        enterprise=former,
    )
    services.certificate_record(
        learner=learner,
        renews=first,
        kind=first.kind,
        number="T220102000001-R",
        issuing_authority="吉林省应急管理厅",
        issued_on=today - datetime.timedelta(days=45),
        next_review_on=today + datetime.timedelta(days=3 * 365 - 45),
        valid_until=today + datetime.timedelta(days=6 * 365 - 45),
        enterprise=enterprise,
    )
    services.assessment_record(
        learner=learner,
        kind="special_operation",
        title="低压电工作业复审考试",
        assessed_on=today - datetime.timedelta(days=50),
        score=92,
        passed=True,
        enterprise=enterprise,
    )
    services.assessment_record(
        learner=learner,
        kind="in_post",
        title="年度在岗安全培训考核",
        assessed_on=today - datetime.timedelta(days=200),
        score=85,
        passed=True,
        enterprise=enterprise,
    )
    user = services.learner_set_password(learner=learner, password=DEMO_PASSWORD)
    if user.username != "worker":
        user.username = "worker"
        user.save(update_fields=["username"])
    stdout.write("Created demo account worker (李建国, signs in as worker, 13804310000 or identity number).")
