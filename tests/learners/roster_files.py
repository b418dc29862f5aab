"""Roster files for tests, made in memory: CSV in any encoding, and real .xlsx workbooks."""

import csv
import datetime
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from learners.fake import fake_identity_number
from learners.models import Engagement, EngagementRole, Learner, RosterImport

HEADER = ["身份证号", "姓名", "手机号", "岗位", "人员类别", "用工形式", "入职日期"]


def person(serial: int, **changes) -> dict:
    """A good roster row for the `serial`-th fake person; `changes` override columns by header label."""
    row = {
        "身份证号": fake_identity_number(serial),
        "姓名": f"测试{serial}",
        "手机号": f"139{serial:08d}",
        "岗位": "操作工",
        "人员类别": "从业人员",
        "用工形式": "本单位",
        "入职日期": "2024-03-01",
    }
    row.update(changes)
    return row


def _cells(rows: list[dict], header: list[str]) -> list[list]:
    return [[row.get(label, "") for label in header] for row in rows]


def csv_bytes(rows: list[dict], *, header: list[str] = HEADER, encoding: str = "utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(_cells(rows, header))
    return buffer.getvalue().encode(encoding)


def csv_upload(rows: list[dict], *, name: str = "roster.csv", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows, **kwargs), content_type="text/csv")


def xlsx_bytes(rows: list[dict], *, header: list[str] = HEADER, above: list[list] = ()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for line in above:
        sheet.append(line)
    sheet.append(header)
    for cells in _cells(rows, header):
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows: list[dict], *, name: str = "roster.xlsx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(rows, **kwargs))


def register_counts() -> tuple[int, int, int]:
    """Rows in the tables an import writes; equal before and after a refused import."""
    return Learner.objects.count(), Engagement.objects.count(), EngagementRole.objects.count()


def snapshot() -> list[tuple]:
    """Every engagement with its learner and roles, to show that nothing changed at all."""
    return [
        (
            engagement.learner.identity_number,
            engagement.learner.name,
            engagement.learner.phone,
            engagement.position,
            engagement.employment_type,
            engagement.started_on,
            engagement.ended_on,
            tuple(engagement.role_codes),
        )
        for engagement in Engagement.objects.select_related("learner")
        .prefetch_related("roles")
        .order_by("pk")
    ]


def error_codes(record: RosterImport) -> list[tuple]:
    return [(error["row"], error["column_key"], error["code"]) for error in record.report["errors"]]


def days_from_today(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()
