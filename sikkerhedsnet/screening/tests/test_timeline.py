"""Screening's timeline entries: each viewer sees what the screening section shows her."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sikkerhedsnet.conftest import World
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import TimelineEntry
from sikkerhedsnet.people.models import Child, Role, UnitKind, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.models import GuideAssessment, Position, SharingConsent
from sikkerhedsnet.screening.tests.factories import AdbbScreeningFactory, make_health
from sikkerhedsnet.screening.tests.factories import ScreeningFactory as S
from sikkerhedsnet.screening.timeline import guide_assessment_entries, screening_entries

NOV_24 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
# Time runs on from NOV_24 here, as it always has (the root `today` stands still; stored guide
# versions, for one, are told apart by their upload time).
pytestmark = pytest.mark.usefixtures("_on_nov_24")


@pytest.fixture
def _on_nov_24() -> Iterator[None]:
    with time_machine.travel(NOV_24):
        yield


def seen(viewer: User, child: Child, limit: int = 50) -> list[TimelineEntry]:
    access = ChildAccess(child=child, basis="test", can_see_full_cpr=False)
    return [
        *screening_entries(viewer, child, access, limit=limit),
        *guide_assessment_entries(viewer, child, access, limit=limit),
    ]


def titles(viewer: User, child: Child) -> list[str]:
    return [entry.title for entry in seen(viewer, child)]


def test_unit_staff_see_their_units_positions_newest_first(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 3, 1))
    S.create(
        child=world.child,
        unit=world.unit,
        screened_on=date(2026, 9, 1),
        position=Position.YELLOW,
        reason="Trækker sig fra legen.",
    )
    for viewer in (world.owner, world.colleague):
        entries = seen(viewer, world.child)
        assert [e.title for e in entries] == ["Gul position, Solsikken", "Grøn position, Solsikken"]
        assert [e.when for e in entries] == [date(2026, 9, 1), date(2026, 3, 1)]
        assert entries[0].summary == "Trækker sig fra legen."


def test_an_outsider_and_other_roles_see_nothing(world: World) -> None:
    S.create(child=world.child, unit=world.unit, position=Position.RED)
    assert titles(world.outsider, world.child) == []
    for role in (Role.INTAKE, Role.PPR, Role.CASEWORKER, Role.ADMINISTRATOR):
        assert titles(world.role_users[role], world.child) == []


def test_earlier_units_positions_only_with_consent(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 2, 1), position="red")
    world.child.enrolments.update(until=date(2026, 7, 31))
    school = f.UnitFactory.create(name="Skovvejens Skole", kind=UnitKind.SCHOOL)
    teacher = f.staff(Role.PROFESSIONAL, school, username="tove")
    f.EnrolmentFactory.create(child=world.child, unit=school, since=date(2026, 8, 1))
    S.create(child=world.child, unit=school, screened_on=date(2026, 10, 1))
    assert titles(teacher, world.child) == ["Grøn position, Skovvejens Skole"]
    assert titles(world.colleague, world.child) == []  # the child has left Solsikken
    SharingConsent.objects.create(
        child=world.child,
        given_by=world.child.custodies.get().guardian,
        given_on=date(2026, 8, 1),
        recorded_by=teacher,
    )
    assert titles(teacher, world.child) == [
        "Grøn position, Skovvejens Skole",
        "Rød position, Solsikken",
    ]


def test_adbb_reaches_health_visitors_only(world: World) -> None:
    health = make_health()
    scoring = AdbbScreeningFactory.create(
        child=health.baby, unit=health.unit, screened_on=date(2026, 11, 20), adbb_total=6
    )
    daycare_staff = f.staff(Role.PROFESSIONAL, world.unit, username="dorte")
    f.EnrolmentFactory.create(child=health.baby, unit=world.unit, since=date(2026, 11, 1))
    entries = seen(health.nurse, health.baby)
    assert [e.title for e in entries] == ["Score 6, på eller over grænsen"]
    assert entries[0].url == f"/boern/{health.baby.pk}/adbb/{scoring.pk}/"
    assert titles(daycare_staff, health.baby) == []


def test_guide_assessments_as_the_section_shows_them(world: World) -> None:
    assessment = GuideAssessment.objects.create(
        child=world.child,
        unit=world.unit,
        assessed_by=world.colleague,
        assessed_on=date(2026, 11, 20),
        guide_version="2026.1",
        age_band="3-6",
        signs=["3-6.dev.2.a"],
        proposed_level=2,
        decided_level=3,
    )
    entries = seen(world.colleague, world.child)
    assert [(e.kind, e.title) for e in entries] == [("Bekymringsguiden", "Niveau 3: Bekymring")]
    assert entries[0].url == f"/boern/{world.child.pk}/bekymringsguide/{assessment.pk}/"
    assert titles(world.outsider, world.child) == []


def test_one_query_per_source_whatever_the_number_of_entries(
    world: World, django_assert_max_num_queries: object
) -> None:
    for year in range(2017, 2027):
        S.create(child=world.child, unit=world.unit, screened_on=date(year, 2, 1))
    with django_assert_max_num_queries(4):  # type: ignore[operator]
        access = ChildAccess(child=world.child, basis="test", can_see_full_cpr=False)
        assert len(screening_entries(world.colleague, world.child, access, limit=50)) == 10


def test_the_limit_keeps_the_newest(world: World) -> None:
    for year in range(2017, 2027):
        S.create(child=world.child, unit=world.unit, screened_on=date(year, 2, 1))
    access = ChildAccess(child=world.child, basis="test", can_see_full_cpr=False)
    entries = screening_entries(world.colleague, world.child, access, limit=3)
    assert [e.when for e in entries] == [date(2026, 2, 1), date(2025, 2, 1), date(2024, 2, 1)]
