"""Demo offline training: two sessions of the demo enterprise, each with a generated sign-in sheet as
its evidence; the demo worker (李建国) attended the first. Safe to run twice."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from learners.demo import DEMO_ENTERPRISE_CODE
from learners.models import Enterprise, Learner

from .models import OfflineTraining
from .offline import offline_training_record
from .selectors import offline_roster

DEMO_WORKER = "李建国"
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
