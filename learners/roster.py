"""Roster import: an enterprise's people from a CSV or Excel (.xlsx) file, all or nothing.

Three steps, kept apart so that each can be tested alone:

1. reading (`roster_file_read`): the upload's type, size and text encoding, into rows of raw cells
   under a recognised header row;
2. checking (`roster_rows_clean`, then `roster_row_plan` per row): pure functions over plain values
   that turn each row into problems, or into a plan (created, updated, new position, unchanged);
3. applying (`roster_import_apply`): one transaction of bulk writes — or, if any row has a problem,
   nothing at all and a row-by-row report.

The Chinese column labels and vocabulary below are the file format (what the downloadable template
says, what enterprises' spreadsheets say), not interface text, so they are not translated; the English
codes are accepted as aliases.
"""

import codecs
import csv
import datetime
import io
import re
import unicodedata
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath

import filetype
import openpyxl
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from .access import can_manage_enterprise
from .choices import Role
from .errors import RosterError
from .fake import fake_identity_number
from .identity import identity_number_clean, identity_number_mask, phone_clean
from .models import (
    Education,
    EmploymentType,
    Engagement,
    EngagementRole,
    Enterprise,
    Learner,
    RosterImport,
    RosterImportStatus,
)
from .operation_items import operation_item_keys, operation_items_unique
from .services import operation_items_clean
from .signals import roster_applied

# Problems with the file as a whole: the upload is not kept as evidence, there is nothing to keep.
NOT_KEPT = frozenset(
    {RosterError.FILE_TOO_LARGE, RosterError.FILE_TYPE_NOT_ALLOWED, RosterError.NOT_A_ROSTER}
)


class RosterAction:
    """What applying one row did."""

    CREATED = "created"  # a new engagement with this enterprise (and a new learner, if unknown)
    UPDATED = "updated"  # corrected in place: the listed fields
    NEW_POSITION = "new_position"  # the old engagement ended the day before this one started
    UNCHANGED = "unchanged"


ACTIONS = (RosterAction.CREATED, RosterAction.UPDATED, RosterAction.NEW_POSITION, RosterAction.UNCHANGED)

# ---------------------------------------------------------------------------------------------------------
# The file format


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header in the template
    required: bool
    aliases: tuple[str, ...] = ()
    max_length: int = 0


COLUMNS = (
    Column("identity_number", "身份证号", True, ("身份证号码", "公民身份号码", "身份证")),
    Column("name", "姓名", True, (), 50),
    Column("phone", "手机号", False, ("手机号码", "手机", "联系电话")),
    Column("position", "岗位", True, ("工作岗位",), 100),
    Column("roles", "人员类别", True, ("类别",)),
    Column("employment_type", "用工形式", False),
    Column("started_on", "入职日期", True, ("上岗日期",)),
    Column("education", "学历", False, ("文化程度",)),
    # Last, so that files made from the earlier template keep their column letters.
    Column("operation_items", "特种作业操作项目", False, ("操作项目", "作业项目")),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}

# The first word of each list is the one the template shows.
ROLE_WORDS = {
    Role.PRINCIPAL: ("主要负责人", "企业主要负责人", "实际控制人", "主要负责人(含实际控制人)"),
    Role.SAFETY_MANAGER: ("安全生产管理人员", "安全管理人员"),
    Role.SAFETY_DIRECTOR: ("安全总监",),
    Role.SPECIAL_OPERATOR: ("特种作业人员",),
    Role.TEAM_LEADER: ("班组长",),
    Role.NEW_HIRE: ("新上岗人员", "新员工"),
    Role.WORKER: ("从业人员", "在岗从业人员"),
}
EMPLOYMENT_WORDS = {
    EmploymentType.OWN: ("本单位", "自有", "本单位员工", "自有员工"),
    EmploymentType.DISPATCHED: ("劳务派遣", "派遣"),
    EmploymentType.OUTSOURCED: ("外包", "外包施工", "外包施工队伍"),
}
EDUCATION_WORDS = {
    Education.PRIMARY: ("小学",),
    Education.JUNIOR_HIGH: ("初中",),
    Education.SENIOR_HIGH: ("高中", "中专", "中职", "职高", "技校", "高中/中专"),
    Education.COLLEGE: ("大专", "专科", "高职"),
    Education.BACHELOR: ("本科", "大学本科"),
    Education.POSTGRADUATE: ("研究生", "硕士", "博士"),
}
# Enum .values builds a new list on every call; this is read for every row.
ROLE_ORDER = tuple(Role.values)
ROLE_SEPARATORS = re.compile(r"[、,;/]")  # after NFKC, which turns ，；／ into ,;/
# Catalogue names of special operation items that contain a separator themselves: kept whole.
OPERATION_ITEMS_WITH_SEPARATOR = ("高处安装、维护、拆除作业",)

# The template's example row: refused if it is uploaded unchanged.
EXAMPLE_IDENTITY_NUMBER = fake_identity_number(1)

SOURCE_XLSX = "xlsx"
SOURCE_UTF8 = "utf-8"
SOURCE_GB18030 = "gb18030"
SOURCE_UTF16 = "utf-16"

CHUNK_ROWS = 500  # rows per bulk write and per `__in` lookup; also how often progress is reported
HEADER_SEARCH_ROWS = 10  # a title row or two above the header is common in Chinese spreadsheets
MAX_COLUMNS = 64
MAX_LISTED_PROBLEMS = 1000
# An .xlsx is a zip: refuse archives that unpack to far more than any roster needs (zip bombs).
MAX_XLSX_EXPANSION = 40


def _normal(value: str) -> str:
    """Full-width forms to half-width (，→, （→( １→1), and runs of white space to one space."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def _lookup(words: dict) -> dict[str, str]:
    table = {}
    for code, labels in words.items():
        table[code.lower()] = code
        for label in labels:
            table[_normal(label).replace(" ", "").lower()] = code
    return table


ROLE_LOOKUP = _lookup(ROLE_WORDS)
EMPLOYMENT_LOOKUP = _lookup(EMPLOYMENT_WORDS)
EDUCATION_LOOKUP = _lookup(EDUCATION_WORDS)
HEADER_LOOKUP = _lookup({column.key: (column.label, *column.aliases) for column in COLUMNS})


def _header_key(cell) -> str | None:
    """The column a header cell names; a trailing * or (必填) marking it required is ignored."""
    text = _normal(str(cell or "")).replace(" ", "").lower()
    text = re.sub(r"(\*|\(必填\)|\(选填\))+$", "", text).lstrip("*")
    return HEADER_LOOKUP.get(text)


def allowed_words(words: dict) -> str:
    return "、".join(labels[0] for labels in words.values())


# ---------------------------------------------------------------------------------------------------------
# Problems


@dataclass(frozen=True)
class RosterProblem:
    """One reason for refusing the file: a row (numbered as in the spreadsheet, header = 1) and a column,
    or neither for the file as a whole."""

    code: str
    message: str
    row: int | None = None
    column: str = ""  # column key

    def as_dict(self) -> dict:
        label = COLUMN_BY_KEY[self.column].label if self.column in COLUMN_BY_KEY else ""
        return {
            "row": self.row,
            "column": label,
            "column_key": self.column,
            "code": self.code,
            "message": self.message,
        }


class RosterRefused(Exception):
    def __init__(self, problems: Sequence[RosterProblem]):
        super().__init__(problems[0].message if problems else "")
        self.problems = list(problems)


def _file_problem(code: str, message: str, column: str = "") -> RosterRefused:
    return RosterRefused([RosterProblem(code=code, message=message, column=column)])


def _not_a_roster(reason: str) -> RosterRefused:
    return _file_problem(RosterError.NOT_A_ROSTER, reason)


# ---------------------------------------------------------------------------------------------------------
# 1. Reading


@dataclass(frozen=True)
class RosterTable:
    """The data rows of a roster, each with its row number and the raw cell of every recognised column."""

    source: str  # SOURCE_*: the file type, and for text files the encoding it was read in
    columns: tuple[str, ...]  # recognised column keys present in the header
    rows: list[tuple[int, dict[str, object]]]


def roster_upload_check(*, name: str, size: int) -> None:
    """Refuse by size and extension before reading anything."""
    limit = settings.ACADEMY_ROSTER_MAX_UPLOAD_BYTES
    if size > limit:
        raise _file_problem(
            RosterError.FILE_TOO_LARGE,
            _("This file is %(size)s; the largest roster allowed is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if PurePath(name).suffix.lower() not in (".csv", ".xlsx"):
        raise _file_problem(
            RosterError.FILE_TYPE_NOT_ALLOWED,
            _("Upload the roster as an Excel workbook (.xlsx) or a CSV file (.csv)."),
        )


def roster_file_read(*, name: str, data: bytes) -> RosterTable:
    """The rows of an .xlsx or .csv roster, or `RosterRefused` saying why the file is not one."""
    roster_upload_check(name=name, size=len(data))
    if PurePath(name).suffix.lower() == ".xlsx":
        return _read_xlsx(data)
    text, source = _decode_text(data)
    return _table(source, [_csv_rows(text)])


def _read_xlsx(data: bytes) -> RosterTable:
    buffer = io.BytesIO(data)
    if not zipfile.is_zipfile(buffer):
        raise _not_a_roster(_("This file is not an Excel workbook; save it from Excel as .xlsx or as CSV."))
    try:
        with zipfile.ZipFile(buffer) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        unpacked = None
    if unpacked is None or unpacked > MAX_XLSX_EXPANSION * settings.ACADEMY_ROSTER_MAX_UPLOAD_BYTES:
        raise _not_a_roster(_("This Excel workbook cannot be read; save it again from Excel as .xlsx."))
    try:
        workbook = openpyxl.load_workbook(buffer, read_only=True, data_only=True)
    except Exception:
        raise _not_a_roster(_("This Excel workbook cannot be read; save it again from Excel as .xlsx."))
    try:
        sheets = [
            _numbered(sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True))
            for sheet in workbook.worksheets
        ]
        return _table(SOURCE_XLSX, sheets)
    except RosterRefused:
        raise
    except Exception:
        # A damaged sheet can fail part-way through, not only when opened.
        raise _not_a_roster(_("This Excel workbook cannot be read; save it again from Excel as .xlsx."))
    finally:
        workbook.close()


def _decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first, then GB18030 — the superset of GBK that Chinese Excel writes.

    Also UTF-16 with a BOM, which is what Excel's "Unicode text" saves.
    """
    kind = filetype.guess(data[:8192]) if data else None
    if kind is not None:
        raise _not_a_roster(
            _("This file is not a roster: it is not CSV text but a .%(kind)s file.")
            % {"kind": kind.extension}
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), SOURCE_UTF16
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        for encoding, source in (("utf-8-sig", SOURCE_UTF8), ("gb18030", SOURCE_GB18030)):
            try:
                return data.decode(encoding), source
            except UnicodeDecodeError:
                continue
    raise _not_a_roster(_("This file is not a roster: it cannot be read as text in UTF-8 or GBK."))


def _csv_rows(text: str) -> Iterator[tuple[int, tuple]]:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    try:
        yield from _numbered(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise _not_a_roster(_("This file is not a roster: it is not valid CSV."))


def _numbered(rows: Iterable) -> Iterator[tuple[int, tuple]]:
    for number, row in enumerate(rows, start=1):
        yield number, tuple(row)


def _is_empty(cells: tuple) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


def _table(source: str, sheets: list[Iterator[tuple[int, tuple]]]) -> RosterTable:
    """Find the header row (in the first sheet that has one), then collect the non-empty rows below it."""
    header = None
    for rows in sheets:
        header = _find_header(rows)
        if header is not None:
            break
    if header is None:
        raise _not_a_roster(
            _("This file is not a roster: none of its first rows has the roster's columns (%(columns)s).")
            % {"columns": "、".join(column.label for column in COLUMNS if column.required)}
        )
    positions, rows = header
    missing = [column for column in COLUMNS if column.required and column.key not in positions]
    if missing:
        raise RosterRefused(
            [
                RosterProblem(
                    code=RosterError.MISSING_COLUMN,
                    message=_("The column %(column)s is missing from the header row.")
                    % {"column": column.label},
                    column=column.key,
                )
                for column in missing
            ]
        )
    limit = settings.ACADEMY_ROSTER_MAX_ROWS
    # Formatted but empty rows cost time too; a file may have only so many of them.
    scan_limit = limit + 10_000
    data_rows = []
    for number, cells in rows:
        if number > scan_limit:
            raise _file_problem(
                RosterError.TOO_MANY_ROWS,
                _("This file has more than %(limit)s rows (counting empty ones); delete the empty rows.")
                % {"limit": scan_limit},
            )
        if _is_empty(cells):
            continue
        if len(data_rows) >= limit:
            raise _file_problem(
                RosterError.TOO_MANY_ROWS,
                _("This roster has more than %(limit)s people; split it into several files.")
                % {"limit": limit},
            )
        data_rows.append(
            (number, {key: cells[index] if index < len(cells) else None for key, index in positions.items()})
        )
    if not data_rows:
        raise _file_problem(RosterError.NO_ROWS, _("The roster has a header row but no people below it."))
    return RosterTable(source=source, columns=tuple(positions), rows=data_rows)


def _find_header(rows: Iterator[tuple[int, tuple]]):
    """(column key → cell index, the rest of the rows), or None when no header is found near the top.

    The header is the first of the first few non-empty rows that names at least two roster columns.
    """
    seen = 0
    for _number, cells in rows:
        if _is_empty(cells):
            continue
        seen += 1
        positions: dict[str, int] = {}
        duplicates = []
        for index, cell in enumerate(cells):
            key = _header_key(cell)
            if key is None:
                continue  # unknown extra columns are ignored
            if key in positions:
                duplicates.append(key)
            positions.setdefault(key, index)
        if len(positions) >= 2:
            if duplicates:
                raise _file_problem(
                    RosterError.DUPLICATE_COLUMN,
                    _("The column %(column)s appears twice in the header row.")
                    % {"column": COLUMN_BY_KEY[duplicates[0]].label},
                    column=duplicates[0],
                )
            return positions, rows
        if seen >= HEADER_SEARCH_ROWS:
            return None
    return None


# ---------------------------------------------------------------------------------------------------------
# 2. Checking: pure functions


@dataclass(frozen=True)
class RosterRow:
    """One row of the roster, cleaned."""

    row: int
    identity_number: str
    name: str
    phone: str
    position: str
    roles: tuple[str, ...]  # in `Role` order
    employment_type: str
    started_on: datetime.date
    education: str
    # None when the file has no operation items column: the items on record are then left as they are.
    operation_items: tuple[str, ...] | None = None


Progress = Callable[[int, int, str], None]
CHECKING = "checking"
WRITING = "writing"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    return _normal(str(value))


def _identity_text(value) -> str:
    """Excel keeps only 15 significant digits of a number, so an 18-digit number typed into a cell not
    formatted as text has lost its last digits: say so, rather than report a checksum mismatch."""
    if isinstance(value, float) and (not value.is_integer() or abs(value) >= 2**53):
        raise ValidationError("", code=RosterError.IDENTITY_AS_NUMBER)
    text = _text(value)
    if re.fullmatch(r"\d(\.\d+)?e\+?\d+", text, re.IGNORECASE):
        raise ValidationError("", code=RosterError.IDENTITY_AS_NUMBER)
    return text


DATE_RE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)


def parse_roster_date(value) -> datetime.date | None:
    """A date cell of Excel, or text as YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or YYYYMMDD."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    found = DATE_RE.fullmatch(text)
    parts = found.groups() if found else None
    if parts is None and re.fullmatch(r"\d{8}", text):
        parts = (text[:4], text[4:6], text[6:])
    if parts is None:
        return None
    try:
        return datetime.date(*(int(part) for part in parts))
    except ValueError:
        return None


def _words(text: str, lookup: dict[str, str]) -> tuple[list[str], list[str]]:
    """(codes, unknown words) of a list like 班组长、特种作业人员."""
    codes, unknown = [], []
    for word in ROLE_SEPARATORS.split(text):
        word = word.strip()
        if not word:
            continue
        code = lookup.get(word.replace(" ", "").lower())
        if code is None:
            unknown.append(word)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def parse_operation_items(text: str) -> list[str]:
    """The items of a list like 低压电工作业、熔化焊接与热切割作业 (also separated by ，,;；/), in order,
    each once. Catalogue names with a 、 of their own (高处安装、维护、拆除作业) stay whole."""
    text = _normal(text)
    kept = {}
    for number, name in enumerate(OPERATION_ITEMS_WITH_SEPARATOR):
        # A private-use character cannot occur in NFKC-normal text typed by people, nor be a separator.
        placeholder = chr(0xE000 + number)
        kept[placeholder] = name
        text = text.replace(name, placeholder)
    items = []
    for piece in ROLE_SEPARATORS.split(text):
        for placeholder, name in kept.items():
            piece = piece.replace(placeholder, name)
        piece = piece.strip()
        if piece:
            items.append(piece)
    return operation_items_unique(items)


def roster_row_clean(
    number: int, cells: dict[str, object], *, today: datetime.date
) -> tuple[RosterRow | None, list[RosterProblem]]:
    """One row's values, or every problem in it (all columns, not just the first)."""
    problems: list[RosterProblem] = []

    def problem(column: str, code: str, message: str) -> None:
        problems.append(RosterProblem(code=code, message=message, row=number, column=column))

    def required(column: str) -> str:
        text = _text(cells.get(column))
        limit = COLUMN_BY_KEY[column].max_length
        if not text:
            problem(column, RosterError.REQUIRED, _("This column must be filled in."))
        elif limit and len(text) > limit:
            problem(
                column,
                RosterError.TOO_LONG,
                _("At most %(limit)s characters; this has %(length)s.")
                % {"limit": limit, "length": len(text)},
            )
        return text

    identity_number = ""
    try:
        raw = _identity_text(cells.get("identity_number"))
        if not raw:
            problem("identity_number", RosterError.REQUIRED, _("This column must be filled in."))
        else:
            identity_number = identity_number_clean(raw, today=today)
            if identity_number == EXAMPLE_IDENTITY_NUMBER:
                identity_number = ""
                problem(
                    "identity_number",
                    RosterError.EXAMPLE_ROW,
                    _("This is the template's example row; delete it before importing."),
                )
    except ValidationError as error:
        if error.code == RosterError.IDENTITY_AS_NUMBER:
            message = _(
                "Excel stored this identity number as a number and lost its last digits; "
                "format the column as text and type the numbers again."
            )
        else:
            message = error.messages[0]
        problem("identity_number", error.code, message)

    name = required("name")
    position = required("position")

    phone = ""
    try:
        phone = phone_clean(_text(cells.get("phone")))
    except ValidationError as error:
        problem("phone", error.code, error.messages[0])

    roles: list[str] = []
    roles_text = _text(cells.get("roles"))
    if not roles_text:
        problem("roles", RosterError.REQUIRED, _("Give at least one role."))
    else:
        roles, unknown = _words(roles_text, ROLE_LOOKUP)
        if unknown:
            problem(
                "roles",
                RosterError.UNKNOWN_ROLE,
                _("Unknown role: %(roles)s. Use %(allowed)s, separated by 、.")
                % {"roles": "、".join(unknown), "allowed": allowed_words(ROLE_WORDS)},
            )
        elif not roles:
            problem("roles", RosterError.REQUIRED, _("Give at least one role."))

    employment_type = EmploymentType.OWN.value
    employment_text = _text(cells.get("employment_type"))
    if employment_text:
        code = EMPLOYMENT_LOOKUP.get(employment_text.replace(" ", "").lower())
        if code is None:
            problem(
                "employment_type",
                RosterError.UNKNOWN_EMPLOYMENT_TYPE,
                _("Unknown employment type: %(value)s. Use %(allowed)s.")
                % {"value": employment_text, "allowed": allowed_words(EMPLOYMENT_WORDS)},
            )
        else:
            employment_type = code

    education = ""
    education_text = _text(cells.get("education"))
    if education_text:
        code = EDUCATION_LOOKUP.get(education_text.replace(" ", "").lower())
        if code is None:
            problem(
                "education",
                RosterError.UNKNOWN_EDUCATION,
                _("Unknown education: %(value)s. Use %(allowed)s.")
                % {"value": education_text, "allowed": allowed_words(EDUCATION_WORDS)},
            )
        else:
            education = code

    started_on = None
    raw_date = cells.get("started_on")
    if not _text(raw_date):
        problem("started_on", RosterError.REQUIRED, _("This column must be filled in."))
    else:
        started_on = parse_roster_date(raw_date)
        if started_on is None:
            problem(
                "started_on",
                RosterError.DATE_FORMAT,
                _("This is not a date; write it as YYYY-MM-DD, for example 2024-03-01."),
            )
        elif started_on > today:
            problem(
                "started_on",
                RosterError.DATE_IN_FUTURE,
                _("The start date %(date)s is in the future; import people once they have started.")
                % {"date": started_on.isoformat()},
            )

    operation_items = None
    if "operation_items" in cells:
        # With the roles column wrong, only that is reported, not a consequence of it here.
        roles_known = not any(problem.column == "roles" for problem in problems)
        try:
            operation_items = tuple(
                operation_items_clean(
                    operation_items=parse_operation_items(_text(cells["operation_items"])),
                    roles=roles if roles_known else ROLE_ORDER,
                )
            )
        except ValidationError as error:
            problem("operation_items", error.code, error.messages[0])

    if problems:
        return None, problems
    return (
        RosterRow(
            row=number,
            identity_number=identity_number,
            name=name,
            phone=phone,
            position=position,
            roles=tuple(code for code in ROLE_ORDER if code in roles),
            employment_type=employment_type,
            started_on=started_on,
            education=education,
            operation_items=operation_items,
        ),
        [],
    )


def roster_rows_clean(
    table: RosterTable, *, today: datetime.date, progress: Progress | None = None
) -> tuple[list[RosterRow], list[RosterProblem]]:
    """Every row cleaned, and the problems of the whole file, including a person given twice."""
    rows: list[RosterRow] = []
    problems: list[RosterProblem] = []
    first_row_of: dict[str, int] = {}
    phone_row: dict[str, tuple[int, str]] = {}
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows, start=1):
        row, row_problems = roster_row_clean(number, cells, today=today)
        problems += row_problems
        if row is not None:
            if row.identity_number in first_row_of:
                problems.append(
                    RosterProblem(
                        code=RosterError.DUPLICATE_ROW,
                        message=_("This identity number is already in row %(row)s; give each person once.")
                        % {"row": first_row_of[row.identity_number]},
                        row=number,
                        column="identity_number",
                    )
                )
            elif row.phone and row.phone in phone_row and phone_row[row.phone][1] != row.identity_number:
                problems.append(
                    RosterProblem(
                        code=RosterError.PHONE_TAKEN,
                        message=_("Row %(row)s gives another person this mobile number.")
                        % {"row": phone_row[row.phone][0]},
                        row=number,
                        column="phone",
                    )
                )
            else:
                first_row_of[row.identity_number] = number
                if row.phone:
                    phone_row[row.phone] = (number, row.identity_number)
                rows.append(row)
        if progress and (done % CHUNK_ROWS == 0 or done == total):
            progress(done, total, CHECKING)
    return rows, problems


@dataclass(frozen=True)
class KnownLearner:
    pk: int
    identity_number: str
    name: str
    phone: str
    education: str


@dataclass(frozen=True)
class KnownEngagement:
    """An engagement of the learner with the importing enterprise."""

    pk: int
    position: str
    employment_type: str
    started_on: datetime.date
    ended_on: datetime.date | None
    roles: tuple[str, ...]
    operation_items: tuple[str, ...] = ()

    def is_current(self, on: datetime.date) -> bool:
        return self.started_on <= on and (self.ended_on is None or self.ended_on >= on)


@dataclass(frozen=True)
class RowPlan:
    row: RosterRow
    action: str
    learner: KnownLearner | None  # None: a new learner is created
    fields: tuple[str, ...] = ()  # what changes: learner fields, then engagement fields
    create_engagement: bool = False
    update_engagement: int | None = None  # pk of the engagement corrected in place
    end_engagement: int | None = None  # pk of the engagement ended the day before the new one starts
    replace_roles: bool = False
    operation_items: tuple[str, ...] = ()  # of the engagement created or corrected

    @property
    def learner_fields(self) -> tuple[str, ...]:
        return tuple(name for name in self.fields if name in ("phone", "education"))


def _same_name(registered: str, given: str) -> bool:
    return _normal(registered).replace(" ", "") == _normal(given).replace(" ", "")


def roster_row_plan(
    row: RosterRow,
    *,
    learner: KnownLearner | None,
    engagements: Sequence[KnownEngagement],
    phone_owner: str | None,
    today: datetime.date,
) -> tuple[RowPlan | None, list[RosterProblem]]:
    """What one clean row does to the register, or why it cannot be applied.

    Engagement matching, against the learner's current engagement with the enterprise:
    none → create one; the same start date → correct it in place (a fix of the roster), or leave it
    if nothing differs; an earlier start date → correct it in place; a later start date with another
    position, roles, employment type or operation items → end the current one the day before and create a new one, so
    that the file keeps every position held (a later date alone is a correction, made in place).
    """
    problems = []
    if learner is not None and not _same_name(learner.name, row.name):
        # Never say which name: the roster's author may not know this person at all.
        problems.append(
            RosterProblem(
                code=RosterError.NAME_MISMATCH,
                message=_(
                    "This identity number is registered under another name; check the name and the number."
                ),
                row=row.row,
                column="name",
            )
        )
    if row.phone and phone_owner is not None and phone_owner != row.identity_number:
        problems.append(
            RosterProblem(
                code=RosterError.PHONE_TAKEN,
                message=_("This mobile number is already registered to another person."),
                row=row.row,
                column="phone",
            )
        )
    current = max(
        (engagement for engagement in engagements if engagement.is_current(today)),
        key=lambda engagement: (engagement.started_on, engagement.pk),
        default=None,
    )
    for engagement in engagements:
        if engagement is current or engagement.ended_on is None:
            continue
        if engagement.ended_on >= row.started_on and (
            current is None or row.started_on <= current.started_on
        ):
            problems.append(
                RosterProblem(
                    code=RosterError.OVERLAPS_ENDED,
                    message=_(
                        "This person worked here from %(start)s to %(end)s; a start date in that period "
                        "cannot be imported. Give the date they started again."
                    )
                    % {"start": engagement.started_on.isoformat(), "end": engagement.ended_on.isoformat()},
                    row=row.row,
                    column="started_on",
                )
            )
            break
    if problems:
        return None, problems

    learner_fields = []
    if learner is not None:
        if row.phone and row.phone != learner.phone:
            learner_fields.append("phone")
        if row.education and row.education != learner.education:
            learner_fields.append("education")

    if current is None:
        return RowPlan(
            row=row,
            action=RosterAction.CREATED,
            learner=learner,
            fields=tuple(learner_fields),
            create_engagement=True,
            operation_items=row.operation_items or (),
        ), []

    operation_items = _operation_items_after(row, current)
    changed = [
        name
        for name, old, new in (
            ("position", current.position, row.position),
            ("roles", current.roles, row.roles),
            ("employment_type", current.employment_type, row.employment_type),
            # The same items spelt otherwise are not a change (`operation_item_key`).
            (
                "operation_items",
                operation_item_keys(current.operation_items),
                operation_item_keys(operation_items),
            ),
        )
        if old != new
    ]
    if row.started_on > current.started_on and changed:
        return RowPlan(
            row=row,
            action=RosterAction.NEW_POSITION,
            learner=learner,
            fields=tuple(learner_fields + changed),
            create_engagement=True,
            end_engagement=current.pk,
            operation_items=operation_items,
        ), []
    if row.started_on != current.started_on:
        changed.append("started_on")
    if changed:
        return RowPlan(
            row=row,
            action=RosterAction.UPDATED,
            learner=learner,
            fields=tuple(learner_fields + changed),
            update_engagement=current.pk,
            replace_roles="roles" in changed,
            operation_items=operation_items,
        ), []
    action = RosterAction.UPDATED if learner_fields else RosterAction.UNCHANGED
    return RowPlan(row=row, action=action, learner=learner, fields=tuple(learner_fields)), []


def _operation_items_after(row: RosterRow, current: KnownEngagement) -> tuple[str, ...]:
    """The items the engagement holds after this row: the file's when it has the column; otherwise
    those on record — unless the row takes the special operator role away, as only a special
    operator's post has operation items."""
    if row.operation_items is not None:
        return row.operation_items
    if Role.SPECIAL_OPERATOR not in row.roles:
        return ()
    return current.operation_items


# ---------------------------------------------------------------------------------------------------------
# 3. Applying


def _chunks(items: Sequence, size: int = CHUNK_ROWS) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _register_plans(
    *, enterprise: Enterprise, rows: list[RosterRow], today: datetime.date
) -> tuple[list[RowPlan], list[RosterProblem]]:
    """Read what the register already holds about these people, in chunks, and plan every row."""
    known: dict[str, KnownLearner] = {}
    for chunk in _chunks([row.identity_number for row in rows]):
        for values in Learner.objects.filter(identity_number__in=chunk).values(
            "pk", "identity_number", "name", "phone", "education"
        ):
            values["phone"] = values["phone"] or ""
            known[values["identity_number"]] = KnownLearner(**values)
    phone_owner: dict[str, str] = {}
    for chunk in _chunks([row.phone for row in rows if row.phone]):
        phone_owner.update(Learner.objects.filter(phone__in=chunk).values_list("phone", "identity_number"))
    engagements: dict[int, list[KnownEngagement]] = defaultdict(list)
    for chunk in _chunks([learner.pk for learner in known.values()]):
        roles: dict[int, set[str]] = defaultdict(set)
        found = list(
            Engagement.objects.filter(enterprise=enterprise, learner_id__in=chunk).values_list(
                "pk", "learner_id", "position", "employment_type", "started_on", "ended_on", "operation_items"
            )
        )
        for engagement_chunk in _chunks([values[0] for values in found]):
            for engagement_id, role in EngagementRole.objects.filter(
                engagement_id__in=engagement_chunk
            ).values_list("engagement_id", "role"):
                roles[engagement_id].add(role)
        for pk, learner_id, position, employment_type, started_on, ended_on, operation_items in found:
            engagements[learner_id].append(
                KnownEngagement(
                    pk=pk,
                    position=position,
                    employment_type=employment_type,
                    started_on=started_on,
                    ended_on=ended_on,
                    roles=tuple(code for code in ROLE_ORDER if code in roles[pk]),
                    operation_items=tuple(operation_items or ()),
                )
            )
    plans, problems = [], []
    for row in rows:
        learner = known.get(row.identity_number)
        plan, row_problems = roster_row_plan(
            row,
            learner=learner,
            engagements=engagements[learner.pk] if learner else (),
            phone_owner=phone_owner.get(row.phone),
            today=today,
        )
        problems += row_problems
        if plan is not None:
            plans.append(plan)
    return plans, problems


def _write(*, enterprise: Enterprise, plans: list[RowPlan], progress: Progress | None) -> None:
    """Bulk writes, a chunk of rows at a time; the caller's transaction makes them all or nothing."""
    now = timezone.now()
    total = len(plans)
    done = 0
    for chunk in _chunks(plans):
        new_learners = [
            Learner(
                identity_number=plan.row.identity_number,
                name=plan.row.name,
                phone=plan.row.phone or None,
                education=plan.row.education,
            )
            for plan in chunk
            if plan.learner is None
        ]
        Learner.objects.bulk_create(new_learners)
        learner_ids = {learner.identity_number: learner.pk for learner in new_learners}
        if new_learners and any(learner.pk is None for learner in new_learners):
            # Databases that cannot return ids from a bulk insert.
            learner_ids = dict(
                Learner.objects.filter(identity_number__in=list(learner_ids)).values_list(
                    "identity_number", "pk"
                )
            )
        for plan in chunk:
            if plan.learner is not None:
                learner_ids[plan.row.identity_number] = plan.learner.pk

        Learner.objects.bulk_update(
            [
                Learner(
                    pk=plan.learner.pk,
                    phone=(plan.row.phone if "phone" in plan.fields else plan.learner.phone) or None,
                    education=plan.row.education if "education" in plan.fields else plan.learner.education,
                    updated_at=now,
                )
                for plan in chunk
                if plan.learner is not None and plan.learner_fields
            ],
            ["phone", "education", "updated_at"],
        )
        Engagement.objects.bulk_update(
            [
                Engagement(pk=plan.end_engagement, ended_on=plan.row.started_on - datetime.timedelta(days=1))
                for plan in chunk
                if plan.end_engagement
            ],
            ["ended_on"],
        )
        corrected = [plan for plan in chunk if plan.update_engagement]
        Engagement.objects.bulk_update(
            [
                Engagement(
                    pk=plan.update_engagement,
                    position=plan.row.position,
                    employment_type=plan.row.employment_type,
                    operation_items=list(plan.operation_items),
                    started_on=plan.row.started_on,
                )
                for plan in corrected
            ],
            ["position", "employment_type", "operation_items", "started_on"],
        )
        replaced = [plan for plan in corrected if plan.replace_roles]
        EngagementRole.objects.filter(
            engagement_id__in=[plan.update_engagement for plan in replaced]
        ).delete()
        roles = [
            EngagementRole(engagement_id=plan.update_engagement, role=role)
            for plan in replaced
            for role in plan.row.roles
        ]

        created_plans = [plan for plan in chunk if plan.create_engagement]
        new_engagements = [
            Engagement(
                learner_id=learner_ids[plan.row.identity_number],
                enterprise=enterprise,
                position=plan.row.position,
                employment_type=plan.row.employment_type,
                operation_items=list(plan.operation_items),
                started_on=plan.row.started_on,
            )
            for plan in created_plans
        ]
        Engagement.objects.bulk_create(new_engagements)
        if any(engagement.pk is None for engagement in new_engagements):
            # SQLite >= 3.35 and PostgreSQL return them; the roles below cannot be written without.
            raise RuntimeError("The database did not return the ids of new engagements.")
        roles += [
            EngagementRole(engagement_id=engagement.pk, role=role)
            for plan, engagement in zip(created_plans, new_engagements, strict=True)
            for role in plan.row.roles
        ]
        EngagementRole.objects.bulk_create(roles, batch_size=CHUNK_ROWS)
        done += len(chunk)
        if progress:
            progress(done, total, WRITING)


def _change(plan: RowPlan) -> dict:
    return {
        "row": plan.row.row,
        "identity_number_masked": identity_number_mask(plan.row.identity_number),
        "name": plan.row.name,
        "action": plan.action,
        "fields": list(plan.fields),
        "learner_created": plan.learner is None,
    }


def _read_upload(file) -> tuple[str, bytes]:
    name = PurePath(str(file.name or "")).name[:255]
    roster_upload_check(name=name, size=file.size)
    file.seek(0)
    data = file.read()
    file.seek(0)
    return name, data


def _record(
    *,
    enterprise: Enterprise,
    user,
    name: str,
    data: bytes | None,
    status: str,
    report: dict,
    row_count: int = 0,
    counts: dict | None = None,
) -> RosterImport:
    counts = counts or {}
    record = RosterImport(
        enterprise=enterprise,
        uploaded_by=user,
        filename=name,
        status=status,
        row_count=row_count,
        created_count=counts.get(RosterAction.CREATED, 0),
        updated_count=counts.get(RosterAction.UPDATED, 0) + counts.get(RosterAction.NEW_POSITION, 0),
        unchanged_count=counts.get(RosterAction.UNCHANGED, 0),
        report=report,
    )
    if data is not None:
        # A random stored name: the file holds identity numbers, and its own name may be guessable.
        suffix = PurePath(name).suffix.lower()
        record.file.save(f"{uuid.uuid4().hex}{suffix}", ContentFile(data), save=False)
    record.save()
    return record


def roster_import_apply(
    *,
    enterprise: Enterprise,
    user,
    file,
    progress: Progress | None = None,
    today: datetime.date | None = None,
) -> RosterImport:
    """Import a roster file for `enterprise`: all of it, or — if any row has a problem — none of it.

    Returns the `RosterImport` record either way: status applied, with counts and every row's change
    in `report["changes"]`; or status refused, with `report["errors"]` (at most MAX_LISTED_PROBLEMS,
    and `report["error_count"]`). A refusal is recorded after the rolled-back transaction, so the
    history shows it. The uploaded file is kept as evidence, unless it is not a roster at all.

    `progress(done, total, phase)` is called every CHUNK_ROWS rows while checking and while writing.
    """
    if not can_manage_enterprise(user, enterprise):
        raise PermissionDenied(_("Only an administrator of this enterprise may import its roster."))
    today = today or timezone.localdate()
    name = PurePath(str(file.name or "")).name[:255]
    data = None
    report: dict = {}
    row_count = 0
    try:
        name, data = _read_upload(file)
        table = roster_file_read(name=name, data=data)
        report["source"] = table.source
        row_count = len(table.rows)
        rows, problems = roster_rows_clean(table, today=today, progress=progress)
        if problems:
            raise RosterRefused(problems)
        try:
            with transaction.atomic():
                plans, problems = _register_plans(enterprise=enterprise, rows=rows, today=today)
                if problems:
                    raise RosterRefused(problems)
                _write(enterprise=enterprise, plans=plans, progress=progress)
                roster_applied.send(
                    sender=RosterImport,
                    enterprise=enterprise,
                    identity_numbers=[plan.row.identity_number for plan in plans],
                    on=today,
                )
                counts = dict.fromkeys(ACTIONS, 0)
                for plan in plans:
                    counts[plan.action] += 1
                report.update(
                    counts=counts,
                    learners_created=sum(plan.learner is None for plan in plans),
                    changes=[_change(plan) for plan in plans],
                )
                return _record(
                    enterprise=enterprise,
                    user=user,
                    name=name,
                    data=data,
                    status=RosterImportStatus.APPLIED,
                    report=report,
                    row_count=row_count,
                    counts=counts,
                )
        except IntegrityError:
            # Someone else registered one of these people (or their phone) while we were checking.
            raise _file_problem(
                RosterError.CONCURRENT_CHANGE,
                _(
                    "Some of these people were changed by someone else during the import; import the file again."
                ),
            )
    except RosterRefused as refusal:
        problems = sorted(refusal.problems, key=lambda problem: problem.row or 0)
        report.update(
            error_count=len(problems),
            errors=[problem.as_dict() for problem in problems[:MAX_LISTED_PROBLEMS]],
        )
        keep = data is not None and not any(problem.code in NOT_KEPT for problem in problems)
        return _record(
            enterprise=enterprise,
            user=user,
            name=name,
            data=data if keep else None,
            status=RosterImportStatus.REFUSED,
            report=report,
            row_count=row_count,
        )


# ---------------------------------------------------------------------------------------------------------
# The template


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
