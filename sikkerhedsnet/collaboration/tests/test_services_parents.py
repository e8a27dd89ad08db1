"""The unit plan and the parents: the parents' version (no internal notes), the letters, and
their answers, which name the edition of the plan they answered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.collaboration.models import ParentAnswer, PlanReview, ReviewOutcome, UnitPlan
from sikkerhedsnet.collaboration.services.letters import unit_plan_html
from sikkerhedsnet.collaboration.services.parents import (
    ParentsRefused,
    plan_agreement_record,
    unit_plan_send_to_parents,
)
from sikkerhedsnet.collaboration.services.plans import (
    plan_action_add,
    plan_action_complete,
    plan_review_record,
    unit_plan_update,
)
from sikkerhedsnet.collaboration.tests.factories import PlanActionFactory, UnitPlanFactory
from sikkerhedsnet.conftest import World
from sikkerhedsnet.lib.letters import render_pdf
from sikkerhedsnet.people.models import Guardian, GuardianRelation
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.post.models import Letter, LetterStatus
from sikkerhedsnet.screening.models import Position
from sikkerhedsnet.screening.tests.factories import ScreeningFactory

TODAY = date(2026, 11, 2)
INTERNAL = "Mor virker presset; vi holder øje med afhentningerne."
pytestmark = pytest.mark.usefixtures("today")
Capture = Callable[..., Any]


@pytest.fixture
def plan(world: World) -> UnitPlan:
    plan = UnitPlanFactory.create(
        child=world.child,
        unit=world.unit,
        created_by=world.owner,
        created_on=TODAY - timedelta(days=14),
        review_due=date(2026, 12, 28),
        goals="Emil leger med de andre børn hver dag.",
        screening=ScreeningFactory.create(
            child=world.child, unit=world.unit, screened_on=TODAY, position=Position.RED
        ),
    )
    PlanActionFactory.create(
        plan=plan, description="Voksenstøttet leg", owner="Pædagog Bob", due_on=date(2026, 11, 20)
    )
    PlanReview.objects.create(
        plan=plan,
        reviewed_on=TODAY,
        reviewed_by=world.owner,
        note=INTERNAL,
        outcome=ReviewOutcome.CONTINUE,
        next_review_due=date(2026, 12, 28),
    )
    return plan


@pytest.fixture
def mother(world: World) -> Guardian:
    guardian = world.child.custodies.get().guardian
    guardian.cpr, guardian.first_name = "0101901234", "Mette"
    guardian.save()
    return guardian


def test_the_parents_version_has_goals_actions_and_review_date_but_no_internal_notes(
    plan: UnitPlan, mother: Guardian
) -> None:
    html = unit_plan_html(plan, mother)
    assert "Emil leger med de andre børn hver dag." in html
    assert "Voksenstøttet leg" in html
    assert "Pædagog Bob" in html
    assert "20.11.2026" in html
    assert "Vi ser på planen igen senest 28.12.2026" in html
    assert "Kære Mette Hansen" in html
    assert "udgave 1" in html
    assert INTERNAL not in html
    assert "rød" not in html.lower()  # the position the plan followed up is the staff's
    assert render_pdf(html).startswith(b"%PDF")


def test_the_plan_is_sent_to_each_chosen_parent_with_authority(
    world: World, plan: UnitPlan, mother: Guardian, django_capture_on_commit_callbacks: Capture
) -> None:
    father = f.CustodyFactory.create(
        child=world.child,
        guardian=f.GuardianFactory.create(first_name="Jens", cpr="0202881234"),
        relation=GuardianRelation.FATHER,
    ).guardian
    with django_capture_on_commit_callbacks(execute=True):
        letters = unit_plan_send_to_parents(
            actor=world.colleague, plan=plan, guardians=[mother, father]
        )
    assert len(letters) == 2
    stored = Letter.objects.for_subject(plan)
    assert {letter.kind for letter in stored} == {"collaboration.unit_plan"}
    assert {letter.title for letter in stored} == {f"Handleplan for {world.child.first_name}"}
    assert {letter.status for letter in stored} == {LetterStatus.SENT}
    event = AuditEvent.objects.get(event_type="unit_plan.sent_to_parents")
    assert event.extra["edition"] == 1


def test_a_parent_without_parental_authority_gets_no_plan(world: World, plan: UnitPlan) -> None:
    stepfather = f.CustodyFactory.create(
        child=world.child, relation=GuardianRelation.OTHER, has_custody=False
    ).guardian
    with pytest.raises(ParentsRefused, match="forældremyndighed"):
        unit_plan_send_to_parents(actor=world.colleague, plan=plan, guardians=[stepfather])
    with pytest.raises(ParentsRefused, match="forældremyndighed"):
        plan_agreement_record(
            actor=world.colleague,
            plan=plan,
            guardian=stepfather,
            answer=ParentAnswer.AGREED,
            comment="",
            answered_on=TODAY,
        )
    assert not Letter.objects.exists()


def _answer(world: World, plan: UnitPlan, guardian: Guardian, **kwargs: Any) -> Any:
    values: dict[str, Any] = {
        "answer": ParentAnswer.AGREED,
        "comment": "Vi er glade for planen.",
        "answered_on": TODAY,
        **kwargs,
    }
    return plan_agreement_record(actor=world.colleague, plan=plan, guardian=guardian, **values)


def test_an_answer_is_a_row_with_an_audit_row_naming_the_edition(
    world: World, plan: UnitPlan, mother: Guardian
) -> None:
    agreement = _answer(world, plan, mother)
    assert (agreement.guardian, agreement.answer, agreement.plan_version) == (
        mother,
        ParentAnswer.AGREED,
        1,
    )
    assert (agreement.answered_on, agreement.recorded_by) == (TODAY, world.colleague)
    event = AuditEvent.objects.get(event_type="unit_plan.parent_answered")
    assert (event.subject_id, event.extra["edition"]) == (agreement.pk, 1)


def test_not_agreeing_needs_the_parents_own_words(
    world: World, plan: UnitPlan, mother: Guardian
) -> None:
    with pytest.raises(ParentsRefused, match="egne ord"):
        _answer(world, plan, mother, answer=ParentAnswer.NOT_AGREED, comment=" ")
    agreement = _answer(
        world, plan, mother, answer=ParentAnswer.NOT_AGREED, comment="Han skal ikke i små grupper."
    )
    assert agreement.comment == "Han skal ikke i små grupper."


def test_an_answer_cannot_be_dated_ahead(world: World, plan: UnitPlan, mother: Guardian) -> None:
    with pytest.raises(ParentsRefused, match="fremtiden"):
        _answer(world, plan, mother, answered_on=TODAY + timedelta(days=1))


def test_a_change_to_what_the_parents_read_is_a_new_edition_marking_a_done_action_is_not(
    world: World, plan: UnitPlan, mother: Guardian
) -> None:
    _answer(world, plan, mother)
    plan_action_complete(actor=world.colleague, action=plan.actions.get())
    plan.refresh_from_db()
    assert plan.content_version == 1
    current = unit_plan_update(
        actor=world.colleague,
        plan=plan,
        expected_version=plan.version,
        goals="Emil leger med de andre og siger til, når han er ked af det.",
        review_due=date(2026, 12, 28),
    )
    assert current.content_version == 2
    plan_action_add(
        actor=world.colleague, plan=current, description="Samtale", owner="Mor", due_on=TODAY
    )
    current.refresh_from_db()
    assert current.content_version == 3
    plan_review_record(
        actor=world.colleague,
        plan=current,
        expected_version=current.version,
        note="Bedre.",
        outcome=ReviewOutcome.CONTINUE,
        next_review_due=date(2027, 1, 15),
    )
    current.refresh_from_db()
    assert current.content_version == 4
    assert current.agreements.get().plan_version == 1
    assert _answer(world, current, mother).plan_version == 4


def test_a_closed_plan_takes_no_answer_and_is_not_sent(
    world: World, plan: UnitPlan, mother: Guardian
) -> None:
    UnitPlan.objects.filter(pk=plan.pk).update(status="closed", ended_on=TODAY)
    with pytest.raises(ParentsRefused, match="afsluttet"):
        _answer(world, plan, mother)
    with pytest.raises(ParentsRefused, match="afsluttet"):
        unit_plan_send_to_parents(actor=world.colleague, plan=plan, guardians=[mother])
