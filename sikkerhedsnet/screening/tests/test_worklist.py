"""Each rule with a case that triggers and one that does not, at the edges, time frozen."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Exists, OuterRef
from pytest_django.fixtures import Settings

from sikkerhedsnet.conftest import World
from sikkerhedsnet.lib.plugins import overridden
from sikkerhedsnet.lib.worklist import worklist_rule
from sikkerhedsnet.screening import hooks
from sikkerhedsnet.screening.models import Position, Rating
from sikkerhedsnet.screening.tests.factories import AdbbFollowUpFactory, AdbbScreeningFactory
from sikkerhedsnet.screening.tests.factories import ScreeningFactory as S

R, Y, G = Position.RED, Position.YELLOW, Position.GREEN


def flagged(code: str, day: date) -> set[int]:
    return {row["child_id"] for row in worklist_rule(code).find(day)}


# not_screened: the round with deadline 15.10.2026 -----------------------------------------


def test_not_screened_is_quiet_on_the_deadline_day(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 2, 10))  # March round
    assert world.child.pk not in flagged("not_screened", date(2026, 10, 15))


def test_not_screened_flags_the_day_after_the_deadline(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 2, 10))
    assert world.child.pk in flagged("not_screened", date(2026, 10, 16))


def test_not_screened_is_satisfied_by_a_joint_position_in_the_round(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 10, 15))
    assert world.child.pk not in flagged("not_screened", date(2026, 10, 16))


def test_a_position_in_the_previous_round_does_not_count(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 3, 1))
    assert world.child.pk in flagged("not_screened", date(2026, 10, 16))


def test_not_screened_ignores_units_that_do_not_screen(world: World) -> None:
    world.unit.kind = "dental"
    world.unit.save()
    assert world.child.pk not in flagged("not_screened", date(2026, 10, 16))


def test_not_screened_row_says_since_and_which_deadline(world: World) -> None:
    row = next(r for r in worklist_rule("not_screened").find(date(2026, 11, 24)))
    assert row["since"] == date(2026, 10, 16)
    assert row["deadline"] == date(2026, 10, 15)
    assert "15.10.2026" in worklist_rule("not_screened").explain(row)


# concern_without_plan: 14 days by default ---------------------------------------------------


def test_concern_without_plan_waits_the_policy_days(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 11, 1), position=Y)
    assert world.child.pk not in flagged("concern_without_plan", date(2026, 11, 15))
    assert world.child.pk in flagged("concern_without_plan", date(2026, 11, 16))


def test_concern_without_plan_ignores_green_and_superseded_positions(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 9, 1), position=R)
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 11, 1), position=G)
    assert world.child.pk not in flagged("concern_without_plan", date(2026, 12, 1))


def test_a_registered_plan_source_satisfies_concern_without_plan(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 11, 1), position=R)
    S.create(child=world.other_child, unit=world.unit, screened_on=date(2026, 11, 1), position=R)

    def plan(**_: Any) -> Exists:
        # A stand-in "plan" on real rows: a rating made on or after the concern, as the
        # collaboration area's unit plans will be.
        return Exists(
            Rating.objects.filter(
                child_id=OuterRef("child_id"), round_deadline__gte=OuterRef("concern_since")
            )
        )

    Rating.objects.create(
        child=world.child,
        unit=world.unit,
        round_deadline=date(2027, 3, 1),
        rater=world.colleague,
        position=R,
    )
    with overridden("unit_plan_sources", [*hooks.unit_plan_sources(), plan]):
        found = flagged("concern_without_plan", date(2026, 12, 1))
    assert found == {world.other_child.pk}


def test_the_explanation_names_the_position_and_the_plan_deadline(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 11, 1), position=Y)
    rule = worklist_rule("concern_without_plan")
    row = rule.present(next(iter(rule.find(date(2026, 11, 24)))))
    assert "gul" in rule.explain(row)
    assert "15.11.2026" in rule.explain(row)


def test_unit_plan_days_follow_policy(world: World, settings: Settings) -> None:
    settings.SIKKERHEDSNET_POLICY = {"unit_plan_days": 7}
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 11, 1), position=Y)
    assert world.child.pk in flagged("concern_without_plan", date(2026, 11, 9))


# repeated_concern_not_escalated ------------------------------------------------------------


def test_two_consecutive_concerns_are_flagged(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 2, 20), position=Y)
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 9, 20), position=R)
    assert world.child.pk in flagged("repeated_concern_not_escalated", date(2026, 11, 24))


def test_a_green_round_between_breaks_the_repetition(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 2, 20), position=Y)
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 9, 20), position=G)
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 11, 20), position=Y)
    assert world.child.pk not in flagged("repeated_concern_not_escalated", date(2026, 11, 24))


def test_concerns_in_the_current_and_the_last_round_count(world: World) -> None:
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 9, 20), position=Y)
    S.create(child=world.child, unit=world.unit, screened_on=date(2026, 11, 20), position=Y)
    row = next(iter(worklist_rule("repeated_concern_not_escalated").find(date(2026, 11, 24))))
    assert row["concern_since"] == date(2026, 9, 20)


# adbb_without_follow_up: cutoff 5, 14 days to the follow-up visit ----------------------------


def test_adbb_at_the_cutoff_is_flagged_after_the_visit_deadline(world: World) -> None:
    AdbbScreeningFactory.create(child=world.child, screened_on=date(2026, 11, 1), adbb_total=5)
    assert world.child.pk not in flagged("adbb_without_follow_up", date(2026, 11, 15))
    assert world.child.pk in flagged("adbb_without_follow_up", date(2026, 11, 16))


def test_adbb_below_the_cutoff_is_not_flagged(world: World) -> None:
    AdbbScreeningFactory.create(child=world.child, screened_on=date(2026, 11, 1), adbb_total=4)
    assert world.child.pk not in flagged("adbb_without_follow_up", date(2026, 12, 1))


def test_adbb_cutoff_follows_policy(world: World, settings: Settings) -> None:
    settings.SIKKERHEDSNET_POLICY = {"adbb_cutoff": 4}
    AdbbScreeningFactory.create(child=world.child, screened_on=date(2026, 11, 1), adbb_total=4)
    assert world.child.pk in flagged("adbb_without_follow_up", date(2026, 12, 1))


def test_a_follow_up_visit_or_a_later_scoring_satisfies_it(world: World) -> None:
    first = AdbbScreeningFactory.create(child=world.child, screened_on=date(2026, 9, 1))
    AdbbFollowUpFactory.create(screening=first, visited_on=date(2026, 9, 12))
    other = world.other_child
    AdbbScreeningFactory.create(child=other, screened_on=date(2026, 9, 1), adbb_total=7)
    AdbbScreeningFactory.create(child=other, screened_on=date(2026, 9, 14), adbb_total=2)
    assert flagged("adbb_without_follow_up", date(2026, 12, 1)) == set()
