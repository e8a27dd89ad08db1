"""The dialogue-meeting and unit-plan pages: access for each view, input kept on refusal, and two
people editing the same plan."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.collaboration.models import DialogueMeeting, PlanAction, UnitPlan
from sikkerhedsnet.collaboration.tests.factories import (
    DialogueMeetingFactory,
    PlanActionFactory,
    UnitPlanFactory,
)
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.models import Position
from sikkerhedsnet.screening.tests.factories import ScreeningFactory

CPH = ZoneInfo("Europe/Copenhagen")
TODAY = date(2026, 11, 2)


pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def plan(world: World) -> UnitPlan:
    return UnitPlanFactory.create(
        child=world.child,
        unit=world.unit,
        created_by=world.owner,
        created_on=TODAY,
        review_due=date(2026, 12, 28),
        goals="Emil leger med de andre.",
    )


def _text(response: Any) -> str:
    return str(response.content.decode())


def _urls(world: World, plan: UnitPlan, meeting: DialogueMeeting) -> list[str]:
    child = world.child.pk
    base = f"/boern/{child}/handleplaner/{plan.pk}/"
    return [
        f"/boern/{child}/dialogmoeder/ny/",
        f"/boern/{child}/dialogmoeder/{meeting.pk}/",
        f"/boern/{child}/handleplaner/ny/",
        base,
        f"{base}rediger/",
    ]


# Access ------------------------------------------------------------------------------------------


def test_it_requires_access(world: World, plan: UnitPlan) -> None:
    meeting = DialogueMeetingFactory.create(
        child=world.child, unit=world.unit, recorded_by=world.owner, held_on=TODAY
    )
    for url in _urls(world, plan, meeting):
        assert client_for(world.owner).get(url).status_code == 200, url
        assert client_for(world.colleague).get(url).status_code == 200, url
        assert client_for(world.outsider).get(url).status_code == 404, url
        assert Client().get(url).status_code == 302, url


def test_posts_require_access(world: World, plan: UnitPlan) -> None:
    action = PlanActionFactory.create(plan=plan, due_on=date(2026, 11, 20))
    base = f"/boern/{world.child.pk}/handleplaner/{plan.pk}/"
    outsider = client_for(world.outsider)
    for url in (
        f"{base}handlinger/",
        f"{base}handlinger/{action.pk}/udfoert/",
        f"{base}evaluering/",
    ):
        assert outsider.post(url, {"version": "1"}).status_code == 404, url
    assert outsider.post(f"/boern/{world.child.pk}/handleplaner/ny/", {}).status_code == 404
    action.refresh_from_db()
    assert action.done_on is None
    assert not plan.reviews.exists()


def test_other_roles_see_nothing(world: World, plan: UnitPlan) -> None:
    for user in world.role_users.values():
        if user in (world.owner, world.colleague):
            continue
        url = f"/boern/{world.child.pk}/handleplaner/{plan.pk}/"
        assert client_for(user).get(url).status_code == 404, user.role


def test_a_plan_of_another_unit_is_missing_even_for_staff_who_see_the_child(
    world: World,
) -> None:
    # The child also goes to Mælkebøtten, where Charlie works: he sees the child, not Solsikken's
    # plan.
    f.EnrolmentFactory.create(child=world.child, unit=world.other_unit)
    plan = UnitPlanFactory.create(
        child=world.child,
        unit=world.unit,
        created_by=world.owner,
        created_on=TODAY,
        review_due=date(2026, 12, 28),
    )
    assert client_for(world.outsider).get(f"/boern/{world.child.pk}/").status_code == 200
    url = f"/boern/{world.child.pk}/handleplaner/{plan.pk}/"
    assert client_for(world.outsider).get(url).status_code == 404


def test_a_plan_under_another_child_is_missing(world: World, plan: UnitPlan) -> None:
    other = f.EnrolmentFactory.create(unit=world.unit).child
    url = f"/boern/{other.pk}/handleplaner/{plan.pk}/"
    assert client_for(world.owner).get(url).status_code == 404


def test_opening_a_plan_is_logged(world: World, plan: UnitPlan) -> None:
    client_for(world.colleague).get(f"/boern/{world.child.pk}/handleplaner/{plan.pk}/")
    log = AccessLog.objects.get(user=world.colleague)
    assert (log.child_id, log.shown) == (world.child.pk, "Handleplan")


# Dialogue meetings --------------------------------------------------------------------------------

MEETING = {
    "held_on": "02.11.2026",
    "participants": "Mor, pædagog Bob",
    "staff_view": "Emil trækker sig.",
    "parents_view": "Han sover dårligt.",
    "agreed": "Vi mødes igen om fire uger.",
}


def test_a_dialogue_meeting_from_a_red_position(world: World) -> None:
    red = ScreeningFactory.create(
        child=world.child, unit=world.unit, screened_on=date(2026, 10, 10), position=Position.RED
    )
    client = client_for(world.colleague)
    url = f"/boern/{world.child.pk}/dialogmoeder/ny/?position={red.pk}"
    assert "Følger op på positionen rød den 10.10.2026" in _text(client.get(url))
    response = client.post(url, MEETING)
    meeting = DialogueMeeting.objects.get()
    assert response.status_code == 302
    assert (meeting.screening, meeting.unit, meeting.recorded_by) == (
        red,
        world.unit,
        world.colleague,
    )
    assert meeting.agreed == "Vi mødes igen om fire uger."
    page = _text(client.get(response["Location"]))
    assert "Han sover dårligt." in page
    assert "Lav en handleplan ud fra mødet" in page


def test_a_position_of_another_child_is_ignored(world: World) -> None:
    red = ScreeningFactory.create(
        child=world.other_child, unit=world.other_unit, position=Position.RED
    )
    url = f"/boern/{world.child.pk}/dialogmoeder/ny/?position={red.pk}"
    client_for(world.owner).post(url, MEETING)
    assert DialogueMeeting.objects.get().screening is None


def test_a_dialogue_meeting_with_bad_input_is_refused_in_danish_and_kept(world: World) -> None:
    data = {**MEETING, "held_on": "03.11.2026", "agreed": "", "participants": "Mor"}
    response = client_for(world.owner).post(f"/boern/{world.child.pk}/dialogmoeder/ny/", data)
    page = _text(response)
    assert response.status_code == 200
    assert not DialogueMeeting.objects.exists()
    assert "Dialogmødet er ikke gemt" in page
    assert "Mødet kan ikke ligge i fremtiden" in page
    assert "Skriv, hvad I aftalte med forældrene." in page
    assert "Han sover dårligt." in page


def test_a_bad_date_is_named(world: World) -> None:
    data = {**MEETING, "held_on": "31.02.2026"}
    page = _text(client_for(world.owner).post(f"/boern/{world.child.pk}/dialogmoeder/ny/", data))
    assert "Skriv datoen som DD.MM.ÅÅÅÅ" in page


# Creating a plan ---------------------------------------------------------------------------------


def test_a_plan_from_a_dialogue_meeting_defaults_the_review_date(world: World) -> None:
    meeting = DialogueMeetingFactory.create(
        child=world.child, unit=world.unit, recorded_by=world.owner, held_on=TODAY
    )
    client = client_for(world.colleague)
    url = f"/boern/{world.child.pk}/handleplaner/ny/?dialogmoede={meeting.pk}"
    form = _text(client.get(url))
    assert 'value="28.12.2026"' in form  # 8 weeks, policy.unit_plan_review_weeks
    assert "dialogmødet med forældrene den 02.11.2026" in form
    response = client.post(url, {"goals": "Emil leger med andre.", "review_due": "28.12.2026"})
    plan = UnitPlan.objects.get()
    assert response["Location"] == f"/boern/{world.child.pk}/handleplaner/{plan.pk}/"
    assert (plan.dialogue_meeting, plan.created_by, plan.review_due) == (
        meeting,
        world.colleague,
        date(2026, 12, 28),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"goals": "Mål", "review_due": "01.11.2026"}, "skal ligge efter 02.11.2026"),
        ({"goals": "   ", "review_due": "28.12.2026"}, "Skriv planens mål med almindelige ord."),
        ({"goals": "Mål", "review_due": ""}, "Skriv datoen."),
    ],
)
def test_a_plan_with_bad_input_is_refused_in_danish(
    world: World, data: dict[str, str], message: str
) -> None:
    response = client_for(world.owner).post(f"/boern/{world.child.pk}/handleplaner/ny/", data)
    assert response.status_code == 200
    assert message in _text(response)
    assert "Handleplanen er ikke oprettet" in _text(response)
    assert not UnitPlan.objects.exists()


# Editing and the concurrent edit -----------------------------------------------------------------


def _edit(user: User, plan: UnitPlan, goals: str, version: int) -> object:
    url = f"/boern/{plan.child_id}/handleplaner/{plan.pk}/rediger/"
    return client_for(user).post(
        url, {"goals": goals, "review_due": "20.12.2026", "version": str(version)}
    )


def test_the_second_of_two_concurrent_edits_is_refused_and_keeps_the_text(
    world: World, plan: UnitPlan
) -> None:
    first = _edit(world.owner, plan, "Alices mål", 1)
    second = _edit(world.colleague, plan, "Bobs mål, skrevet samtidig", 1)
    assert first.status_code == 302  # type: ignore[attr-defined]
    assert second.status_code == 409  # type: ignore[attr-defined]
    page = _text(second)
    assert "En kollega har netop ændret handleplanen, så din ændring er ikke gemt." in page
    assert "Senest ændret af" in page
    assert "Alices mål" in page
    assert "Bobs mål, skrevet samtidig</textarea>" in page
    assert 'name="version" value="2"' in page
    plan.refresh_from_db()
    assert plan.goals == "Alices mål"
    # Having read Alice's change, Bob saves his own with one more click.
    assert _edit(world.colleague, plan, "Bobs mål, skrevet samtidig", 2).status_code == 302  # type: ignore[attr-defined]
    plan.refresh_from_db()
    assert (plan.goals, plan.version) == ("Bobs mål, skrevet samtidig", 3)


def test_an_edit_with_a_review_date_before_creation_is_refused(
    world: World, plan: UnitPlan
) -> None:
    url = f"/boern/{world.child.pk}/handleplaner/{plan.pk}/rediger/"
    data = {"goals": "Nye mål", "review_due": "01.10.2026", "version": "1"}
    response = client_for(world.owner).post(url, data)
    assert response.status_code == 400
    assert "Evalueringsdatoen skal ligge efter 02.11.2026." in _text(response)
    assert "Nye mål" in _text(response)


# Actions and reviews -----------------------------------------------------------------------------


def test_adding_and_completing_an_action(world: World, plan: UnitPlan) -> None:
    client = client_for(world.colleague)
    base = f"/boern/{world.child.pk}/handleplaner/{plan.pk}/"
    data = {"description": "Ring til mor", "owner": "Bob", "due_on": "16.11.2026"}
    assert client.post(f"{base}handlinger/", data).status_code == 302
    action = PlanAction.objects.get()
    assert client.post(f"{base}handlinger/{action.pk}/udfoert/").status_code == 302
    action.refresh_from_db()
    plan.refresh_from_db()
    assert action.done_on == TODAY
    assert plan.version == 3
    again = client.post(f"{base}handlinger/{action.pk}/udfoert/", follow=True)
    assert "allerede markeret som udført" in _text(again)


def test_an_action_due_in_the_past_is_refused_and_kept(world: World, plan: UnitPlan) -> None:
    url = f"/boern/{world.child.pk}/handleplaner/{plan.pk}/handlinger/"
    data = {"description": "Ring til mor", "owner": "", "due_on": "01.11.2026"}
    response = client_for(world.owner).post(url, data)
    page = _text(response)
    assert response.status_code == 400
    assert not PlanAction.objects.exists()
    assert "Fristen kan ikke ligge før i dag (02.11.2026)." in page
    assert "Skriv, hvem der er ansvarlig." in page
    assert 'value="Ring til mor"' in page


def test_a_review_that_continues_and_one_that_closes(world: World, plan: UnitPlan) -> None:
    client = client_for(world.owner)
    url = f"/boern/{world.child.pk}/handleplaner/{plan.pk}/evaluering/"
    data = {
        "version": "1",
        "outcome": "continue",
        "note": "Lidt bedre.",
        "next_review_due": "04.01.2027",
    }
    assert client.post(url, data).status_code == 302
    closing = {"version": "2", "outcome": "close", "note": "Emil trives.", "next_review_due": ""}
    assert client.post(url, closing).status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.ended_on) == ("closed", TODAY)
    page = _text(client.get(f"/boern/{world.child.pk}/handleplaner/{plan.pk}/"))
    assert "Lidt bedre." in page
    assert "Næste evaluering senest 04.01.2027." in page
    assert "Emil trives." in page
    assert "Evaluér planen" not in page


def test_a_review_without_outcome_or_with_a_date_on_closing_is_refused(
    world: World, plan: UnitPlan
) -> None:
    client = client_for(world.owner)
    url = f"/boern/{world.child.pk}/handleplaner/{plan.pk}/evaluering/"
    missing = _text(client.post(url, {"version": "1", "note": "", "next_review_due": ""}))
    assert "Vælg, om planen fortsætter, afsluttes eller løftes videre." in missing
    assert "Skriv, hvad evalueringen viste." in missing
    data = {"version": "1", "outcome": "close", "note": "n", "next_review_due": "04.01.2027"}
    assert "Fjern datoen" in _text(client.post(url, data))
    assert not plan.reviews.exists()


def test_a_review_after_a_colleague_closed_the_plan_keeps_the_text(
    world: World, plan: UnitPlan
) -> None:
    url = f"/boern/{world.child.pk}/handleplaner/{plan.pk}/evaluering/"
    closing = {"version": "1", "outcome": "close", "note": "Alice lukker.", "next_review_due": ""}
    assert client_for(world.owner).post(url, closing).status_code == 302
    late = {"version": "1", "outcome": "escalate", "note": "Bobs bekymring.", "next_review_due": ""}
    response = client_for(world.colleague).post(url, late)
    page = _text(response)
    assert response.status_code == 409
    assert "En kollega har netop ændret handleplanen" in page
    assert "Bobs bekymring." in page
    assert plan.reviews.count() == 1


# The child's page --------------------------------------------------------------------------------


def test_the_child_page_lists_meetings_and_plans_with_links(world: World, plan: UnitPlan) -> None:
    red = ScreeningFactory.create(
        child=world.child, unit=world.unit, screened_on=date(2026, 10, 10), position=Position.RED
    )
    DialogueMeetingFactory.create(
        child=world.child, unit=world.unit, recorded_by=world.owner, held_on=TODAY
    )
    page = _text(client_for(world.colleague).get(f"/boern/{world.child.pk}/"))
    assert "Dialog med forældrene og handleplaner" in page
    assert f"/boern/{world.child.pk}/dialogmoeder/ny/?position={red.pk}" in page
    assert f"/boern/{world.child.pk}/handleplaner/{plan.pk}/" in page
    assert "Dialogmøde 02.11.2026" in page


def test_the_round_page_links_a_yellow_or_red_joint_position_to_a_dialogue_meeting(
    world: World,
) -> None:
    yellow = ScreeningFactory.create(
        child=world.child, unit=world.unit, screened_on=TODAY, position=Position.YELLOW
    )
    page = _text(client_for(world.colleague).get(f"/enheder/{world.unit.pk}/runde/"))
    assert f"/boern/{world.child.pk}/dialogmoeder/ny/?position={yellow.pk}" in page
    yellow.position = Position.GREEN
    yellow.save()
    page = _text(client_for(world.colleague).get(f"/enheder/{world.unit.pk}/runde/"))
    assert "dialogmoeder/ny/" not in page
