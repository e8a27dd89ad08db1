"""Collaboration's steps on the concern guide's result: for whom, and where they lead."""

from __future__ import annotations

import re

import pytest

from sikkerhedsnet.collaboration.guide_next_steps import collaboration_steps
from sikkerhedsnet.collaboration.tests.factories import at, make_meetings
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.screening.hooks import Step, recommendation_for


def _codes(
    world: World, user: object, level: int, position_id: int | None = None
) -> dict[str, str]:
    recommendation = recommendation_for(
        level=level, assessment_id=1, unit_id=world.unit.pk, position_id=position_id
    )
    steps = collaboration_steps(world.child, recommendation, user)  # type: ignore[arg-type]
    return {step.code: step.url for step in steps}


def test_staff_of_the_childs_unit_get_all_three(world: World) -> None:
    child = world.child.pk
    for user in (world.owner, world.colleague):
        assert _codes(world, user, 2, position_id=7) == {
            Step.DIALOGUE_MEETING: f"/boern/{child}/dialogmoeder/planlaeg/?position=7",
            Step.CROSS_DISCIPLINARY: f"/boern/{child}/tvaerfagligt-moede/",
            Step.FAMILY_DEPARTMENT: f"/boern/{child}/tvaerfagligt-moede/?samtykke=nej",
        }


def test_no_dialogue_meeting_at_serious_concern(world: World) -> None:
    assert Step.DIALOGUE_MEETING not in _codes(world, world.colleague, 4)


def test_staff_elsewhere_cannot_book_and_other_roles_get_nothing(world: World) -> None:
    assert Step.DIALOGUE_MEETING not in _codes(world, world.outsider, 2)
    assert _codes(world, world.role_users[Role.INTAKE], 2) == {}


@pytest.mark.usefixtures("today")
def test_the_anonymous_step_opens_the_form_with_no_consent_given_chosen(world: World) -> None:
    make_meetings(world, at(2026, 11, 10))
    url = f"/boern/{world.child.pk}/tvaerfagligt-moede/"
    anonymous = client_for(world.colleague).get(f"{url}?samtykke=nej").content.decode()
    plain = client_for(world.colleague).get(url).content.decode()

    def chosen(page: str) -> list[str]:
        return re.findall(r'<input[^>]*name="consent"[^>]*value="(\w+)"[^>]*checked', page)

    assert chosen(anonymous) == ["not_given"]
    assert chosen(plain) == []
