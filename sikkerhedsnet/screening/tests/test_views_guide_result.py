"""The concern guide's result offers its next steps as buttons: the recommended step primary,
the others secondary, each from the area that owns it (the hook "guide_next_steps")."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.lib.plugins import overridden
from sikkerhedsnet.people.models import Child, User
from sikkerhedsnet.screening.hooks import GuideRecommendation, GuideStep, Step
from sikkerhedsnet.screening.models import GuideAssessment
from sikkerhedsnet.screening.services.guide import PositionRequest, guide_assessment_record

NOV_24 = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/Copenhagen"))
SIGNS = {1: [], 2: ["3-6.dev.2.a"], 3: ["3-6.dev.3.a"], 4: ["3-6.dev.4.a"]}
pytestmark = pytest.mark.usefixtures("_on_nov_24")


@pytest.fixture
def _on_nov_24() -> Any:
    with time_machine.travel(NOV_24, tick=False):
        yield


def _assess(world: World, level: int, **kwargs: Any) -> GuideAssessment:
    return guide_assessment_record(
        actor=world.colleague,
        child=world.child,
        unit=world.unit,
        assessed_on=date(2026, 11, 24),
        guide_version="2026.1",
        sign_ids=SIGNS[level],
        decided_level=level,
        **kwargs,
    )


def _buttons(
    world: World, assessment: GuideAssessment, user: User | None = None
) -> list[tuple[str, str, str]]:
    url = f"/boern/{world.child.pk}/bekymringsguide/{assessment.pk}/"
    page = client_for(user or world.colleague).get(url).content.decode()
    section = page.split('id="naeste-skridt"')[1].split("<h2")[0]
    pattern = r'<a href="([^"]+)" class="button (button-\w+)">([^<]+)</a>'
    return [(m[1], m[2], m[3]) for m in re.finditer(pattern, section)]


def _fake_steps(child: Child, recommendation: GuideRecommendation, user: User) -> list[GuideStep]:
    return [
        GuideStep(Step.NOTIFY, "Underret", "/underret/"),
        GuideStep(Step.DIALOGUE_MEETING, f"Dialog for {user.username}", f"/dialog/{child.pk}/"),
    ]


def test_the_recommended_step_is_the_primary_button_and_comes_first(world: World) -> None:
    assessment = _assess(world, 2)
    with overridden("guide_next_steps", [_fake_steps]):
        buttons = _buttons(world, assessment)
    assert buttons == [
        (f"/dialog/{world.child.pk}/", "button-primary", f"Dialog for {world.colleague.username}"),
        ("/underret/", "button-secondary", "Underret"),
    ]


def test_well_being_recommends_nothing_so_every_step_is_secondary(world: World) -> None:
    assessment = _assess(world, 1)
    with overridden("guide_next_steps", [_fake_steps]):
        buttons = _buttons(world, assessment)
    assert [style for _, style, _ in buttons] == ["button-secondary", "button-secondary"]


def test_with_no_sources_there_are_no_buttons_but_the_guides_words(world: World) -> None:
    assessment = _assess(world, 2)
    with overridden("guide_next_steps", []):
        url = f"/boern/{world.child.pk}/bekymringsguide/{assessment.pk}/"
        page = client_for(world.colleague).get(url).content.decode()
    assert "Guiden anbefaler: Tal med forældrene og lav en handleplan i enheden." in page
    assert "button-primary" not in page.split('id="naeste-skridt"')[1].split("<h2")[0]


# The areas that fill the hook (the plug-in table) -------------------------------------------------


def test_level_2_books_a_dialogue_meeting_from_the_position_it_set(world: World) -> None:
    assessment = _assess(world, 2, position=PositionRequest(expected_version=None))
    position = world.child.screenings.get()
    [primary, *others] = _buttons(world, assessment)
    child = world.child.pk
    assert primary == (
        f"/boern/{child}/dialogmoeder/planlaeg/?position={position.pk}",
        "button-primary",
        "Planlæg dialogmøde med forældrene",
    )
    assert [(url, style) for url, style, _ in others] == [
        (f"/boern/{child}/tvaerfagligt-moede/", "button-secondary"),
        (f"/boern/{child}/tvaerfagligt-moede/?samtykke=nej", "button-secondary"),
        (f"/boern/{child}/underret/", "button-secondary"),
    ]


def test_level_3_puts_the_child_forward_at_a_cross_disciplinary_meeting(world: World) -> None:
    assessment = _assess(world, 3)
    [primary, *_] = _buttons(world, assessment)
    assert primary[:2] == (f"/boern/{world.child.pk}/tvaerfagligt-moede/", "button-primary")


def test_level_4_notifies_and_offers_no_talk_with_the_parents_first(world: World) -> None:
    assessment = _assess(world, 4)
    buttons = _buttons(world, assessment)
    assert buttons[0] == (
        f"/boern/{world.child.pk}/underret/",
        "button-primary",
        "Underret kommunen",
    )
    assert not [url for url, _, _ in buttons if "dialogmoeder" in url]
