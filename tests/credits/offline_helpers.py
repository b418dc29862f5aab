"""A small world of two enterprises and their people for the offline training tests, and real files."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from credits.offline.services import offline_training_record
from tests.files import pdf_bytes, png_bytes
from tests.learners.factories import engage, make_enterprise_admin, make_learner

D = datetime.date


def pdf_upload(name: str = "签到表.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else pdf_bytes(), "application/pdf")


def png_upload(name: str = "sheet.png", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else png_bytes(), "image/png")


def stored_evidence() -> set[str]:
    """Every evidence file in private storage (shared by the whole test run, so compare before/after)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "offline-training"
    return {str(path) for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def make_world():
    admin, enterprise = make_enterprise_admin(name="长春示范化工有限公司")
    other_admin, other = make_enterprise_admin(name="别家冶炼公司")
    li = make_learner(name="李建国", password="pw")
    wang = make_learner(name="王强", password="pw")
    zhao = make_learner(name="赵磊")
    leaver = make_learner(name="钱离职")
    outsider = make_learner(name="孙外人", password="pw")
    engage(li, enterprise, started_on=D(2024, 1, 1))
    engage(wang, enterprise, started_on=D(2024, 1, 1))
    engage(zhao, enterprise, started_on=D(2025, 3, 1))
    engage(leaver, enterprise, started_on=D(2020, 1, 1), ended_on=D(2024, 12, 31))
    engage(outsider, other, started_on=D(2020, 1, 1))
    return {
        "admin": admin,
        "enterprise": enterprise,
        "other_admin": other_admin,
        "other": other,
        "li": li,
        "wang": wang,
        "zhao": zhao,
        "leaver": leaver,
        "outsider": outsider,
    }


def record(world, *, learners=None, enterprise=None, recorded_by=None, **changes):
    values = {
        "topic": "危险化学品储存安全",
        "held_on": D(2025, 5, 20),
        "class_hours": "2.5",
        "trainer": "王海涛",
        "location": "三楼培训室",
        "evidence": pdf_upload(),
    }
    values.update(changes)
    return offline_training_record(
        enterprise=enterprise or world["enterprise"],
        recorded_by=recorded_by or world["admin"],
        learner_ids=[learner.pk for learner in (learners or [world["li"], world["wang"]])],
        **values,
    )


def api(user=None) -> APIClient:
    """An API client, signed in as `user` if given."""
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client
