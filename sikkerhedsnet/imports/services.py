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
from sikkerhedsnet.imports.models import FILE_NAME_MAX, ImportRun
from sikkerhedsnet.lib.fileformats import (
    HISTORY_REASON_LENGTH,
    Counts,
    FileFormat,
    RowError,
    Touched,
    WriteContext,
    all_formats,
)
from sikkerhedsnet.lib.tables import FileRejected, Table, read_table, write_table
from sikkerhedsnet.people.models import Child, Unit, User

# SQLite refuses a query with more than 32766 parameters; a file may name more children.
QUERY_CHUNK = 5000


@dataclass
class ImportReport:
    file_name: str
    format: FileFormat[Any] | None = None
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    counts: Counts = field(default_factory=dict)
    run: ImportRun | None = None  # the record of the import, once it is in

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
    report.run = _record(actor=actor, table=table, counts=report.counts, items=items)
    audit_event_record(
        actor=actor,
        event_type=f"import.{table.format.name}",
        subject=report.run,
        extra={"file_name": table.file_name, "rows": len(items), **report.counts},
    )
    return report


def _record(*, actor: User | None, table: Table, counts: Counts, items: list[Any]) -> ImportRun:
    """The import's record with the children and units its rows were about, made after the
    write so that new children and units have their ids."""
    run = ImportRun.objects.create(
        actor=actor,
        file_name=table.file_name[:FILE_NAME_MAX],
        file_format=table.format.name,
        rows=len(table.rows),
        counts=counts,
    )
    touched = table.format.touched(items) if table.format.touched else Touched()
    children, units = ImportRun.children.through, ImportRun.units.through
    children.objects.bulk_create(
        [children(importrun=run, child_id=pk) for pk in _ids(Child, "cpr", touched.child_cprs)],
        batch_size=QUERY_CHUNK,
    )
    units.objects.bulk_create(
        [units(importrun=run, unit_id=pk) for pk in _ids(Unit, "code", touched.unit_codes)],
        batch_size=QUERY_CHUNK,
    )
    return run


def _ids(model: type[Child] | type[Unit], key: str, values: frozenset[str]) -> list[int]:
    ordered = sorted(values)
    found: list[int] = []
    for start in range(0, len(ordered), QUERY_CHUNK):
        chunk = ordered[start : start + QUERY_CHUNK]
        found.extend(model.objects.filter(**{f"{key}__in": chunk}).values_list("pk", flat=True))
    return found


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
