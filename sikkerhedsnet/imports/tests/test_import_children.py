from __future__ import annotations

from datetime import date

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.imports.services import ImportReport, import_file
from sikkerhedsnet.imports.tests.conftest import (
    BOY_2021,
    CHILDREN_HEADER,
    GIRL_2024,
    TODAY,
    csv_bytes,
    xlsx_bytes,
)
from sikkerhedsnet.people.models import Child, Enrolment, Role, User
from sikkerhedsnet.people.tests import factories as f

YESTERDAY = date(2026, 3, 1)


def _import(*rows: list[str], actor: User | None = None) -> ImportReport:
    content = csv_bytes([CHILDREN_HEADER, *rows])
    return import_file(actor=actor, name="children.csv", content=content)


def test_a_good_file_creates_children_with_birth_date_sex_and_enrolment(world: World) -> None:
    report = _import([BOY_2021, "Emil", "Hansen", "DAG001"], [GIRL_2024, "Ida", "Berg", "DAG002"])
    assert report.imported, report.lines()
    emil = Child.objects.get(cpr="7705214001")
    assert (emil.birth_date, emil.sex, emil.is_replacement_cpr) == (date(2021, 5, 17), "male", True)
    assert Child.objects.get(cpr="6301244002").sex == "female"
    enrolment = emil.enrolments.get()
    assert (enrolment.unit, enrolment.since, enrolment.until) == (world.unit, TODAY.date(), None)


def test_one_bad_row_imports_nothing_and_names_row_and_column(world: World) -> None:
    report = _import(
        [BOY_2021, "Emil", "Hansen", "DAG001"],
        [GIRL_2024, "Ida", "Berg", "DAG002"],
        ["310221-4003", "Noah", "Jensen", "DAG001"],
    )
    assert [str(e) for e in report.errors] == [
        "Række 4, kolonne cpr: CPR-nummeret begynder med en dato, der ikke findes: 31.02.2021."
    ]
    assert Child.objects.count() == 2  # the world's two children, nothing more
    assert not AuditEvent.objects.exists()


def test_every_error_in_the_file_is_reported(world: World) -> None:
    report = _import(
        ["12345", "Emil", "Hansen", "DAG001"],
        [GIRL_2024, "", "Berg", "UKENDT"],
        [GIRL_2024, "Ida", "Berg", "DAG002"],
        [GIRL_2024, "Ida", "Berg", "DAG002"],
    )
    assert [str(e) for e in report.errors] == [
        "Række 2, kolonne cpr: CPR-nummeret skal have 10 cifre (DDMMÅÅ-XXXX); der er 5.",
        "Række 3, kolonne first_name: Feltet er tomt, men skal udfyldes.",
        "Række 3, kolonne unit_code: Ukendt enhedskode »UKENDT«. "
        "Importér enheden med units.csv først.",
        "Række 5, kolonne cpr: Står også i række 4; hver værdi må kun stå én gang i filen.",
    ]


def test_a_cpr_that_lost_its_leading_zero_in_excel_gets_a_hint(world: World) -> None:
    content = xlsx_bytes([CHILDREN_HEADER, [105214001, "Emil", "Hansen", "DAG001"]])
    report = import_file(actor=None, name="children.xlsx", content=content)
    assert "Har Excel fjernet et 0 foran?" in str(report.errors[0])


def test_a_cpr_with_and_without_dash_is_the_same_child_in_the_file(world: World) -> None:
    report = _import(
        [BOY_2021, "Emil", "Hansen", "DAG001"], ["7705214001", "Emil", "Hansen", "DAG001"]
    )
    assert [(e.row, e.column) for e in report.errors] == [(3, "cpr")]


def test_young_adults_up_to_22_are_accepted_and_older_refused(world: World) -> None:
    # Today is 02.03.2026: born 03.03.2003 is 22 until tomorrow; born 02.03.2003 turns 23 today.
    report = _import(["630303-4005", "Ung", "Voksen", "DAG001"])
    assert report.imported
    refused = _import(
        ["630303-4007", "Ung", "Voksen", "DAG001"], ["620303-4009", "Ung", "Ældre", "DAG001"]
    )
    assert [str(e) for e in refused.errors] == [
        "Række 3, kolonne cpr: Personen er 23 år. "
        "Sikkerhedsnet følger børn og unge til og med 22 år."
    ]


def test_a_birth_date_after_today_is_refused(world: World) -> None:
    report = _import(["630326-4002", "Fremtid", "Barn", "DAG001"])
    assert "ligger efter i dag" in str(report.errors[0])


def test_a_known_child_is_renamed_and_moved_with_the_old_enrolment_ended_yesterday(
    world: World,
) -> None:
    child = world.child
    admin = world.role_users[Role.ADMINISTRATOR]
    report = _import([child.cpr, "Ny", "Navnesen", "DAG002"], actor=admin)
    assert report.counts == {"created": 0, "updated": 1, "moved": 1, "unchanged": 0}
    child.refresh_from_db()
    assert (child.first_name, child.last_name) == ("Ny", "Navnesen")
    old, new = child.enrolments.order_by("since")
    assert (old.unit, old.until) == (world.unit, YESTERDAY)
    assert (new.unit, new.since, new.until) == (world.other_unit, TODAY.date(), None)
    assert old.history.latest().history_user == admin
    assert child.history.filter(history_type="~").count() == 1


def test_a_known_child_in_the_same_unit_is_unchanged(world: World) -> None:
    child = world.child
    report = _import([child.cpr, child.first_name, child.last_name, "DAG001"])
    assert report.counts == {"created": 0, "updated": 0, "moved": 0, "unchanged": 1}
    assert child.enrolments.count() == 1
    assert not child.history.filter(history_type="~").exists()


def test_a_child_enrolled_today_by_mistake_is_corrected_not_ended(world: World) -> None:
    _import([BOY_2021, "Emil", "Hansen", "DAG001"])
    _import([BOY_2021, "Emil", "Hansen", "DAG002"])
    enrolment = Enrolment.objects.get(child__cpr="7705214001")
    assert (enrolment.unit, enrolment.since, enrolment.until) == (
        world.other_unit,
        TODAY.date(),
        None,
    )
    assert enrolment.history.count() == 2


def test_a_known_child_without_a_current_enrolment_is_enrolled(world: World) -> None:
    child = f.ChildFactory.create()
    report = _import([child.cpr, child.first_name, child.last_name, "DAG001"])
    assert report.counts["moved"] == 1
    assert child.enrolments.get().unit == world.unit


def test_it_writes_history_and_one_audit_event(world: World) -> None:
    admin = world.role_users[Role.ADMINISTRATOR]
    _import(
        [BOY_2021, "Emil", "Hansen", "DAG001"],
        [world.child.cpr, "Ny", "Navn", "DAG001"],
        actor=admin,
    )
    created = Child.history.get(cpr="7705214001")
    assert (created.history_type, created.history_user) == ("+", admin)
    assert Enrolment.history.filter(child_id=created.id, history_type="+").count() == 1
    event = AuditEvent.objects.get()
    assert (event.event_type, event.actor) == ("import.children", admin)
    assert event.extra == {
        "file_name": "children.csv",
        "rows": 2,
        "created": 1,
        "updated": 1,
        "moved": 0,
        "unchanged": 0,
    }
