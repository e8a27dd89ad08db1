from __future__ import annotations

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.imports.services import import_file
from sikkerhedsnet.imports.tests.conftest import UNITS_HEADER, csv_bytes
from sikkerhedsnet.people.models import Role, Unit


def test_a_good_file_creates_and_updates_units(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    rows = [
        UNITS_HEADER,
        ["DAG001", "Solsikken", "daycare", "Vest"],  # exists; district changes
        ["DAG002", world.other_unit.name, "daycare", "Nord"],  # exists, unchanged
        ["SKO001", "Bøgeskolen", "school", ""],
    ]
    report = import_file(actor=admin, name="units.csv", content=csv_bytes(rows))
    assert report.imported, report.lines()
    assert report.counts == {"created": 1, "updated": 1, "unchanged": 1}
    assert Unit.objects.get(code="SKO001").kind == "school"
    assert Unit.objects.get(code="DAG001").district == "Vest"


def test_it_writes_history_and_one_audit_event(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    rows = [
        UNITS_HEADER,
        ["DAG001", "Solsikken", "daycare", "Vest"],
        ["SKO001", "Skolen", "school", ""],
    ]
    import_file(actor=admin, name="units.csv", content=csv_bytes(rows))
    created = Unit.history.get(code="SKO001")
    assert (created.history_type, created.history_user) == ("+", admin)
    assert created.history_change_reason == "Import af units.csv"
    assert Unit.history.filter(code="DAG001", history_type="~").count() == 1
    event = AuditEvent.objects.get(event_type="import.units")
    assert event.actor == admin
    assert event.extra == {
        "file_name": "units.csv",
        "rows": 2,
        "created": 1,
        "updated": 1,
        "unchanged": 0,
    }


def test_an_invalid_kind_lists_the_allowed_codes_and_nothing_is_written(db: None) -> None:
    rows = [UNITS_HEADER, ["SKO001", "Skolen", "school", ""], ["X1", "Slottet", "castle", ""]]
    report = import_file(actor=None, name="units.csv", content=csv_bytes(rows))
    assert [str(e) for e in report.errors] == [
        "Række 3, kolonne kind: Ukendt type »castle«. Tilladte koder: daycare, school, sfo, "
        "health_visiting, dental, residential_institution, family_department."
    ]
    assert not Unit.objects.exists()
    assert not AuditEvent.objects.exists()


def test_empty_required_fields_and_duplicate_codes_are_reported_per_row(db: None) -> None:
    rows = [
        UNITS_HEADER,
        ["SKO001", "Skolen", "school", ""],
        ["", "", "school", ""],
        ["SKO001", "Skolen igen", "school", ""],
    ]
    report = import_file(actor=None, name="units.csv", content=csv_bytes(rows, delimiter=";"))
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "unit_code"),
        (3, "name"),
        (4, "unit_code"),
    ]
    assert "Feltet er tomt" in report.errors[0].message
    assert "Står også i række 2" in report.errors[2].message
    assert not Unit.objects.exists()
