from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.imports.tests.conftest import (
    BOY_2021,
    CHILDREN_HEADER,
    UNITS_HEADER,
    csv_bytes,
    xlsx_rows,
)
from sikkerhedsnet.people.models import Child, Role, Unit


def _run(*argv: str) -> int:
    """The exit code the shell would see from `sikkerhedsnet ...`.

    call_command, not execute_from_command_line: the latter closes every database connection
    when the command ends, the test's own included (fatal on PostgreSQL). A CommandError is
    what BaseCommand.run_from_argv turns into exit code 1.
    """
    try:
        call_command(*argv)
    except CommandError as error:
        sys.stderr.write(f"CommandError: {error}\n")  # as run_from_argv prints it
        return 1
    return 0


def _write(tmp_path: Path, name: str, rows: list[list[str]]) -> str:
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows, delimiter=";"))
    return str(path)


def test_it_imports_files_in_dependency_order_and_exits_zero(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    children = _write(
        tmp_path, "children.csv", [CHILDREN_HEADER, [BOY_2021, "Emil", "Hansen", "NY1"]]
    )
    units = _write(tmp_path, "units.csv", [UNITS_HEADER, ["NY1", "Nyskolen", "school", ""]])
    admin = world.role_users[Role.ADMINISTRATOR]
    assert _run("import", children, units, "--actor", admin.username) == 0
    assert Child.objects.get(cpr="7705214001").enrolments.get().unit.code == "NY1"
    assert list(AuditEvent.objects.order_by("id").values_list("event_type", "actor")) == [
        ("import.units", admin.pk),
        ("import.children", admin.pk),
    ]
    assert "children.csv er importeret: 1 række." in capsys.readouterr().out


def test_a_refused_file_prints_its_errors_and_exits_non_zero(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path, "units.csv", [UNITS_HEADER, ["NY1", "Nyskolen", "school", ""]])
    bad = _write(tmp_path, "children.csv", [CHILDREN_HEADER, [BOY_2021, "Emil", "", "DAG001"]])
    assert _run("import", good, bad) == 1
    err = capsys.readouterr().err
    assert "children.csv blev ikke importeret; intet er gemt. 1 fejl:" in err
    assert "Række 2, kolonne last_name: Feltet er tomt, men skal udfyldes." in err
    assert "1 af 2 filer blev ikke importeret." in err
    assert Unit.objects.filter(code="NY1").exists()  # each file stands alone
    assert AuditEvent.objects.get().actor is None


def test_an_unknown_actor_is_refused(world: World, tmp_path: Path) -> None:
    units = _write(tmp_path, "units.csv", [UNITS_HEADER, ["NY1", "Nyskolen", "school", ""]])
    assert _run("import", units, "--actor", "ingen") == 1
    assert not Unit.objects.filter(code="NY1").exists()


def test_export_writes_the_file_and_audits_it(world: World, tmp_path: Path) -> None:
    output = tmp_path / "boern.xlsx"
    admin = world.role_users[Role.ADMINISTRATOR]
    call_command(
        "export", "children", "--format", "xlsx", "-o", str(output), "--actor", admin.username
    )
    rows = xlsx_rows(output.read_bytes())
    assert [cell.value for cell in rows[0]] == CHILDREN_HEADER
    assert len(rows) == 3
    assert AuditEvent.objects.get().event_type == "export.children"
