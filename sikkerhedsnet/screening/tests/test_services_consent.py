"""The parents' consent that earlier positions follow the child from daycare to school."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.people.models import Role, Unit, UnitKind
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.access import units_shared_with
from sikkerhedsnet.screening.models import Position, SharingConsent
from sikkerhedsnet.screening.selectors.consent import guardians_with_custody, open_consent
from sikkerhedsnet.screening.selectors.positions import recent_positions
from sikkerhedsnet.screening.services.consent import (
    ConsentRefused,
    consent_record,
    consent_withdraw,
)
from sikkerhedsnet.screening.tests.factories import ScreeningFactory

NOV_24 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))


def _moved_to_school(world: World) -> Unit:
    """The child had two positions in daycare (world.unit) and now goes to school."""
    for day, position in [(date(2025, 9, 1), Position.YELLOW), (date(2026, 2, 1), Position.RED)]:
        ScreeningFactory.create(
            child=world.child, unit=world.unit, screened_on=day, position=position
        )
    world.child.enrolments.update(until=date(2026, 7, 31))
    school = f.UnitFactory.create(name="Skovvejens Skole", kind=UnitKind.SCHOOL)
    f.EnrolmentFactory.create(child=world.child, unit=school, since=date(2026, 8, 1))
    return school


def _seen_from(school: Unit, world: World) -> list[str]:
    seen = recent_positions(child_ids=[world.child.pk], unit=school).get(world.child.pk, [])
    return [screening.position for screening in seen]


@time_machine.travel(NOV_24)
def test_without_consent_the_school_does_not_see_the_daycares_positions(world: World) -> None:
    school = _moved_to_school(world)
    assert _seen_from(school, world) == []


@time_machine.travel(NOV_24)
def test_recorded_consent_lets_earlier_positions_follow_the_child(world: World) -> None:
    school = _moved_to_school(world)
    consent = consent_record(
        actor=world.owner,
        child=world.child,
        guardian=world.child.custodies.get().guardian,
        given_on=date(2026, 11, 20),
    )
    assert _seen_from(school, world) == [Position.RED, Position.YELLOW]
    assert open_consent(child=world.child) == consent
    event = AuditEvent.objects.get(event_type="screening.consent_recorded")
    assert event.extra["given_on"] == "2026-11-20"


@time_machine.travel(NOV_24)
def test_withdrawn_consent_hides_them_again_and_both_dates_are_kept(world: World) -> None:
    school = _moved_to_school(world)
    consent = consent_record(
        actor=world.owner,
        child=world.child,
        guardian=world.child.custodies.get().guardian,
        given_on=date(2026, 11, 1),
    )
    consent_withdraw(actor=world.owner, consent=consent, withdrawn_on=date(2026, 11, 24))
    assert _seen_from(school, world) == []
    kept = SharingConsent.objects.get()
    assert (kept.given_on, kept.withdrawn_on) == (date(2026, 11, 1), date(2026, 11, 24))
    assert kept.history.count() == 2
    assert open_consent(child=world.child) is None


@time_machine.travel(NOV_24)
def test_a_new_consent_can_follow_a_withdrawn_one(world: World) -> None:
    guardian = world.child.custodies.get().guardian
    first = consent_record(
        actor=world.owner, child=world.child, guardian=guardian, given_on=date(2026, 1, 1)
    )
    consent_withdraw(actor=world.owner, consent=first, withdrawn_on=date(2026, 6, 1))
    consent_record(
        actor=world.owner, child=world.child, guardian=guardian, given_on=date(2026, 11, 1)
    )
    assert SharingConsent.objects.count() == 2


@time_machine.travel(NOV_24)
def test_only_one_open_consent_at_a_time(world: World) -> None:
    guardian = world.child.custodies.get().guardian
    consent_record(
        actor=world.owner, child=world.child, guardian=guardian, given_on=date(2026, 11, 1)
    )
    with pytest.raises(ConsentRefused, match="allerede registreret et samtykke"):
        consent_record(
            actor=world.colleague, child=world.child, guardian=guardian, given_on=date(2026, 11, 2)
        )
    assert SharingConsent.objects.count() == 1


@time_machine.travel(NOV_24)
def test_withdrawing_twice_says_when_it_was_withdrawn(world: World) -> None:
    guardian = world.child.custodies.get().guardian
    consent = consent_record(
        actor=world.owner, child=world.child, guardian=guardian, given_on=date(2026, 11, 1)
    )
    consent_withdraw(actor=world.owner, consent=consent, withdrawn_on=date(2026, 11, 10))
    with pytest.raises(ConsentRefused, match=r"allerede trukket tilbage den 10.11.2026"):
        consent_withdraw(actor=world.colleague, consent=consent, withdrawn_on=date(2026, 11, 24))
    consent.refresh_from_db()
    assert consent.withdrawn_on == date(2026, 11, 10)


@time_machine.travel(NOV_24)
def test_only_a_guardian_with_custody_can_consent(world: World) -> None:
    without = f.CustodyFactory.create(child=world.child, has_custody=False).guardian
    stranger = f.GuardianFactory.create()
    for guardian in (without, stranger):
        with pytest.raises(ConsentRefused, match="forældremyndighed"):
            consent_record(
                actor=world.owner, child=world.child, guardian=guardian, given_on=date(2026, 11, 1)
            )
    assert guardians_with_custody(child=world.child) == [
        world.child.custodies.get(has_custody=True).guardian
    ]


@time_machine.travel(NOV_24)
def test_dates_in_the_future_or_before_the_consent_are_refused(world: World) -> None:
    guardian = world.child.custodies.get().guardian
    with pytest.raises(ConsentRefused, match="fremtiden"):
        consent_record(
            actor=world.owner, child=world.child, guardian=guardian, given_on=date(2026, 11, 25)
        )
    consent = consent_record(
        actor=world.owner, child=world.child, guardian=guardian, given_on=date(2026, 11, 10)
    )
    with pytest.raises(ConsentRefused, match="før samtykket blev givet"):
        consent_withdraw(actor=world.owner, consent=consent, withdrawn_on=date(2026, 11, 9))


@time_machine.travel(NOV_24)
def test_units_shared_with_are_the_actors_units_where_the_child_is_enrolled(world: World) -> None:
    day = date(2026, 11, 24)
    assert units_shared_with(actor=world.colleague, child_id=world.child.pk, day=day) == [
        world.unit
    ]
    assert units_shared_with(actor=world.outsider, child_id=world.child.pk, day=day) == []
    caseworker = world.role_users[Role.CASEWORKER]
    assert units_shared_with(actor=caseworker, child_id=world.child.pk, day=day) == []
    health = [UnitKind.HEALTH_VISITING]
    assert (
        units_shared_with(actor=world.colleague, child_id=world.child.pk, day=day, kinds=health)
        == []
    )
