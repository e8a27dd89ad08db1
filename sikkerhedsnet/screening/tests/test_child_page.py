"""The screening section of the child's page, as each viewer sees it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.models import Role, UnitKind, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.child_page import render_screening_section
from sikkerhedsnet.screening.models import GuideAssessment, Position, SharingConsent
from sikkerhedsnet.screening.tests.factories import (
    AdbbFollowUpFactory,
    AdbbScreeningFactory,
    Health,
    make_health,
)
from sikkerhedsnet.screening.tests.factories import ScreeningFactory as S

NOV_24 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
# Time runs on from NOV_24 here, as it always has (the root `today` stands still; stored guide
# versions, for one, are told apart by their upload time).
pytestmark = pytest.mark.usefixtures("_on_nov_24")


@pytest.fixture
def _on_nov_24() -> Iterator[None]:
    with time_machine.travel(NOV_24):
        yield


@pytest.fixture
def health(world: World) -> Health:
    return make_health()


def child_page(world: World, user: User | None = None) -> str:
    response = client_for(user or world.colleague).get(f"/boern/{world.child.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_staff_see_their_units_positions_and_the_links(world: World) -> None:
    S.create(
        child=world.child, unit=world.unit, screened_on=date(2026, 9, 1), position=Position.YELLOW
    )
    page = child_page(world)
    assert "Trivsel og tidlig opsporing" in page
    assert 'badge badge-warning">Gul</span> 01.09.2026, Solsikken' in page
    assert f"/boern/{world.child.pk}/bekymringsguide/" in page
    assert f"/boern/{world.child.pk}/samtykke/" in page
    assert "/adbb/" not in page  # ADBB is the health visitors'


def test_a_new_unit_is_told_why_earlier_positions_are_hidden(world: World) -> None:
    S.create(
        child=world.child, unit=world.unit, screened_on=date(2026, 2, 1), position=Position.RED
    )
    world.child.enrolments.update(until=date(2026, 7, 31))
    school = f.UnitFactory.create(name="Skovvejens Skole", kind=UnitKind.SCHOOL)
    teacher = f.staff(Role.PROFESSIONAL, school, username="tove")
    f.EnrolmentFactory.create(child=world.child, unit=school, since=date(2026, 8, 1))

    page = child_page(world, teacher)
    assert "Rød" not in page
    assert "Ingen positioner, som du kan se." in page
    assert "Deres positioner vises kun, når forældrene har givet samtykke" in page

    SharingConsent.objects.create(
        child=world.child,
        given_by=world.child.custodies.get().guardian,
        given_on=date(2026, 8, 1),
        recorded_by=teacher,
    )
    page = child_page(world, teacher)
    assert 'badge-error">Rød</span> 01.02.2026, Solsikken' in page
    assert "Deres positioner vises kun" not in page
    assert "gav den 01.08.2026 samtykke" in page


def test_guide_assessments_are_listed_with_the_decided_level(world: World) -> None:
    GuideAssessment.objects.create(
        child=world.child,
        unit=world.unit,
        assessed_by=world.colleague,
        assessed_on=date(2026, 11, 20),
        guide_version="2026.1",
        age_band="3-6",
        signs=["3-6.dev.2.a"],
        proposed_level=2,
        decided_level=3,
        decision_reason="Set flere gange.",
    )
    page = child_page(world)
    assert "20.11.2026</a>: niveau 3 (Bekymring), Solsikken" in page
    assert "guiden foreslog niveau 2" in page


def test_the_health_visitor_sees_adbb_with_the_follow_up_due(health: Health) -> None:
    flagged = AdbbScreeningFactory.create(
        child=health.baby, unit=health.unit, screened_on=date(2026, 11, 20)
    )
    visited = AdbbScreeningFactory.create(
        child=health.baby, unit=health.unit, screened_on=date(2026, 10, 1)
    )
    AdbbFollowUpFactory.create(screening=visited, visited_on=date(2026, 10, 10))
    page = client_for(health.nurse).get(f"/boern/{health.baby.pk}/").content.decode()
    assert "Opfølgende besøg senest 04.12.2026" in page
    assert f"/boern/{health.baby.pk}/adbb/{flagged.pk}/opfoelgning/" in page
    assert "Besøg 10.10.2026" in page
    assert f'href="/boern/{health.baby.pk}/adbb/"' in page


def test_the_section_is_not_shown_to_viewers_without_a_unit(world: World) -> None:
    # No role outside unit staff sees children yet; the section must stay away from them.
    request = AuthedRequest()
    request.user = world.role_users[Role.CASEWORKER]
    access = ChildAccess(child=world.child, basis="test", can_see_full_cpr=True)
    assert render_screening_section(request, access) is None
