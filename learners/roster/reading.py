"""Step 1 of a roster import: the upload's type, size and text encoding, into rows of raw cells under a
recognised header row."""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

import filetype
import openpyxl
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from learners.errors import RosterError
from learners.roster.format import (
    COLUMN_BY_KEY,
    COLUMNS,
    HEADER_SEARCH_ROWS,
    MAX_COLUMNS,
    MAX_XLSX_EXPANSION,
    SOURCE_GB18030,
    SOURCE_UTF8,
    SOURCE_UTF16,
    SOURCE_XLSX,
    RosterProblem,
    RosterRefused,
    file_problem,
    header_key,
    not_a_roster,
)


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
        raise file_problem(
            RosterError.FILE_TOO_LARGE,
            _("This file is %(size)s; the largest roster allowed is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if PurePath(name).suffix.lower() not in (".csv", ".xlsx"):
        raise file_problem(
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
        raise not_a_roster(_("This file is not an Excel workbook; save it from Excel as .xlsx or as CSV."))
    try:
        with zipfile.ZipFile(buffer) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        unpacked = None
    if unpacked is None or unpacked > MAX_XLSX_EXPANSION * settings.ACADEMY_ROSTER_MAX_UPLOAD_BYTES:
        raise not_a_roster(_("This Excel workbook cannot be read; save it again from Excel as .xlsx."))
    try:
        workbook = openpyxl.load_workbook(buffer, read_only=True, data_only=True)
    except Exception:
        raise not_a_roster(_("This Excel workbook cannot be read; save it again from Excel as .xlsx."))
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
        raise not_a_roster(_("This Excel workbook cannot be read; save it again from Excel as .xlsx."))
    finally:
        workbook.close()


def _decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) first, then GB18030 — the superset of GBK that Chinese Excel writes.

    Also UTF-16 with a BOM, which is what Excel's "Unicode text" saves.
    """
    kind = filetype.guess(data[:8192]) if data else None
    if kind is not None:
        raise not_a_roster(
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
    raise not_a_roster(_("This file is not a roster: it cannot be read as text in UTF-8 or GBK."))


def _csv_rows(text: str) -> Iterator[tuple[int, tuple]]:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    try:
        yield from _numbered(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise not_a_roster(_("This file is not a roster: it is not valid CSV."))


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
        raise not_a_roster(
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
            raise file_problem(
                RosterError.TOO_MANY_ROWS,
                _("This file has more than %(limit)s rows (counting empty ones); delete the empty rows.")
                % {"limit": scan_limit},
            )
        if _is_empty(cells):
            continue
        if len(data_rows) >= limit:
            raise file_problem(
                RosterError.TOO_MANY_ROWS,
                _("This roster has more than %(limit)s people; split it into several files.")
                % {"limit": limit},
            )
        data_rows.append(
            (number, {key: cells[index] if index < len(cells) else None for key, index in positions.items()})
        )
    if not data_rows:
        raise file_problem(RosterError.NO_ROWS, _("The roster has a header row but no people below it."))
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
            key = header_key(cell)
            if key is None:
                continue  # unknown extra columns are ignored
            if key in positions:
                duplicates.append(key)
            positions.setdefault(key, index)
        if len(positions) >= 2:
            if duplicates:
                raise file_problem(
                    RosterError.DUPLICATE_COLUMN,
                    _("The column %(column)s appears twice in the header row.")
                    % {"column": COLUMN_BY_KEY[duplicates[0]].label},
                    column=duplicates[0],
                )
            return positions, rows
        if seen >= HEADER_SEARCH_ROWS:
            return None
    return None
