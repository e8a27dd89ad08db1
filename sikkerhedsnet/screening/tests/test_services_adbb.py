"""ADBB scorings and follow-up visits: totals, the policy's cutoff and ages, who may record."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pytest_django.fixtures import Settings

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.conftest import World
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.people.models import Child, Role, UnitKind
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.adbb_scale import ADBB_ITEMS, adbb_age_error
from sikkerhedsnet.screening.models import ADBB_ITEM_COUNT, AdbbFollowUp, Instrument, Screening
from sikkerhedsnet.screening.services.adbb import AdbbRefused, adbb_follow_up_record, adbb_record
from sikkerhedsnet.screening.tests.factories import Health, make_health

NOV_24 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
VISIT = date(2026, 11, 20)
FIVE = [1, 1, 1, 1, 1, 0, 0, 0]


@pytest.fixture
def health(world: World) -> Health:
    return make_health()


def record(health: Health, scores: list[int], screened_on: date = VISIT) -> Screening:
    return adbb_record(
        actor=health.nurse,
        child=health.baby,
        unit=health.unit,
        scores=scores,
        screened_on=screened_on,
    )


def test_the_items_are_the_eight_of_the_scale() -> None:
    assert len(ADBB_ITEMS) == ADBB_ITEM_COUNT == 8
    assert [str(item.label) for item in ADBB_ITEMS][:3] == [
        "Ansigtsudtryk",
        "Øjenkontakt",
        "Generelt aktivitetsniveau",
    ]


@time_machine.travel(NOV_24)
def test_the_total_is_computed_and_kept_with_the_scores(health: Health) -> None:
    screening = adbb_record(
        actor=health.nurse,
        child=health.baby,
        unit=health.unit,
        scores=[4, 3, 2, 1, 0, 4, 4, 4],
        screened_on=VISIT,
    )
    screening.refresh_from_db()
    assert screening.instrument == Instrument.ADBB
    assert screening.adbb_total == 22
    assert screening.adbb_scores == [4, 3, 2, 1, 0, 4, 4, 4]
    assert screening.round_deadline == date(2027, 3, 1)
    assert screening.recorded_by == health.nurse


@time_machine.travel(NOV_24)
def test_it_writes_an_audit_event_in_the_same_transaction(health: Health) -> None:
    screening = record(health, FIVE)
    event = AuditEvent.objects.get(event_type="screening.adbb_recorded")
    assert event.subject_id == screening.pk
    assert event.extra["total"] == 5
    assert event.extra["flagged"] is True


# Ages: 2 to 24 months (policy) -----------------------------------------------------------------


def _baby(born: date) -> Child:
    return f.ChildFactory.build(birth_date=born)


@pytest.mark.parametrize(
    ("born", "months"),
    [(date(2026, 9, 20), 2), (date(2024, 11, 20), 24), (date(2024, 10, 21), 24)],
)
def test_2_and_24_months_are_accepted(born: date, months: int) -> None:
    baby = _baby(born)
    assert baby.age_in_months_on(VISIT) == months
    assert adbb_age_error(child=baby, screened_on=VISIT) is None


def test_1_month_is_refused_with_the_childs_age_in_danish() -> None:
    error = adbb_age_error(child=_baby(date(2026, 9, 21)), screened_on=VISIT)
    assert error == (
        "ADBB bruges til børn fra 2 måneder til 24 måneder. "
        "Barnet var 1 måned på besøgsdagen 20.11.2026."
    )


def test_25_months_is_refused_with_the_childs_age_in_danish() -> None:
    error = adbb_age_error(child=_baby(date(2024, 10, 20)), screened_on=VISIT)
    assert error is not None
    assert "Barnet var 25 måneder på besøgsdagen" in error


def test_a_visit_before_birth_is_refused() -> None:
    error = adbb_age_error(child=_baby(date(2026, 11, 21)), screened_on=VISIT)
    assert error is not None
    assert "før barnets fødsel" in error


def test_the_age_limits_are_policy(settings: Settings) -> None:
    settings.SIKKERHEDSNET_POLICY = {"adbb_min_age_months": 1}
    assert adbb_age_error(child=_baby(date(2026, 9, 21)), screened_on=VISIT) is None


@time_machine.travel(NOV_24)
def test_the_service_refuses_an_age_outside_the_limits_and_saves_nothing(health: Health) -> None:
    with pytest.raises(AdbbRefused, match="Barnet var 1 måned"):
        record(health, FIVE, screened_on=date(2026, 7, 15))
    assert not Screening.objects.filter(child=health.baby).exists()


# Input the service refuses -------------------------------------------------------------------


@time_machine.travel(NOV_24)
@pytest.mark.parametrize(
    "scores", [[1] * 7, [1] * 9, [5, 0, 0, 0, 0, 0, 0, 0], [-1, 0, 0, 0, 0, 0, 0, 0]]
)
def test_it_refuses_scores_that_are_not_eight_times_0_to_4(
    health: Health, scores: list[int]
) -> None:
    with pytest.raises(AdbbRefused):
        record(health, scores)
    assert not Screening.objects.filter(child=health.baby).exists()


@time_machine.travel(NOV_24)
def test_it_refuses_a_visit_in_the_future(health: Health) -> None:
    with pytest.raises(AdbbRefused, match="fremtiden"):
        record(health, FIVE, screened_on=date(2026, 11, 25))


@time_machine.travel(NOV_24)
def test_only_the_childs_health_visitors_may_record(health: Health, world: World) -> None:
    with pytest.raises(AdbbRefused, match="Kun sundhedsplejen"):
        adbb_record(
            actor=world.colleague,  # a pedagogue in the daycare
            child=health.baby,
            unit=health.unit,
            scores=FIVE,
            screened_on=VISIT,
        )


@time_machine.travel(NOV_24)
def test_a_health_visitor_of_another_district_may_not_record(health: Health) -> None:
    south = f.UnitFactory.create(name="Sundhedsplejen Syd", kind=UnitKind.HEALTH_VISITING)
    other_nurse = f.staff(Role.PROFESSIONAL, south)
    with pytest.raises(AdbbRefused):
        adbb_record(
            actor=other_nurse, child=health.baby, unit=health.unit, scores=FIVE, screened_on=VISIT
        )


@time_machine.travel(NOV_24)
def test_a_daycare_unit_cannot_hold_an_adbb_scoring(health: Health, world: World) -> None:
    f.EnrolmentFactory.create(child=health.baby, unit=world.unit, since=date(2026, 11, 1))
    with pytest.raises(AdbbRefused):
        adbb_record(
            actor=world.colleague,
            child=health.baby,
            unit=world.unit,
            scores=FIVE,
            screened_on=VISIT,
        )


# Follow-up visits ---------------------------------------------------------------------------


@time_machine.travel(NOV_24)
def test_a_follow_up_visit_is_kept_and_satisfies_the_safety_net_rule(health: Health) -> None:
    screening = record(health, FIVE, screened_on=date(2026, 11, 1))
    rule = worklist_rule("adbb_without_follow_up")
    assert health.baby.pk in {row["child_id"] for row in rule.find(date(2026, 11, 24))}

    visit = adbb_follow_up_record(
        actor=health.nurse,
        screening=screening,
        visited_on=date(2026, 11, 24),
        note="Ny observation: 3.",
    )
    assert AdbbFollowUp.objects.get() == visit
    assert visit.note == "Ny observation: 3."
    assert visit.recorded_by == health.nurse
    assert health.baby.pk not in {row["child_id"] for row in rule.find(date(2026, 11, 24))}
    assert AuditEvent.objects.filter(event_type="screening.adbb_follow_up_recorded").exists()


@time_machine.travel(NOV_24)
@pytest.mark.parametrize(
    ("visited_on", "message"),
    [(date(2026, 10, 31), "før scoringen den 01.11.2026"), (date(2026, 11, 25), "fremtiden")],
)
def test_a_follow_up_visit_must_lie_between_the_scoring_and_today(
    health: Health, visited_on: date, message: str
) -> None:
    screening = record(health, FIVE, screened_on=date(2026, 11, 1))
    with pytest.raises(AdbbRefused, match=message):
        adbb_follow_up_record(
            actor=health.nurse,
            screening=screening,
            visited_on=visited_on,
        )
    assert not AdbbFollowUp.objects.exists()
