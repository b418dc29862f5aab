"""How long a 10,000-row roster import takes: new people, the same file again, and a change of position.

    .venv/bin/python tests/benchmarks/bench_roster_import.py [rows]

Runs the import service in this process against a throwaway SQLite file under /tmp (or DATABASE_URL,
if set), with the production settings the other benchmarks use. Files are built first and not timed;
each import is timed from the uploaded bytes to the committed transaction.

Aim: each import of 10,000 rows well under a minute (printed against 60 s). A missed aim is only
printed; the exit status is non-zero only if an import was refused or failed.
"""

import csv
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

AIM_SECONDS = 60.0
HEADER = ["身份证号", "姓名", "手机号", "岗位", "人员类别", "用工形式", "入职日期", "学历"]


def roster_rows(first_serial: int, count: int, *, position: str, started_on: str) -> list[list[str]]:
    from learners.fake import fake_identity_number

    return [
        [
            fake_identity_number(serial),
            f"测试{serial}",
            f"13{serial:09d}",
            position,
            "特种作业人员、班组长" if serial % 5 == 0 else "从业人员",
            ("本单位", "劳务派遣", "外包")[serial % 3],
            started_on,
            "高中",
        ]
        for serial in range(first_serial, first_serial + count)
    ]


def xlsx(rows) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("花名册")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def gbk_csv(rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("gbk")


def main(count: int) -> int:
    import django
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    django.setup()
    from learners.models import RosterImportStatus
    from learners.roster.services import roster_import_apply
    from tests.learners.factories import make_enterprise_admin

    print("Building the database and the files...", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    user, enterprise = make_enterprise_admin(name="基准测试化工有限公司")
    first = roster_rows(10_000, count, position="操作工", started_on="2023-01-01")
    moved = roster_rows(10_000, count, position="班组长", started_on="2024-07-01")
    runs = [
        ("new people (.xlsx)", "roster.xlsx", xlsx(first)),
        ("same file again (.xlsx)", "roster.xlsx", xlsx(first)),
        ("new position for all (.xlsx)", "roster.xlsx", xlsx(moved)),
        (
            "more new people (GBK .csv)",
            "roster.csv",
            gbk_csv(roster_rows(40_000, count, position="电工", started_on="2022-03-01")),
        ),
    ]
    failures = 0
    print(f"\n{count:,} rows per file; aim: each under {AIM_SECONDS:.0f} s")
    print(f"{'import':32} {'seconds':>8} {'rows/s':>9}  result")
    for label, name, data in runs:
        started = time.perf_counter()
        record = roster_import_apply(enterprise=enterprise, user=user, file=SimpleUploadedFile(name, data))
        seconds = time.perf_counter() - started
        if record.status != RosterImportStatus.APPLIED:
            failures += 1
            result = f"REFUSED: {record.report.get('errors', [])[:3]}"
        else:
            verdict = "met" if seconds < AIM_SECONDS else "MISSED"
            result = (
                f"created {record.created_count}, updated {record.updated_count}, "
                f"unchanged {record.unchanged_count}; aim {verdict}"
            )
        print(f"{label:32} {seconds:8.2f} {count / seconds:9,.0f}  {result}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory(prefix="academy-bench-roster-") as tmp:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
        os.environ["MEDIA_ROOT"] = f"{tmp}/media"
        os.environ["LOG_LEVEL"] = "WARNING"
        os.environ["DJANGO_SETTINGS_MODULE"] = "tests.benchmarks.settings"
        sys.exit(main(rows))
