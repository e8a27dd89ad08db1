"""Import and export of whole files: validate every row, then write all of it or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.lib.fileformats import (
    HISTORY_REASON_LENGTH,
    Counts,
    FileFormat,
    RowError,
    WriteContext,
    all_formats,
)
from sikkerhedsnet.lib.tables import FileRejected, Table, read_table, write_table
from sikkerhedsnet.people.models import User


@dataclass
class ImportReport:
    file_name: str
    format: FileFormat[Any] | None = None
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    counts: Counts = field(default_factory=dict)

    @property
    def imported(self) -> bool:
        return not self.errors

    def count_lines(self) -> list[tuple[str, int]]:
        labels = self.format.count_labels if self.format else {}
        return [(str(label), self.counts.get(key, 0)) for key, label in labels.items()]

    def lines(self) -> list[str]:
        """The report as plain text, for the command line."""
        if not self.imported:
            head = _("%(file)s blev ikke importeret; intet er gemt. %(count)d fejl:")
            return [head % {"file": self.file_name, "count": len(self.errors)}] + [
                f"  {error}" for error in self.errors
            ]
        head = ngettext(
            "%(file)s er importeret: %(rows)d række.",
            "%(file)s er importeret: %(rows)d rækker.",
            self.rows,
        )
        return [head % {"file": self.file_name, "rows": self.rows}] + [
            f"  {count} {label}" for label, count in self.count_lines()
        ]


@transaction.atomic
def import_file(*, actor: User | None, name: str, content: bytes) -> ImportReport:
    try:
        table = read_table(name=name, content=content)
    except FileRejected as error:
        return _unreadable(name, error)
    return import_table(actor=actor, table=table)


def import_files(*, actor: User | None, files: Sequence[tuple[str, bytes]]) -> list[ImportReport]:
    """Several files, each all-or-nothing on its own (not atomic together), imported in the
    registry's order so that units.csv is in before the children.csv that refers to it."""
    order = {file_format.name: index for index, file_format in enumerate(all_formats())}
    reports, tables = [], []
    for name, content in files:
        try:
            tables.append(read_table(name=name, content=content))
        except FileRejected as error:
            reports.append(_unreadable(name, error))
    tables.sort(key=lambda table: order[table.format.name])
    return reports + [import_table(actor=actor, table=table) for table in tables]


def _unreadable(name: str, error: FileRejected) -> ImportReport:
    return ImportReport(file_name=name, errors=[RowError(str(error))])


@transaction.atomic
def import_table(*, actor: User | None, table: Table) -> ImportReport:
    """All rows or none: any error in any row, and nothing is written."""
    today = timezone.localdate()
    items, errors = _validate(table, today)
    report = ImportReport(
        file_name=table.file_name, format=table.format, rows=len(table.rows), errors=errors
    )
    if errors:
        return report
    reason = f"Import af {table.file_name}"[:HISTORY_REASON_LENGTH]
    report.counts = table.format.write(items, WriteContext(actor=actor, today=today, reason=reason))
    audit_event_record(
        actor=actor,
        event_type=f"import.{table.format.name}",
        extra={"file_name": table.file_name, "rows": len(items), **report.counts},
    )
    return report


def _validate(table: Table, today: date) -> tuple[list[Any], list[RowError]]:
    validate = table.format.validator(today)
    errors = list(table.errors)
    items: list[Any] = []
    first_row_of: dict[str, int] = {}
    for row in table.rows:
        item = validate(row)
        errors.extend(row.errors)
        if item is not None and _is_first(table.format, item, row.number, first_row_of, errors):
            items.append(item)
    errors.sort(key=lambda error: error.row or 0)
    return items, errors


def _is_first(
    file_format: FileFormat[Any],
    item: Any,
    number: int,
    seen: dict[str, int],
    errors: list[RowError],
) -> bool:
    """False, with an error, if an earlier row of the file has the same key."""
    if file_format.unique_key is None:
        return True
    key = file_format.unique_key(item)
    if key not in seen:
        seen[key] = number
        return True
    message = _("Står også i række %(row)d; hver værdi må kun stå én gang i filen.")
    errors.append(
        RowError(message % {"row": seen[key]}, row=number, column=file_format.unique_column)
    )
    return False


@transaction.atomic
def export_file(*, actor: User | None, file_format: FileFormat[Any], file_type: str) -> bytes:
    """A file in the import format; the audit row says who took which data out, and when."""
    rows = list(file_format.export_rows(timezone.localdate()))
    content = write_table(rows, file_type=file_type, title=file_format.name)
    audit_event_record(
        actor=actor,
        event_type=f"export.{file_format.name}",
        extra={"file_type": file_type, "rows": len(rows) - 1},
    )
    return content
