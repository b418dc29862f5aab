"""The roster file format: its columns, the words it accepts for roles, employment types and education,
and the problems a file or a row can have.

The Chinese column labels and vocabulary below are the file format (what the downloadable template
says, what enterprises' spreadsheets say), not interface text, so they are not translated; the English
codes are accepted as aliases.
"""

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from learners.choices import Role
from learners.errors import RosterError
from learners.fake import fake_identity_number
from learners.models import (
    Education,
    EmploymentType,
)

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


def normalised(value: str) -> str:
    """Full-width forms to half-width (，→, （→( １→1), and runs of white space to one space."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def _lookup(words: dict) -> dict[str, str]:
    table = {}
    for code, labels in words.items():
        table[code.lower()] = code
        for label in labels:
            table[normalised(label).replace(" ", "").lower()] = code
    return table


ROLE_LOOKUP = _lookup(ROLE_WORDS)


EMPLOYMENT_LOOKUP = _lookup(EMPLOYMENT_WORDS)


EDUCATION_LOOKUP = _lookup(EDUCATION_WORDS)


HEADER_LOOKUP = _lookup({column.key: (column.label, *column.aliases) for column in COLUMNS})


def header_key(cell) -> str | None:
    """The column a header cell names; a trailing * or (必填) marking it required is ignored."""
    text = normalised(str(cell or "")).replace(" ", "").lower()
    text = re.sub(r"(\*|\(必填\)|\(选填\))+$", "", text).lstrip("*")
    return HEADER_LOOKUP.get(text)


def allowed_words(words: dict) -> str:
    return "、".join(labels[0] for labels in words.values())


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


def file_problem(code: str, message: str, column: str = "") -> RosterRefused:
    return RosterRefused([RosterProblem(code=code, message=message, column=column)])


def not_a_roster(reason: str) -> RosterRefused:
    return file_problem(RosterError.NOT_A_ROSTER, reason)


Progress = Callable[[int, int, str], None]
