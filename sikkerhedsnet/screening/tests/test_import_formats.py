"""screenings.csv: good and bad files, duplicates, ADBB ages, and positions already stored."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.imports.services import ImportReport, export_file, import_file
from sikkerhedsnet.imports.tests.conftest import TODAY, csv_bytes, xlsx_bytes  # noqa: F401
from sikkerhedsnet.lib.fileformats import format_for_header
from sikkerhedsnet.people.models import Child, Unit, UnitKind, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening import import_formats as imports
from sikkerhedsnet.screening.models import Instrument, Screening
from sikkerhedsnet.screening.tests.factories import AdbbScreeningFactory, ScreeningFactory

HEADER = ["cpr", "unit_code", "date", "instrument", "result", "assessor"]
MARCH_2026 = date(2026, 3, 1)  # the round TODAY (2 March 2026) has just closed
OCTOBER_2025 = date(2025, 10, 15)
# The root conftest's `today` freezes time at the module's TODAY, imported from the imports
# tests: 2 March 2026, 10:00.
pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def infant(db: None) -> Child:
    """Born 10 October 2025: 2 months old on 10 December 2025, 4 months on 10 February 2026."""
    return f.ChildFactory.create(birth_date=date(2025, 10, 10))


@pytest.fixture
def health_visiting(db: None) -> Unit:
    return f.UnitFactory.create(code="SUN001", kind=UnitKind.HEALTH_VISITING)


def cpr(child: Child) -> str:
    return child.cpr_formatted


def _import(*rows: list[str], actor: User | None = None, name: str = "s.csv") -> ImportReport:
    return import_file(actor=actor, name=name, content=csv_bytes([HEADER, *rows]))


def messages(report: ImportReport) -> list[str]:
    return [str(error) for error in report.errors]


def joint(child: Child, deadline: date) -> Screening:
    return Screening.objects.get(
        child=child, round_deadline=deadline, instrument=Instrument.TRAFFIC_LIGHT
    )


def test_the_header_is_recognised_in_any_order() -> None:
    found = format_for_header(list(reversed([c.upper() for c in HEADER])))
    assert found is not None
    assert found.name == "screenings"


def test_a_good_file_creates_positions_and_scorings(
    world: World, infant: Child, health_visiting: Unit
) -> None:
    admin = world.role_users["administrator"]
    report = _import(
        [cpr(world.child), "DAG001", "2026-02-20", "traffic_light", "yellow", "Anne Holm"],
        [cpr(world.child), "DAG001", "2025-10-01", "traffic_light", "Green", "Anne Holm"],
        [cpr(world.other_child), "DAG002", "2026-02-27", "traffic_light", "red", ""],
        [cpr(infant), "SUN001", "2026-02-10", "adbb", "6", "Mette Sundby"],
        actor=admin,
    )
    assert report.imported, report.lines()
    assert report.counts == {
        "created": 3,
        "updated": 0,
        "kept": 0,
        "adbb_created": 1,
        "adbb_unchanged": 0,
    }
    position = joint(world.child, MARCH_2026)
    assert (position.position, position.screened_on, position.unit) == (
        "yellow",
        date(2026, 2, 20),
        world.unit,
    )
    assert (position.recorded_by, position.version) == (None, 1)
    assert joint(world.child, OCTOBER_2025).position == "green"
    adbb = Screening.objects.get(child=infant)
    assert (adbb.instrument, adbb.adbb_total, adbb.adbb_scores, adbb.round_deadline) == (
        "adbb",
        6,
        None,
        MARCH_2026,
    )
    event = AuditEvent.objects.get(event_type="import.screenings")
    assert (event.actor, event.extra["rows"], event.extra["created"]) == (admin, 4, 3)


def test_history_names_the_importer_and_the_assessor(world: World) -> None:
    admin = world.role_users["administrator"]
    _import(
        [cpr(world.child), "DAG001", "2026-02-20", "traffic_light", "green", "Anne Holm"],
        [cpr(world.other_child), "DAG002", "2026-02-20", "traffic_light", "green", ""],
        actor=admin,
        name="dagtilbud.csv",
    )
    entry = joint(world.child, MARCH_2026).history.get()
    assert (entry.history_type, entry.history_user) == ("+", admin)
    assert entry.history_change_reason == "Import af dagtilbud.csv; vurderet af Anne Holm"
    other = joint(world.other_child, MARCH_2026).history.get()
    assert other.history_change_reason == "Import af dagtilbud.csv"


def test_an_xlsx_file_with_real_dates_imports(world: World) -> None:
    content = xlsx_bytes(
        [HEADER, [cpr(world.child), "DAG001", date(2026, 2, 20), "traffic_light", "red", "A"]]
    )
    report = import_file(actor=None, name="screenings.xlsx", content=content)
    assert report.imported, report.lines()
    assert joint(world.child, MARCH_2026).position == "red"


def test_one_bad_row_imports_nothing_and_names_the_row(world: World) -> None:
    report = _import(
        [cpr(world.child), "DAG001", "2026-02-20", "traffic_light", "green", ""],
        [cpr(world.other_child), "DAG002", "2026-02-20", "traffic_light", "orange", ""],
    )
    assert messages(report) == [
        "Række 3, kolonne result: En trivselsvurdering har resultatet green, yellow eller red; "
        "her står »orange«."
    ]
    assert not Screening.objects.exists()
    assert not AuditEvent.objects.exists()


def test_every_kind_of_bad_row_is_reported(world: World) -> None:
    report = _import(
        ["770521-4099", "DAG001", "2026-02-20", "traffic_light", "green", ""],
        ["12345", "DAG001", "2026-02-20", "traffic_light", "green", ""],
        [cpr(world.child), "UKENDT", "2026-02-20", "traffic_light", "green", ""],
        [cpr(world.child), "DAG001", "20.02.2026", "traffic_light", "green", ""],
        [cpr(world.child), "DAG001", "2026-03-03", "traffic_light", "green", ""],
        [cpr(world.child), "DAG001", "2026-02-20", "topi", "green", ""],
        [cpr(world.child), "DAG001", "2026-02-20", "traffic_light", "green", "x" * 101],
        [cpr(world.child), "", "", "traffic_light", "green", ""],
    )
    assert messages(report) == [
        "Række 2, kolonne cpr: Intet barn har CPR-nummeret 770521-4099. "
        "Importér barnet med children.csv først.",
        "Række 3, kolonne cpr: CPR-nummeret skal have 10 cifre (DDMMÅÅ-XXXX); der er 5.",
        "Række 4, kolonne unit_code: Ukendt enhedskode »UKENDT«. "
        "Importér enheden med units.csv først.",
        "Række 5, kolonne date: »20.02.2026« er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, "
        "fx 2026-02-20.",
        "Række 6, kolonne date: Datoen 03.03.2026 ligger i fremtiden.",
        "Række 7, kolonne instrument: Ukendt instrument »topi«. Brug traffic_light eller adbb.",
        "Række 8, kolonne assessor: Højst 100 tegn; her er der 101.",
        "Række 9, kolonne unit_code: Feltet er tomt, men skal udfyldes.",
        "Række 9, kolonne date: Datoen mangler.",
    ]
    assert not Screening.objects.exists()


def test_a_date_before_birth_is_refused(world: World) -> None:
    born = world.child.birth_date.isoformat()
    day_before = date.fromordinal(world.child.birth_date.toordinal() - 1).isoformat()
    report = _import(
        [cpr(world.child), "DAG001", born, "traffic_light", "green", ""],
        [cpr(world.other_child), "DAG002", day_before, "traffic_light", "green", ""],
    )
    other_born = world.other_child.birth_date.strftime("%d.%m.%Y")
    assert messages(report) == [
        f"Række 3, kolonne date: Datoen {date.fromisoformat(day_before):%d.%m.%Y} ligger før "
        f"barnets fødsel ({other_born})."
    ]


def test_two_positions_for_a_child_in_one_round_are_refused_naming_both_rows(
    world: World,
) -> None:
    report = _import(
        [cpr(world.child), "DAG001", "2026-02-20", "traffic_light", "green", ""],
        [cpr(world.other_child), "DAG002", "2026-02-20", "traffic_light", "green", ""],
        [cpr(world.child), "DAG001", "2025-12-01", "traffic_light", "yellow", ""],
    )
    assert messages(report) == [
        "Række 4, kolonne date: Barnet har allerede en trivselsvurdering i runden med frist "
        "01.03.2026 i række 2. Der er én fælles position pr. barn og runde; slet den ene række."
    ]
    assert not Screening.objects.exists()


def test_the_same_child_in_two_rounds_is_not_a_duplicate(world: World) -> None:
    report = _import(
        [cpr(world.child), "DAG001", "2026-03-01", "traffic_light", "green", ""],
        [cpr(world.child), "DAG001", "2026-03-02", "traffic_light", "green", ""],
    )
    assert report.imported, report.lines()
    assert Screening.objects.filter(child=world.child).count() == 2


def test_two_adbb_scorings_on_one_day_are_refused_but_two_days_are_fine(
    infant: Child, health_visiting: Unit
) -> None:
    report = _import(
        [cpr(infant), "SUN001", "2025-12-10", "adbb", "2", ""],
        [cpr(infant), "SUN001", "2026-02-10", "adbb", "3", ""],
        [cpr(infant), "SUN001", "2025-12-10", "adbb", "4", ""],
    )
    assert messages(report) == [
        "Række 4, kolonne date: Barnet har allerede en ADBB-scoring den 10.12.2025 i række 2; "
        "slet den ene række."
    ]
    assert _import(
        [cpr(infant), "SUN001", "2025-12-10", "adbb", "2", ""],
        [cpr(infant), "SUN001", "2026-02-10", "adbb", "3", ""],
    ).imported


@pytest.mark.parametrize(
    ("day", "accepted"),
    [
        ("2025-12-09", False),  # 1 month and 29 days
        ("2025-12-10", True),  # 2 months to the day
        ("2027-10-10", True),  # 24 months (today moved on below)
        ("2027-11-09", True),  # 24 months and 30 days: still 24 whole months
        ("2027-11-10", False),  # 25 months
    ],
)
def test_adbb_ages_are_the_policy_s_2_to_24_months(
    infant: Child, health_visiting: Unit, day: str, accepted: bool
) -> None:
    with time_machine.travel(date(2028, 1, 1), tick=False):
        report = _import([cpr(infant), "SUN001", day, "adbb", "1", ""])
    assert report.imported is accepted, report.lines()
    if not accepted:
        months = 1 if day < "2026" else 25
        assert messages(report) == [
            "Række 2, kolonne date: ADBB bruges til børn fra 2 til 24 måneder. Barnet var "
            f"{months} måneder den {date.fromisoformat(day):%d.%m.%Y}."
        ]


def test_an_adbb_total_must_be_0_to_32_and_from_a_health_visitor(
    world: World, infant: Child, health_visiting: Unit
) -> None:
    report = _import(
        [cpr(infant), "SUN001", "2026-02-10", "adbb", "33", ""],
        [cpr(infant), "SUN001", "2026-02-11", "adbb", "-1", ""],
        [cpr(infant), "SUN001", "2026-02-12", "adbb", "green", ""],
        [cpr(infant), "DAG001", "2026-02-13", "adbb", "0", ""],
    )
    assert messages(report) == [
        "Række 2, kolonne result: En ADBB-total er et helt tal fra 0 til 32; her står »33«.",
        "Række 3, kolonne result: En ADBB-total er et helt tal fra 0 til 32; her står »-1«.",
        "Række 4, kolonne result: En ADBB-total er et helt tal fra 0 til 32; her står »green«.",
        "Række 5, kolonne unit_code: ADBB registreres af sundhedsplejen; enheden er ikke en "
        "sundhedspleje.",
    ]
    assert _import([cpr(infant), "SUN001", "2026-02-10", "adbb", "32", ""]).imported


def test_a_newer_row_replaces_the_stored_joint_position(world: World) -> None:
    stored = ScreeningFactory.create(
        child=world.child,
        unit=world.unit,
        screened_on=date(2026, 1, 5),
        position="green",
        reason="Trives",
        recorded_by=world.colleague,
    )
    report = _import(
        [cpr(world.child), "DAG002", "2026-02-20", "traffic_light", "red", "Anne Holm"],
        actor=world.role_users["administrator"],
    )
    assert report.counts["updated"] == 1
    assert report.counts["created"] == 0
    stored.refresh_from_db()
    assert (stored.position, stored.screened_on, stored.unit, stored.version) == (
        "red",
        date(2026, 2, 20),
        world.other_unit,
        2,
    )
    assert (stored.reason, stored.recorded_by) == ("", None)
    entry = stored.history.first()
    assert entry is not None
    assert (entry.history_type, entry.position, entry.history_change_reason) == (
        "~",
        "red",
        "Import af s.csv; vurderet af Anne Holm",
    )


def test_an_older_or_identical_row_leaves_the_stored_position(world: World) -> None:
    newer = ScreeningFactory.create(
        child=world.child, unit=world.unit, screened_on=date(2026, 2, 25), position="yellow"
    )
    same = ScreeningFactory.create(
        child=world.other_child,
        unit=world.other_unit,
        screened_on=date(2026, 2, 20),
        position="green",
    )
    report = _import(
        [cpr(world.child), "DAG001", "2026-02-20", "traffic_light", "green", ""],
        [cpr(world.other_child), "DAG002", "2026-02-20", "traffic_light", "green", ""],
    )
    assert (report.counts["kept"], report.counts["updated"]) == (2, 0)
    for screening, position in ((newer, "yellow"), (same, "green")):
        screening.refresh_from_db()
        assert (screening.position, screening.version) == (position, 1)


def test_the_same_day_with_another_result_replaces_it(world: World) -> None:
    stored = ScreeningFactory.create(
        child=world.child, unit=world.unit, screened_on=date(2026, 2, 20), position="green"
    )
    report = _import([cpr(world.child), "DAG001", "2026-02-20", "traffic_light", "yellow", ""])
    assert report.counts["updated"] == 1
    stored.refresh_from_db()
    assert stored.position == "yellow"


def test_a_stored_adbb_scoring_is_not_made_twice_and_another_total_is_refused(
    infant: Child, health_visiting: Unit
) -> None:
    AdbbScreeningFactory.create(
        child=infant, unit=health_visiting, screened_on=date(2025, 12, 10), adbb_total=5
    )
    report = _import([cpr(infant), "SUN001", "2025-12-10", "adbb", "5", ""])
    assert report.counts["adbb_unchanged"] == 1
    assert report.counts["adbb_created"] == 0
    report = _import([cpr(infant), "SUN001", "2025-12-10", "adbb", "4", ""])
    assert messages(report) == [
        "Række 2, kolonne result: Barnet har allerede en ADBB-scoring den 10.12.2025 med "
        "totalen 5 i Sikkerhedsnet. Ret den dér, eller fjern rækken fra filen."
    ]
    assert Screening.objects.filter(child=infant).count() == 1


def test_an_exported_file_imports_again_unchanged(
    world: World, infant: Child, health_visiting: Unit
) -> None:
    ScreeningFactory.create(
        child=world.child,
        unit=world.unit,
        screened_on=date(2026, 2, 20),
        position="yellow",
        recorded_by=world.colleague,
    )
    AdbbScreeningFactory.create(
        child=infant, unit=health_visiting, screened_on=date(2025, 12, 10), adbb_total=3
    )
    content = export_file(actor=None, file_format=_screenings_format(), file_type="csv")
    lines = content.decode("utf-8-sig").splitlines()
    assert lines[0] == "cpr;unit_code;date;instrument;result;assessor"
    assert lines[1] == f"{cpr(infant)};SUN001;2025-12-10;adbb;3;"
    assert lines[2].startswith(f"{cpr(world.child)};DAG001;2026-02-20;traffic_light;yellow;Bob ")
    report = import_file(actor=None, name="screenings.csv", content=content)
    assert report.imported, report.lines()
    assert report.counts == {
        "created": 0,
        "updated": 0,
        "kept": 1,
        "adbb_created": 0,
        "adbb_unchanged": 1,
    }
    assert Screening.objects.count() == 2


def _screenings_format() -> Any:
    found = format_for_header(HEADER)
    assert found is not None
    return found


def test_new_rows_are_written_with_every_column_of_the_model_and_its_history() -> None:
    # The fast insert names its columns; a field added to Screening must be added there too.
    columns = {field.column for field in Screening._meta.concrete_fields}
    assert set(imports.SCREENING_COLUMNS) == columns
    history = {field.column for field in Screening.history.model._meta.concrete_fields}
    assert set(imports.HISTORY_COLUMNS) == history - {"history_id"}


def test_ids_follow_rows_made_elsewhere_and_later_rows_get_new_ones(world: World) -> None:
    earlier = ScreeningFactory.create(child=world.child, unit=world.unit, screened_on=OCTOBER_2025)
    _import([cpr(world.child), "DAG001", "2026-02-20", "traffic_light", "green", ""])
    imported = joint(world.child, MARCH_2026)
    later = ScreeningFactory.create(
        child=world.other_child, unit=world.other_unit, screened_on=date(2026, 2, 1)
    )
    assert earlier.pk < imported.pk < later.pk
    assert imported.history.get().id == imported.pk
