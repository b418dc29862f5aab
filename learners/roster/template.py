"""The downloadable roster templates (.xlsx and CSV), with the template's example row."""

import codecs
import csv
import datetime
import io

import openpyxl
from django.utils.translation import gettext as _

from learners.roster.format import (
    COLUMNS,
    EDUCATION_WORDS,
    EMPLOYMENT_WORDS,
    EXAMPLE_IDENTITY_NUMBER,
    ROLE_WORDS,
    allowed_words,
)


def _template_rows() -> tuple[list[str], list[object]]:
    header = [column.label for column in COLUMNS]
    example = [
        EXAMPLE_IDENTITY_NUMBER,
        "张三",
        "13800000000",
        "操作工",
        "特种作业人员、班组长",
        "本单位",
        datetime.date(2024, 3, 1),
        "高中",
        "低压电工作业、高处安装、维护、拆除作业",
    ]
    return header, example


def roster_template_xlsx() -> bytes:
    """The roster template: the header row, one example row, and a sheet 说明 explaining each column."""
    header, example = _template_rows()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    sheet.append(header)
    sheet.append(example)
    # Long numbers typed into a General cell lose digits; text cells keep them. Dates show as dates.
    for letter, key in zip("ABCDEFGHI", (column.key for column in COLUMNS), strict=True):
        sheet.column_dimensions[letter].width = (
            30 if key == "operation_items" else 22 if key in ("identity_number", "roles") else 14
        )
        if key in ("identity_number", "phone"):
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(2, 3):
                sheet[f"{letter}{row}"].number_format = "@"
        if key == "started_on":
            sheet.column_dimensions[letter].number_format = "yyyy-mm-dd"
            sheet[f"{letter}2"].number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet("说明")
    notes.append([_("Column"), _("Required"), _("What to write")])
    explanations = {
        "identity_number": _(
            "The 18-character resident identity number; the check character is verified. Keep this "
            "column formatted as text, or Excel drops the last digits."
        ),
        "name": _("As on the identity card. A number already registered must come with the same name."),
        "phone": _("11-digit mobile number; the person signs in with it. One number per person."),
        "position": _("The post the person holds, e.g. 操作工."),
        "roles": _("One or more of: %(allowed)s; separate several with 、.")
        % {"allowed": allowed_words(ROLE_WORDS)},
        "employment_type": _("One of: %(allowed)s. Empty means 本单位.")
        % {"allowed": allowed_words(EMPLOYMENT_WORDS)},
        "started_on": _(
            "The date the person took up this position, e.g. 2024-03-01; not in the future. A later date "
            "with another position records a change of position and keeps the earlier one in the file."
        ),
        "education": _("One of: %(allowed)s.") % {"allowed": allowed_words(EDUCATION_WORDS)},
        "operation_items": _(
            "For special operators only: the special operation items the post requires, named as on "
            "the certificates, e.g. 低压电工作业; separate several with 、 or ；. Without this column "
            "the items on record are kept; an empty cell in it clears them."
        ),
    }
    for column in COLUMNS:
        notes.append([column.label, _("Yes") if column.required else _("No"), explanations[column.key]])
    notes.append([])
    for line in (
        _("Delete the example row before importing; it is refused if left in."),
        _("A file with any wrong row changes nothing; fix the rows listed in the report and import again."),
        _("Importing the same file again changes nothing."),
        _("People not in the file are left as they are; ending someone's engagement is done on their file."),
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def roster_template_csv() -> bytes:
    """The CSV template, UTF-8 with a BOM so that Excel opens it in the right encoding."""
    header, example = _template_rows()
    example = [value.isoformat() if isinstance(value, datetime.date) else value for value in example]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow(example)
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
