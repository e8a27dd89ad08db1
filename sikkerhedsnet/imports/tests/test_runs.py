"""Every import that goes in is kept as a record: who, when, which file, its counts, and the
children and units its rows were about."""

from __future__ import annotations

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.imports.models import ImportRun
from sikkerhedsnet.imports.services import import_file
from sikkerhedsnet.imports.tests.conftest import (
    BOY_2021,
    CHILDREN_HEADER,
    GIRL_2024,
    TODAY,
    UNITS_HEADER,
    csv_bytes,
)
from sikkerhedsnet.people.models import Child, Role, Unit


def test_a_children_file_is_recorded_with_its_children_and_units(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    known = world.child
    rows = [
        [BOY_2021, "Emil", "Hansen", "DAG001"],
        [GIRL_2024, "Ida", "Berg", "DAG002"],
        [known.cpr_formatted, known.first_name, "Nyt-Efternavn", "DAG001"],
    ]
    report = import_file(actor=admin, name="børn.csv", content=csv_bytes([CHILDREN_HEADER, *rows]))
    run = ImportRun.objects.get()
    assert report.run == run
    assert (run.actor, run.at, run.file_name, run.file_format, run.rows) == (
        admin,
        TODAY,
        "børn.csv",
        "children",
        3,
    )
    assert run.counts == {"created": 2, "updated": 1, "moved": 0, "unchanged": 0}
    new = Child.objects.filter(cpr__in=["7705214001", "6301244002"])
    assert set(run.children.all()) == {known, *new}
    assert set(run.units.all()) == {world.unit, world.other_unit}
    event = AuditEvent.objects.get(event_type="import.children")
    assert (event.subject_type, event.subject_id) == ("imports.importrun", run.pk)


def test_a_units_file_is_recorded_with_the_units_it_made(world: World) -> None:
    rows = [UNITS_HEADER, ["SKO001", "Skolen", "school", ""]]
    import_file(actor=None, name="units.csv", content=csv_bytes(rows))
    run = ImportRun.objects.get()
    assert (run.actor, run.file_format, run.counts["created"]) == (None, "units", 1)
    assert list(run.units.all()) == [Unit.objects.get(code="SKO001")]
    assert not run.children.exists()


def test_a_file_that_is_refused_leaves_no_record(world: World) -> None:
    rows = [CHILDREN_HEADER, ["12345", "Emil", "Hansen", "DAG001"]]
    report = import_file(actor=None, name="children.csv", content=csv_bytes(rows))
    assert not report.imported
    assert report.run is None
    assert not ImportRun.objects.exists()
