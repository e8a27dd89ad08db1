"""From a red position to a dialogue meeting with the parents, a unit plan with an action, and
a review. Every page on the way is checked by axe-core (conftest.Tab)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from sikkerhedsnet.collaboration.models import DialogueMeeting, PlanAction, UnitPlan
from sikkerhedsnet.screening.models import Position, Screening
from sikkerhedsnet.screening.tests.factories import ScreeningFactory
from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]


@pytest.fixture
def red(town: Town) -> Screening:
    return ScreeningFactory.create(
        child=town.child,
        unit=town.unit,
        screened_on=timezone.localdate(),
        position=Position.RED,
        reason="Trækker sig fra legen",
        recorded_by=town.leader,
    )


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d.%m.%Y")


def test_from_a_red_position_to_a_dialogue_meeting_a_plan_and_a_review(
    new_tab: NewTab, town: Town, red: Screening
) -> None:
    tab = new_tab()
    tab.log_in(town.leader.username)
    tab.goto(f"/enheder/{town.unit.pk}/runde/")
    tab.click(f"main a[href$='dialogmoeder/ny/?position={red.pk}']")
    assert "Følger op på positionen rød" in tab.page.locator("main").inner_text()

    tab.submit(
        "main form button[type=submit]",
        {
            "#id_participants": "Mor, far, leder Lene",
            "#id_staff_view": "Emil trækker sig fra legen.",
            "#id_parents_view": "Han sover dårligt og vil ikke i børnehave.",
            "#id_agreed": "Vi laver en handleplan og taler igen om seks uger.",
        },
    )
    meeting = DialogueMeeting.objects.get()
    assert (meeting.screening_id, meeting.unit_id) == (red.pk, town.unit.pk)

    tab.click("main a[href*='handleplaner/ny/?dialogmoede=']")
    assert tab.page.input_value("#id_review_due") == _day(8 * 7)
    tab.submit(
        "main form button[type=submit]", {"#id_goals": "Emil leger med de andre børn hver dag."}
    )
    plan = UnitPlan.objects.get()
    assert plan.dialogue_meeting == meeting
    assert plan.screening == red

    tab.submit(
        "main form[action$='/handlinger/'] button[type=submit]",
        {
            "#id_description": "Voksenstøttet leg i små grupper",
            "#id_owner": "Pædagog Lene",
            "#id_due_on": _day(14),
        },
    )
    assert PlanAction.objects.get().owner == "Pædagog Lene"
    assert "Voksenstøttet leg i små grupper" in tab.page.locator("#handlinger ~ table").inner_text()

    tab.page.click("label[for='id_outcome_0']")  # the plan continues
    tab.submit(
        "main form[action$='/evaluering/'] button[type=submit]",
        {"#id_note": "Emil leger mere med de andre.", "#id_next_review_due": _day(42)},
    )
    plan.refresh_from_db()
    assert plan.reviews.get().outcome == "continue"
    assert plan.review_due == timezone.localdate() + timedelta(days=42)
    history = tab.page.locator("main").inner_text()
    assert "Emil leger mere med de andre." in history
    assert f"Næste evaluering senest {_day(42)}." in history

    # The child's page lists the meeting and the plan.
    tab.goto(f"/boern/{town.child.pk}/")
    section = tab.page.locator("section[aria-labelledby='plans-section-heading']").inner_text()
    assert "Dialogmøde" in section
    assert "Handleplan" in section


def test_a_refused_plan_keeps_the_goals_and_names_the_error(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.log_in(town.leader.username)
    tab.goto(f"/boern/{town.child.pk}/handleplaner/ny/")
    tab.submit(
        "main form button[type=submit]",
        {"#id_goals": "Emil leger med de andre.", "#id_review_due": _day(-1)},
    )
    errors = tab.page.locator("main .form-error-message").all_inner_texts()
    assert any("Evalueringsdatoen skal ligge efter" in error for error in errors)
    assert tab.page.input_value("#id_goals") == "Emil leger med de andre."
    assert not UnitPlan.objects.exists()
