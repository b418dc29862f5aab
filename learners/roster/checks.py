"""Step 2 of a roster import: pure functions over plain values that turn each row into problems, or into
a plan (created, updated, new position, unchanged)."""

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from learners.choices import Role
from learners.errors import RosterError
from learners.identity import identity_number_clean, phone_clean
from learners.models import (
    EmploymentType,
)
from learners.operation_items import operation_item_keys, operation_items_unique
from learners.roster.format import (
    CHUNK_ROWS,
    COLUMN_BY_KEY,
    EDUCATION_LOOKUP,
    EDUCATION_WORDS,
    EMPLOYMENT_LOOKUP,
    EMPLOYMENT_WORDS,
    EXAMPLE_IDENTITY_NUMBER,
    OPERATION_ITEMS_WITH_SEPARATOR,
    ROLE_LOOKUP,
    ROLE_ORDER,
    ROLE_SEPARATORS,
    ROLE_WORDS,
    Progress,
    RosterAction,
    RosterProblem,
    allowed_words,
    normalised,
)
from learners.roster.reading import RosterTable
from learners.services import operation_items_clean


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


CHECKING = "checking"


WRITING = "writing"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    return normalised(str(value))


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
    text = normalised(text)
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
    return normalised(registered).replace(" ", "") == normalised(given).replace(" ", "")


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
