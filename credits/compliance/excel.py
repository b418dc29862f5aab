"""Compliance reports as Excel workbooks: one sheet per view of the report, each with a bold frozen header
row, an autofilter and columns wide enough for Chinese text. The headers are gettext strings, so the
workbook speaks the request's language (Chinese by default) as the page does.

The people sheet has exactly the rows of the page's table (the same filters), one per person, whatever
page the viewer was on.
"""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from academy.excel import XLSX_CONTENT_TYPE
from credits.compliance.reports import AuthorityReport, EnterpriseReport, Group, MonthCounts
from credits.compliance.selectors import Ratio
from credits.compliance.verdicts import Status
from learners.choices import Industry, Prefecture, Role

HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
MAX_COLUMN_WIDTH = 60
HOURS_FORMAT = "0.00"
DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Promise):  # a lazy translation: openpyxl writes only plain values
        return str(value)
    return value


def _width(value) -> int:
    if isinstance(value, datetime.date):
        return 12
    # CJK characters are about two columns wide.
    return sum(2 if ord(character) > 0x2E7F else 1 for character in str(value)) + 2


def workbook_bytes(sheets: Iterable[Sheet]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        sheet = workbook.create_sheet(title=spec.title[:31])
        sheet.append([str(header) for header in spec.headers])
        widths = [max(8, _width(header)) for header in spec.headers]
        for row in spec.rows:
            values = [_cell(value) for value in row]
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    # Typed text (a name, a position) is never run as a formula.
                    cell.data_type = "s"
            for index, value in enumerate(values):
                widths[index] = min(MAX_COLUMN_WIDTH, max(widths[index], _width(value)))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column in sheet.iter_cols(min_row=2):
            for cell in column:
                if isinstance(cell.value, Decimal):
                    cell.number_format = HOURS_FORMAT
                elif isinstance(cell.value, datetime.date):
                    cell.number_format = DATE_FORMAT
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download_name(name: str) -> str:
    """Content-Disposition for a Chinese file name (RFC 6266 filename*, with an ASCII fallback)."""
    return f"attachment; filename=\"compliance.xlsx\"; filename*=UTF-8''{quote(name)}"


def xlsx_download(*, filename: str, content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = download_name(filename)
    return response


def _status_headers() -> list[str]:
    return [Status(status).label for status in Status.values]


def _ratio_cells(ratio: Ratio | None) -> list:
    if ratio is None:
        return ["", "", "", "", ""]
    return [
        ratio.holders,
        ratio.total,
        ratio.percent,
        ratio.target_percent,
        _("Yes") if ratio.reached else _("No"),
    ]


def _ratio_headers(prefix: str) -> list[str]:
    return [
        _("%(who)s: holders") % {"who": prefix},
        _("%(who)s: total") % {"who": prefix},
        _("%(who)s: percent") % {"who": prefix},
        _("%(who)s: target percent") % {"who": prefix},
        _("%(who)s: target reached") % {"who": prefix},
    ]


def verdict_status_text(verdict) -> str:
    """The status, and what is missing when a fact was not recorded (never an empty cell)."""
    if verdict.missing:
        return _("%(status)s (%(missing)s)") % {
            "status": verdict.status_label,
            "missing": verdict.missing_label,
        }
    return verdict.status_label


def people_sheet(report: EnterpriseReport) -> Sheet:
    separator = _(", ")
    headers = [
        _("Name"),
        _("Identity number"),
        _("Positions"),
        _("Employment type"),
        _("Roles"),
        _("Overall status"),
    ]
    for requirement in report.requirements:
        headers += [
            _("%(requirement)s: status") % {"requirement": requirement.title},
            _("%(requirement)s: class hours earned") % {"requirement": requirement.title},
            _("%(requirement)s: class hours required") % {"requirement": requirement.title},
            _("%(requirement)s: class hours short") % {"requirement": requirement.title},
            _("%(requirement)s: due") % {"requirement": requirement.title},
        ]

    def rows():
        for row in report.rows:
            person = row.person
            cells = [
                person.name,
                person.identity_number_masked,
                separator.join(person.positions),
                separator.join(row.employment_type_labels),
                separator.join(row.role_labels),
                row.status_label,
            ]
            by_code = {verdict.requirement: verdict for verdict in person.verdicts}
            for requirement in report.requirements:
                verdict = by_code.get(requirement.code)
                if verdict is None:
                    cells += ["", "", "", "", ""]
                    continue
                cells += [
                    verdict_status_text(verdict),
                    verdict.class_hours_earned,
                    verdict.class_hours_required,
                    verdict.class_hours_short,
                    verdict.due,
                ]
            yield cells

    return Sheet(_("People"), headers, rows())


def role_sheet(report: EnterpriseReport) -> Sheet:
    rows = [
        [Role(role).label, *(counts[status] for status in Status.values), sum(counts.values())]
        for role, counts in report.summary.by_role.items()
    ]
    everyone = report.summary.by_status
    rows.append(
        [_("Everyone"), *(everyone.get(status, 0) for status in Status.values), report.summary.people]
    )
    return Sheet(_("Status by role"), [_("Role"), *_status_headers(), _("People")], rows)


def ratio_sheet(report: EnterpriseReport) -> Sheet:
    summary = report.summary
    rows = [[_("Team leaders holding a vocational certificate"), *_ratio_cells(summary.team_leaders)]]
    if summary.employees is not None:
        rows.append([_("Employees holding a vocational certificate"), *_ratio_cells(summary.employees)])
    headers = [_("Measure"), _("Holders"), _("Total"), _("Percent"), _("Target percent"), _("Target reached")]
    return Sheet(_("Certificate ratios"), headers, rows)


def month_sheet(months: Sequence[MonthCounts]) -> Sheet:
    rows = [[month.on, *(month.by_status[status] for status in Status.values)] for month in months]
    return Sheet(_("Status by month"), [_("At the end of"), *_status_headers()], rows)


def enterprise_workbook(report: EnterpriseReport, months: Sequence[MonthCounts]) -> bytes:
    return workbook_bytes(
        [people_sheet(report), role_sheet(report), ratio_sheet(report), month_sheet(months)]
    )


def _group_sheet(title: str, first_header: str, groups: Sequence[Group]) -> Sheet:
    headers = [
        first_header,
        _("Enterprises"),
        _("People"),
        *_status_headers(),
        *_ratio_headers(_("Team leaders")),
        *_ratio_headers(_("Employees")),
    ]
    rows = [
        [
            group.label,
            group.enterprises,
            group.people,
            *(group.by_status[status] for status in Status.values),
            *_ratio_cells(group.team_leaders),
            *_ratio_cells(group.employees),
        ]
        for group in groups
    ]
    return Sheet(title, headers, rows)


def authority_workbook(report: AuthorityReport) -> bytes:
    enterprises = Sheet(
        _("Enterprises"),
        [
            _("Enterprise name"),
            _("Industry"),
            _("Prefecture"),
            _("People"),
            *_status_headers(),
            *_ratio_headers(_("Team leaders")),
            *_ratio_headers(_("Employees")),
        ],
        [
            [
                figure.name,
                Industry(figure.industry).label,
                Prefecture(figure.prefecture).label,
                figure.summary.people,
                *(figure.summary.by_status[status] for status in Status.values),
                *_ratio_cells(figure.summary.team_leaders),
                *_ratio_cells(figure.summary.employees),
            ]
            for figure in report.enterprises
        ],
    )
    return workbook_bytes(
        [
            enterprises,
            _group_sheet(_("Industries"), _("Industry"), report.by_industry),
            _group_sheet(_("Prefectures"), _("Prefecture"), report.by_prefecture),
        ]
    )
