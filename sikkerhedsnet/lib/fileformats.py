"""The file formats that import and export (DESIGN §6), the mechanism every area's file uses.

A format is a file's name (`units` for units.csv), its exact set of columns, a row validator, a
writer and an exporter. A file is recognised by its header alone: the header cells, trimmed and
lower-cased, must be exactly one format's columns, in any order.

An area adds its file by defining a FileFormat in its `import_formats.py` and listing it under
"import_formats" in `sikkerhedsnet/plugins.py`.

A format may say which children and units its rows are about (`touched`); the record of each
import (imports.models.ImportRun) links them, so the administrator can see what a file brought.

Formats are kept in the table's order, which is also the order files are imported in when
several are given at once (units before children before screenings). A format whose rows refer to
another file's (`requires=("children",)`) comes after it whatever its place in the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.utils.translation import gettext as _

from sikkerhedsnet.lib.plugins import load

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

    from sikkerhedsnet.people.models import User

T = TypeVar("T")
HISTORY_REASON_LENGTH = 100  # simple-history's history_change_reason column
Counts = dict[str, int]


@dataclass(frozen=True)
class RowError:
    """One problem, placed as the user sees it in a spreadsheet: the header is row 1."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return _("Række %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Række %(row)d, kolonne %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Row:
    """A data row by column name; validators read it through `text` and report through `error`."""

    number: int
    values: dict[str, str]
    errors: list[RowError] = field(default_factory=list)

    def error(self, column: str | None, message: str) -> None:
        self.errors.append(RowError(message=message, row=self.number, column=column))

    def text(self, column: str, *, max_length: int, required: bool = True) -> str:
        value = self.values.get(column, "")
        if required and not value:
            self.error(column, _("Feltet er tomt, men skal udfyldes."))
        elif len(value) > max_length:
            self.error(
                column,
                _("Højst %(max)d tegn; her er der %(count)d.")
                % {"max": max_length, "count": len(value)},
            )
        return value


@dataclass(frozen=True)
class WriteContext:
    actor: User | None
    today: date
    reason: str  # the change reason on every history row, e.g. "Import af children.csv"


@dataclass(frozen=True)
class Touched:
    """What a file's rows are about, so the record of its import can list them: children by
    their CPR digits, units by their code."""

    child_cprs: frozenset[str] = frozenset()
    unit_codes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class FileFormat(Generic[T]):
    name: str
    label: _StrOrPromise
    columns: tuple[str, ...]
    # Given today's date, loads what validation needs (known codes, existing rows) once and
    # returns the row validator: a cleaned item, or None after reporting on the row.
    validator: Callable[[date], Callable[[Row], T | None]]
    write: Callable[[list[T], WriteContext], Counts]
    export_rows: Callable[[date], Iterable[Sequence[str]]]
    count_labels: dict[str, _StrOrPromise]
    # Items with the same key may appear once per file (a child twice would be ambiguous).
    unique_key: Callable[[T], str] | None = None
    unique_column: str | None = None
    # Formats whose rows this one's refer to; they are imported first when given together.
    requires: tuple[str, ...] = ()
    # The children and units the valid rows are about; None: the import lists none.
    touched: Callable[[list[T]], Touched] | None = None

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"


def _formats() -> dict[str, FileFormat[Any]]:
    """The formats of the plug-in table ("import_formats"), by name, in the table's order."""
    found: dict[str, FileFormat[Any]] = {}
    for file_format in load("import_formats", FileFormat):
        if file_format.name in found:
            raise ValueError(f"file format {file_format.name} is listed twice")
        found[file_format.name] = file_format
    return found


def all_formats() -> list[FileFormat[Any]]:
    """The table's order, except that a format waits until the formats it requires are placed."""
    known = _formats()
    ordered: dict[str, FileFormat[Any]] = {}
    waiting = list(known.values())
    while waiting:
        ready = next((f for f in waiting if _requirements_placed(f, ordered, known)), waiting[0])
        ordered[ready.name] = ready  # waiting[0] only if requirements form a circle
        waiting.remove(ready)
    return list(ordered.values())


def _requirements_placed(
    file_format: FileFormat[Any], placed: dict[str, Any], known: dict[str, Any]
) -> bool:
    return all(name in placed or name not in known for name in file_format.requires)


def get_format(name: str) -> FileFormat[Any] | None:
    return _formats().get(name)


def normalise_header(cell: str) -> str:
    return cell.strip().lower()


def format_for_header(header: Sequence[str]) -> FileFormat[Any] | None:
    names = [normalise_header(cell) for cell in header]
    if len(set(names)) != len(names):
        return None
    return next((f for f in _formats().values() if set(f.columns) == set(names)), None)


def expected_headers() -> str:
    """The known headers, for the message about a header that matches none of them."""
    return "; ".join(f"{f.file_name}: {','.join(f.columns)}" for f in all_formats())
