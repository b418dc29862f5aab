"""Demo study and offline training: the demo worker's (李建国) online study so far, and two offline
sessions of the demo enterprise, each with a generated sign-in sheet as its evidence, the worker at the
first. Safe to run twice."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from cms.demo.people import DEMO_ENTERPRISE_CODE
from courses.enrolments.models import EnrolmentSource
from courses.enrolments.selectors import enrolment_list
from courses.models import LessonKind, LessonPage
from courses.selectors import course_lessons
from credits.offline.models import OfflineTraining
from credits.offline.selectors import offline_roster
from credits.offline.services import offline_training_record
from credits.recognition.models import Recognition, RecognitionKind
from credits.recognition.services import recognition_decide, recognition_submit
from credits.study.crediting import STUDY_TIME_ZONE
from credits.study.models import StudyRecord
from credits.study.services import heartbeat_record, presence_confirm, study_session_start
from learners.choices import Role
from learners.models import AssessmentKind, Engagement, Enterprise, Learner
from learners.services import assessment_record

DEMO_WORKER = "李建国"
INITIAL_TOPIC = "主要负责人和安全生产管理人员安全资格培训"
# (topic, days ago, class hours, trainer, location, attendees besides the worker, worker attends)
SESSIONS = [
    ("危险化学品储存与装卸安全操作规程", 30, "4.0", "王海涛（注册安全工程师）", "厂区三楼培训室", 11, True),
    ("有限空间作业应急救援演练", 75, "3.5", "刘志强（安全科科长）", "二号罐区", 14, False),
]


def sign_in_sheet_pdf(*, enterprise: str, topic: str, held_on: datetime.date, names: list[str]) -> bytes:
    """A plain one-page sign-in sheet (签到表), as a stand-in for the stamped scan."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=A4)
    sheet.setFont("STSong-Light", 16)
    sheet.drawString(60, 780, f"{enterprise} 安全培训签到表")
    sheet.setFont("STSong-Light", 11)
    sheet.drawString(60, 755, f"培训主题：{topic}    日期：{held_on:%Y年%m月%d日}")
    for index, name in enumerate(names):
        sheet.drawString(60, 725 - index * 20, f"{index + 1:>2}. {name}    签名：{name}")
    sheet.drawString(380, 80, "（企业盖章）")
    sheet.save()
    return buffer.getvalue()


def seed_offline_training(*, stdout, today: datetime.date | None = None) -> None:
    enterprise = Enterprise.objects.filter(credit_code=DEMO_ENTERPRISE_CODE).first()
    if enterprise is None or OfflineTraining.objects.filter(enterprise=enterprise).exists():
        return
    today = today or timezone.localdate()
    recorded_by = get_user_model().objects.get(username="enterprise")
    worker = Learner.objects.filter(user__username="worker").first()
    for topic, days_ago, class_hours, trainer, location, others, with_worker in SESSIONS:
        held_on = today - datetime.timedelta(days=days_ago)
        roster = [row for row in offline_roster(enterprise=enterprise, on=held_on) if row[1] != DEMO_WORKER]
        attendees = [(pk, name) for pk, name, _masked, _positions in roster[:others]]
        if with_worker and worker is not None:
            attendees.insert(0, (worker.pk, worker.name))
        evidence = ContentFile(
            sign_in_sheet_pdf(
                enterprise=enterprise.name,
                topic=topic,
                held_on=held_on,
                names=[name for _, name in attendees],
            ),
            name="sign-in-sheet.pdf",
        )
        offline_training_record(
            enterprise=enterprise,
            recorded_by=recorded_by,
            topic=topic,
            held_on=held_on,
            class_hours=class_hours,
            trainer=trainer,
            location=location,
            evidence=evidence,
            learner_ids=[pk for pk, _ in attendees],
        )
    stdout.write(f"Recorded {len(SESSIONS)} offline trainings of {enterprise.name}.")


def seed_study(*, stdout, now: datetime.datetime | None = None) -> None:
    """The demo worker's study so far, credited through the heartbeat protocol as a browser would have
    sent it: most of the first lesson of each assigned course three days ago, and the rest of the first
    course's first lesson yesterday, so his courses show progress. Safe to run twice."""
    worker = Learner.objects.filter(user__username="worker").first()
    if worker is None or StudyRecord.objects.filter(learner=worker).exists():
        return
    enrolments = [e for e in enrolment_list(learner=worker) if e.source == EnrolmentSource.ASSIGNED]
    lessons = course_lessons(course_ids=[e.course_id for e in enrolments])
    now = now or timezone.now()
    evening = datetime.time(19, 30, tzinfo=STUDY_TIME_ZONE)
    credited = 0
    for days_ago, share, enrolment in [(3, 0.6, e) for e in enrolments] + [(1, 1.0, enrolments[0])]:
        lesson = next(
            (
                lesson
                for lesson in (LessonPage.objects.get(pk=pk) for pk, _seconds in lessons[enrolment.course_id])
                if lesson.lesson_kind != LessonKind.QUIZ
            ),
            None,
        )
        if lesson is None:
            continue
        lesson_seconds = lesson.minutes * 60
        started = datetime.datetime.combine(now.date() - datetime.timedelta(days=days_ago), evening)
        session = study_session_start(learner=worker, lesson=lesson, now=started)
        beats = int(lesson_seconds * share) // 30 + 1
        position = float(session.last_position_seconds)
        for seq in range(beats + 1):
            moment = started + datetime.timedelta(seconds=30 * seq)
            result = heartbeat_record(
                session_id=session.pk,
                learner_id=worker.pk,
                seq=seq,
                position_seconds=min(position + 30 * seq, lesson_seconds),
                playing=True,
                visible=True,
                playback_rate=1.0,
                now=moment,
            )
            credited += result.credited_now
            if result.presence_check:  # he was there: he answers the "still there?" check
                presence_confirm(session_id=session.pk, learner_id=worker.pk, now=moment)
    stdout.write(f"Credited {credited // 60} minutes of demo study to {worker.name}.\n")


def _session_days(first: datetime.date, count: int, *, today: datetime.date) -> list[datetime.date]:
    return [day for day in (first + datetime.timedelta(days=n) for n in range(count)) if day <= today]


def seed_compliance(*, stdout, today: datetime.date | None = None) -> None:
    """Training records that give the demo enterprise a realistic mix of verdicts: principals and
    safety managers who met their initial and annual hours, one short this year, one overdue on last
    year's refresher, one who never did the initial training, one recently appointed and still in
    time; new hires with and without their 72 pre-job hours; nearly everyone assessed. The hours come
    from offline training the enterprise records, as in real life. Safe to run twice."""
    enterprise = Enterprise.objects.filter(credit_code=DEMO_ENTERPRISE_CODE).first()
    if (
        enterprise is None
        or OfflineTraining.objects.filter(enterprise=enterprise, topic=INITIAL_TOPIC).exists()
    ):
        return
    today = today or timezone.localdate()
    recorded_by = get_user_model().objects.get(username="enterprise")
    engagements = list(
        Engagement.objects.filter(enterprise=enterprise, ended_on__isnull=True)
        .select_related("learner")
        .prefetch_related("roles")
        .order_by("learner_id")
    )
    for index, engagement in enumerate(engagements):
        # Every thirteenth person has no assessment on record: blocked until they pass one.
        if index % 13 != 12 and not engagement.learner.assessments.exists():
            assessment_record(
                learner=engagement.learner,
                kind=AssessmentKind.PRE_JOB,
                title="岗前安全培训考试",
                assessed_on=engagement.started_on,
                score=80 + index % 20,
                passed=True,
                enterprise=enterprise,
                recorded_by=recorded_by,
            )
    managers = [e.learner for e in engagements if {Role.PRINCIPAL, Role.SAFETY_MANAGER} & set(e.role_codes)]
    new_hires = [e.learner for e in engagements if Role.NEW_HIRE in e.role_codes]
    m = managers + [None] * 6
    year_start = datetime.date(today.year, 1, 1)
    this_year = max(year_start, today - datetime.timedelta(days=60))
    plan = [
        (
            INITIAL_TOPIC,
            _session_days(today - datetime.timedelta(days=300), 6, today=today),
            [m[0], m[1], m[2], m[5]],
        ),
        (
            "主要负责人和安全生产管理人员年度再培训（上年度）",
            _session_days(datetime.date(today.year - 1, 12, 1), 2, today=today),
            [m[0], m[1], m[2], m[3]],
        ),
        (
            "主要负责人和安全生产管理人员年度再培训",
            _session_days(this_year, 1, today=today),
            [m[0], m[1], m[2]],
        ),
        (
            "主要负责人和安全生产管理人员年度再培训（续）",
            _session_days(this_year + datetime.timedelta(days=1), 1, today=today),
            [m[0], m[1]],
        ),
        (
            "新任实际控制人安全生产知识培训",
            _session_days(today - datetime.timedelta(days=30), 3, today=today),
            [m[4]],
        ),
        (
            "新员工岗前安全培训（三级安全教育）",
            _session_days(today - datetime.timedelta(days=13), 7, today=today),
            new_hires,
        ),
        # The last new hire missed the final two days: short of the 72 hours, and already at work.
        (
            "新员工岗前安全培训（三级安全教育）",
            _session_days(today - datetime.timedelta(days=6), 2, today=today),
            new_hires[:-1],
        ),
    ]
    count = 0
    for topic, days, people in plan:
        for held_on in days:
            engaged = {pk for pk, *_rest in offline_roster(enterprise=enterprise, on=held_on)}
            attendees = [person for person in people if person is not None and person.pk in engaged]
            if not attendees:
                continue
            evidence = ContentFile(
                sign_in_sheet_pdf(
                    enterprise=enterprise.name,
                    topic=topic,
                    held_on=held_on,
                    names=[p.name for p in attendees],
                ),
                name="sign-in-sheet.pdf",
            )
            offline_training_record(
                enterprise=enterprise,
                recorded_by=recorded_by,
                topic=topic,
                held_on=held_on,
                class_hours="8.0",
                trainer="王海涛（注册安全工程师）",
                location="厂区三楼培训室",
                evidence=evidence,
                learner_ids=[p.pk for p in attendees],
            )
            count += 1
    stdout.write(f"Recorded {count} training days that decide {enterprise.name}'s compliance.\n")


def _certificate_scan(*, title: str, name: str, provider: str, completed_on: datetime.date) -> ContentFile:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("STSong-Light", 18)
    page.drawString(60, 760, "结业证书")
    page.setFont("STSong-Light", 12)
    page.drawString(60, 720, f"学员：{name}")
    page.drawString(60, 700, f"课程：{title}")
    page.drawString(60, 680, f"结业日期：{completed_on:%Y年%m月%d日}")
    page.drawString(60, 660, f"发证单位：{provider}（盖章）")
    page.save()
    return ContentFile(buffer.getvalue(), name="certificate.pdf")


def seed_recognitions(*, stdout, today: datetime.date | None = None) -> None:
    """Recognition requests in every state: the demo worker's external training accepted, a new hire's
    vocational-school course awaiting the `authority` reviewer, another platform's certificate rejected.
    Safe to run twice."""
    enterprise = Enterprise.objects.filter(credit_code=DEMO_ENTERPRISE_CODE).first()
    if enterprise is None or Recognition.objects.exists():
        return
    today = today or timezone.localdate()
    users = get_user_model().objects.in_bulk(["enterprise", "authority"], field_name="username")
    worker = Learner.objects.filter(user__username="worker").first()
    engaged = Engagement.objects.current(today).filter(enterprise=enterprise).select_related("learner")
    new_hire = next(
        (e.learner for e in engaged.filter(roles__role=Role.NEW_HIRE).order_by("-learner_id")), None
    )
    other = next((e.learner for e in engaged.filter(roles__role=Role.WORKER).order_by("learner_id")), None)
    requests = [
        # (learner, kind, title, provider, days ago, hours claimed, decision: None | (hours granted, reason))
        (
            worker,
            RecognitionKind.EXTERNAL_TRAINING,
            "电气安全与触电急救专项培训",
            "吉林省安全生产培训中心",
            100,
            "8",
            ("8", "结业证书与培训机构备案信息一致，予以认定。"),
        ),
        (
            new_hire,
            RecognitionKind.VOCATIONAL_SCHOOL,
            "化工安全技术（中职课程）",
            "吉林工业职业技术学院",
            400,
            "24",
            None,
        ),
        (
            other,
            RecognitionKind.OTHER_PLATFORM,
            "危险化学品安全知识（网络课程）",
            "某在线学习平台",
            60,
            "12",
            (None, "证书编号无法在发证平台核验，请补充学习记录后重新提交。"),
        ),
    ]
    count = 0
    for learner, kind, title, provider, days_ago, hours, decision in requests:
        if learner is None:
            continue
        completed_on = today - datetime.timedelta(days=days_ago)
        recognition = recognition_submit(
            learner=learner,
            submitted_by=users["enterprise"],
            enterprise=enterprise,
            kind=kind,
            title=title,
            provider=provider,
            completed_on=completed_on,
            class_hours_claimed=hours,
            evidence=_certificate_scan(
                title=title, name=learner.name, provider=provider, completed_on=completed_on
            ),
        )
        if decision is not None:
            granted, reason = decision
            recognition_decide(
                recognition=recognition,
                decided_by=users["authority"],
                accepted=granted is not None,
                class_hours_granted=granted,
                reason=reason,
            )
        count += 1
    stdout.write(f"Submitted {count} recognition requests for {enterprise.name}'s people.\n")


AUTHORITY_STAFF_GROUP = "Authority staff"
AUTHORITY_STAFF_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[
        ("credits", f"{action}_{model}")
        for model in ("conversionstandard", "requirement")
        for action in ("view", "add", "change", "delete")
    ],
    # The credit bank is append-only: staff list it, record corrections and reverse entries.
    ("credits", "view_bankentry"),
    ("credits", "add_bankentry"),
]


def seed_authority_staff(*, stdout) -> None:
    """The group whose members keep the conversion standard and the requirements in the admin and correct
    the credit bank, with the demo `authority` account in it. Safe to run twice."""
    group, _created = Group.objects.get_or_create(name=AUTHORITY_STAFF_GROUP)
    group.permissions.add(
        *[
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in AUTHORITY_STAFF_PERMISSIONS
        ]
    )
    authority = get_user_model().objects.filter(username="authority").first()
    if authority is not None:
        authority.groups.add(group)
    stdout.write(
        f"Group {AUTHORITY_STAFF_GROUP!r} keeps the standard and requirements and corrects the credit bank.\n"
    )
