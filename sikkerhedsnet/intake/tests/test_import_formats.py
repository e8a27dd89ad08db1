"""notifications.csv: row-level Danish errors, all or nothing, deadlines and repeated concern."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from typing import Any

import pytest
from pytest_django import DjangoAssertNumQueries

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.imports.services import ImportReport, export_file, import_file, import_files
from sikkerhedsnet.imports.tests.conftest import CHILDREN_HEADER, GIRL_2024, csv_bytes, xlsx_bytes
from sikkerhedsnet.intake.models import Channel, Notification, Status
from sikkerhedsnet.intake.tests.factories import CPH, make_notification
from sikkerhedsnet.lib.fileformats import FileFormat, all_formats, get_format
from sikkerhedsnet.people.models import Child, Role
from sikkerhedsnet.people.tests import factories as f

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=CPH)
HEADER = ["cpr", "received_at", "source_kind", "professional", "urgent"]


TODAY = NOW
pytestmark = pytest.mark.usefixtures("today")


def _import(*rows: list[str]) -> ImportReport:
    return import_file(actor=None, name="notifications.csv", content=csv_bytes([HEADER, *rows]))


def test_rows_become_notifications_on_the_import_channel_with_their_deadline(world: World) -> None:
    cpr = world.child.cpr_formatted
    report = _import([cpr, "2026-02-27 14:30", "school", "ja", "nej"])
    assert report.imported, report.lines()
    assert report.counts == {"created": 1, "unchanged": 0}
    notification = Notification.objects.get()
    received = datetime(2026, 2, 27, 14, 30, tzinfo=CPH)
    assert notification.child == world.child
    assert (notification.channel, notification.status) == (Channel.IMPORT, Status.RECEIVED)
    assert (notification.is_professional, notification.urgent) == (True, False)
    assert notification.received_at == received
    assert notification.assessment_due_at == received + timedelta(hours=24)
    assert notification.receipt_due_on is None  # the file names no notifier to send it to
    assert notification.reference.startswith("U2026-")
    assert notification.history.get().history_change_reason == "Import af notifications.csv"
    assert AuditEvent.objects.get().event_type == "import.notifications"


def test_an_offset_is_kept_and_a_bare_date_is_danish_midnight(world: World) -> None:
    cpr = world.child.cpr_formatted
    report = _import(
        [cpr, "2026-02-27T14:30:00+00:00", "police", "1", "0"],
        [cpr, "2026-02-20", "citizen", "false", "true"],
    )
    assert report.imported, report.lines()
    moments = list(
        Notification.objects.order_by("received_at").values_list("received_at", "urgent")
    )
    assert moments == [
        (datetime(2026, 2, 20, 0, 0, tzinfo=CPH), True),
        (datetime(2026, 2, 27, 15, 30, tzinfo=CPH), False),
    ]


def test_every_bad_row_is_reported_in_danish_and_nothing_is_stored(world: World) -> None:
    cpr = world.child.cpr_formatted
    report = _import(
        [cpr, "2026-02-27 14:30", "school", "ja", "nej"],
        [GIRL_2024, "2026-02-27 14:30", "school", "ja", "nej"],
        ["12345", "i går", "skolen", "måske", ""],
        [cpr, "2026-03-05 08:00", "health", "true", "false"],
        [cpr, "2026-02-27 14:30", "school", "nej", "nej"],
    )
    assert [str(error) for error in report.errors] == [
        "Række 3, kolonne cpr: Intet barn har CPR-nummeret 630124-4002. "
        "Importér barnet med children.csv først.",
        "Række 4, kolonne cpr: CPR-nummeret skal have 10 cifre (DDMMÅÅ-XXXX); der er 5.",
        "Række 4, kolonne received_at: »i går« er ikke et tidspunkt. Skriv det som "
        "ÅÅÅÅ-MM-DD TT:MM, for eksempel 2026-03-01 14:30 (dansk tid) eller "
        "2026-03-01T14:30+01:00.",
        "Række 4, kolonne source_kind: Ukendt afsender »skolen«. Brug en af: school, daycare, "
        "health, police, social_services, citizen, family, child, other.",
        "Række 4, kolonne professional: »måske« er hverken ja eller nej. "
        "Brug true/false, 1/0 eller ja/nej.",
        "Række 4, kolonne urgent: Feltet er tomt, men skal udfyldes.",
        "Række 5, kolonne received_at: Tidspunktet 2026-03-05 08:00 ligger i fremtiden.",
        "Række 6, kolonne received_at: Står også i række 2; hver værdi må kun stå én gang i filen.",
    ]
    assert not Notification.objects.exists()
    assert not AuditEvent.objects.exists()


def test_repeated_concern_counts_include_notifications_already_there(world: World) -> None:
    earlier = make_notification(
        child=world.child, at=NOW - timedelta(days=60), user=world.colleague
    )
    report = _import(
        [world.child.cpr_formatted, "2026-02-26 09:00", "police", "true", "false"],
        [world.child.cpr_formatted, "2026-02-28 09:00", "health", "true", "false"],
    )
    assert report.imported, report.lines()
    rows = Notification.objects.filter(child=world.child).order_by("received_at")
    assert [(n.notifications_in_12_months, n.notifiers_in_7_days) for n in rows] == [
        (1, 1),
        (2, 1),
        (3, 2),  # police and health within 7 days: two different notifiers
    ]
    assert rows[0] == earlier


def test_the_recount_takes_the_same_queries_for_many_children(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    children = [f.EnrolmentFactory.create(unit=world.unit).child for _ in range(40)]
    rows = [[c.cpr_formatted, "2026-02-26 09:00", "school", "ja", "nej"] for c in children]
    content = csv_bytes([HEADER, *rows])
    # Children lookup, existing keys, references, inserts and history, recount, audit: a fixed
    # number however many children the file names.
    with django_assert_max_num_queries(20):
        report = import_file(actor=None, name="notifications.csv", content=content)
    assert report.counts["created"] == 40
    assert set(Notification.objects.values_list("notifications_in_12_months", flat=True)) == {1}


def test_an_export_imports_again_unchanged(world: World) -> None:
    make_notification(
        child=world.child, at=NOW - timedelta(days=3, seconds=0.25), user=world.colleague
    )
    make_notification(
        child=None, at=NOW - timedelta(days=2), name="Anonym"
    )  # no child: not exported
    admin = world.role_users[Role.ADMINISTRATOR]
    content = export_file(actor=admin, file_format=_format(), file_type="csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        HEADER,
        [world.child.cpr_formatted, "2026-02-27T09:59:59+01:00", "school", "true", "false"],
    ]
    report = import_file(actor=admin, name="notifications.csv", content=content)
    assert report.counts == {"created": 0, "unchanged": 1}
    assert Notification.objects.count() == 2


def test_an_xlsx_date_time_cell_is_read(world: World) -> None:
    cell = datetime(2026, 2, 27, 14, 30)  # noqa: DTZ001 - a spreadsheet cell has no zone
    content = xlsx_bytes([HEADER, [world.child.cpr_formatted, cell, "daycare", 1, 0]])
    report = import_file(actor=None, name="notifications.xlsx", content=content)
    assert report.imported, report.lines()
    assert Notification.objects.get().received_at == datetime(2026, 2, 27, 14, 30, tzinfo=CPH)


def test_children_and_their_notifications_import_together_children_first(world: World) -> None:
    names = [file_format.name for file_format in all_formats()]
    assert names.index("units") < names.index("children") < names.index("notifications")
    notifications = csv_bytes([HEADER, [GIRL_2024, "2026-03-01 12:00", "family", "nej", "nej"]])
    children = csv_bytes([CHILDREN_HEADER, [GIRL_2024, "Ida", "Berg", "DAG001"]])
    reports = import_files(actor=None, files=[("n.csv", notifications), ("children.csv", children)])
    assert [(r.file_name, r.imported) for r in reports] == [
        ("children.csv", True),
        ("n.csv", True),
    ]
    assert Notification.objects.get().child == Child.objects.get(cpr="6301244002")


def _format() -> FileFormat[Any]:
    file_format = get_format("notifications")
    assert file_format is not None
    return file_format
