"""Intake's step on the concern guide's result: notify, for those who notify from the child's
page."""

from __future__ import annotations

from sikkerhedsnet.conftest import World
from sikkerhedsnet.intake.guide_next_steps import intake_steps
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.screening.hooks import Step, recommendation_for


def test_notifying_is_offered_to_the_roles_that_notify_from_the_child_page(world: World) -> None:
    recommendation = recommendation_for(
        level=4, assessment_id=1, unit_id=world.unit.pk, position_id=None
    )
    [step] = intake_steps(world.child, recommendation, world.colleague)
    assert (step.code, step.url) == (Step.NOTIFY, f"/boern/{world.child.pk}/underret/")
    assert intake_steps(world.child, recommendation, world.role_users[Role.INTAKE]) == []
