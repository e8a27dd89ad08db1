"""Bytes to rows and rows to bytes: CSV (UTF-8, `;` or `,`) and XLSX (first sheet)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePath
from typing import Any

import openpyxl
from django.utils.translation import gettext as _

from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.fileformats import (
    FileFormat,
    Row,
    RowError,
    expected_headers,
    format_for_header,
    normalise_header,
)
from sikkerhedsnet.lib.spreadsheet_safety import escape_cell, unescape_cell

FILE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
DELIMITERS = (";", ",")
# Danish Excel lists with semicolons; a file exported with them opens in columns there.
EXPORT_DELIMITER = ";"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class FileRejected(Refused):
    """The file as a whole cannot be read; the message is shown to the user as it is."""


@dataclass
class Table:
    file_name: str
    format: FileFormat[Any]
    rows: list[Row]
    errors: list[RowError] = field(default_factory=list)  # rows that do not fit the header


def file_type_of(name: str) -> str | None:
    suffix = PurePath(name).suffix.lower().lstrip(".")
    return suffix if suffix in FILE_TYPES else None


def read_table(*, name: str, content: bytes) -> Table:
    """The recognised format and the data rows of a file, or FileRejected saying why not."""
    file_type = file_type_of(name)
    if file_type is None:
        raise FileRejected(_("Kun .csv- og .xlsx-filer kan importeres."))
    if not content.strip():
        raise FileRejected(_("Filen er tom."))
    records = _xlsx_records(content) if file_type == "xlsx" else _csv_records(content)
    if not any(any(cell for cell in record) for record in records):
        raise FileRejected(_("Filen er tom."))
    return _table(name, records)


def _table(name: str, records: list[list[str]]) -> Table:
    header = _trim_trailing_empty(records[0])
    file_format = format_for_header(header)
    if file_format is None:
        raise FileRejected(
            _(
                "Overskriften i række 1 (%(found)s) passer ikke til nogen kendt fil. "
                "Forventede kolonner: %(expected)s."
            )
            % {"found": ",".join(header) or _("tom"), "expected": expected_headers()}
        )
    columns = [normalise_header(cell) for cell in header]
    table = Table(file_name=name, format=file_format, rows=[])
    for number, record in enumerate(records[1:], start=2):
        if any(record):
            table.rows.append(_row(number, columns, record, table.errors))
    return table


def _row(number: int, columns: list[str], record: list[str], errors: list[RowError]) -> Row:
    if any(record[len(columns) :]):
        message = _("Rækken har %(count)d felter, men overskriften har %(expected)d.")
        errors.append(
            RowError(message % {"count": len(record), "expected": len(columns)}, row=number)
        )
    return Row(number=number, values=dict(zip(columns, record, strict=False)))


def _trim_trailing_empty(record: list[str]) -> list[str]:
    end = len(record)
    while end and not record[end - 1]:
        end -= 1
    return record[:end]


def _clean(value: str) -> str:
    return unescape_cell(value.strip())


# CSV ----------------------------------------------------------------------------------------


def _csv_records(content: bytes) -> list[list[str]]:
    if content.startswith(b"PK\x03\x04"):
        raise FileRejected(
            _("Filen er et Excel-regneark, men navnet ender på .csv. Kald den .xlsx.")
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRejected(
            _("Filen er ikke gemt som UTF-8. Gem den i Excel som »CSV UTF-8« og prøv igen.")
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return [[_clean(cell) for cell in record] for record in reader]
    except csv.Error:
        message = _("Filen kan ikke læses som CSV; fejlen er i linje %(line)d.")
        raise FileRejected(message % {"line": reader.line_num}) from None


def _delimiter(text: str) -> str:
    """The delimiter under which the header is a known one; else the one that splits it most."""
    first_line = _LINE_BREAK.split(text, maxsplit=1)[0]
    headers = {d: next(csv.reader([first_line], delimiter=d), []) for d in DELIMITERS}
    for delimiter, header in headers.items():
        if format_for_header(_trim_trailing_empty([_clean(c) for c in header])):
            return delimiter
    return max(DELIMITERS, key=lambda d: len(headers[d]))


# XLSX ---------------------------------------------------------------------------------------


def _xlsx_records(content: bytes) -> list[list[str]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            rows = workbook.worksheets[0].iter_rows(values_only=True)
            return [[_clean(_cell_text(value)) for value in row] for row in rows]
        finally:
            workbook.close()
    # openpyxl fails in many ways on a damaged file (zip, XML, missing parts); to the user
    # they are all the same: the file cannot be read.
    except Exception:
        raise FileRejected(
            _("Filen kan ikke læses som et Excel-regneark (.xlsx). Den er måske beskadiget.")
        ) from None


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# Writing ------------------------------------------------------------------------------------


def write_csv(rows: Iterable[Sequence[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=EXPORT_DELIMITER)
    writer.writerows([escape_cell(cell) for cell in row] for row in rows)
    # The BOM tells Excel the file is UTF-8, so æ, ø and å survive a double-click.
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(rows: Iterable[Sequence[str]], *, title: str) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 - a new workbook always has one sheet
    sheet.title = title
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column, value=escape_cell(value))
            cell.data_type = "s"  # text, never a formula, whatever the value begins with
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_table(rows: Iterable[Sequence[str]], *, file_type: str, title: str) -> bytes:
    return write_xlsx(rows, title=title) if file_type == "xlsx" else write_csv(rows)
