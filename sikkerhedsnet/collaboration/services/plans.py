"""Unit plans: create, edit the goals and the review date, actions, and reviews.

Two people in a unit may have the same plan open. Every change raises UnitPlan.version; a change
that could overwrite someone else's (the goals, the review date, a review) carries the version
the person's page showed and is a compare-and-set: the second writer gets a PlanConflict with the
plan as it is now, and nothing of hers is written over the first's. Adding or completing an action
cannot overwrite anything but still raises the version, so that a colleague's edit or review made
from an older page is refused and she sees the new action before deciding again.

The compare-and-set (lib.versions) writes the history row of the plan in the same transaction.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.collaboration.models import (
    DialogueMeeting,
    PlanAction,
    PlanReview,
    PlanStatus,
    ReviewOutcome,
    UnitPlan,
)
from sikkerhedsnet.lib import versions
from sikkerhedsnet.lib.errors import Conflict, Refused
from sikkerhedsnet.people.access import today
from sikkerhedsnet.people.models import Child, Unit, User
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.models import Screening

# A sanity bound on typed dates, not policy: a plan reviewed less than once a year is no plan,
# and a date years ahead is almost always a typing error (2062 for 2026).
LONGEST_AHEAD = timedelta(days=366)


class PlanRefused(Refused):
    """A Danish explanation of why the change was not made; shown as it is."""


class PlanConflict(Conflict):
    """A colleague changed the plan after the page showed the version the change carried."""

    current: UnitPlan


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


# Date rules -----------------------------------------------------------------------------------


def default_review_due(start: date) -> date:
    """The review date a new plan (or a continued one) gets unless the unit chooses another."""
    return start + timedelta(weeks=get_policy().unit_plan_review_weeks)


def review_due_refusal(*, review_due: date, after: date) -> str | None:
    """Why `review_due` cannot be the next review of a plan as of `after`, or None."""
    if review_due <= after:
        return _("Evalueringsdatoen skal ligge efter %(date)s.") % {"date": _day(after)}
    if review_due > after + LONGEST_AHEAD:
        return _(
            "Evalueringsdatoen ligger mere end et år ude i fremtiden. Vælg en tidligere dato, "
            "så planen bliver fulgt op."
        )
    return None


def action_due_refusal(*, due_on: date, day: date) -> str | None:
    if due_on < day:
        return _("Fristen kan ikke ligge før i dag (%(date)s).") % {"date": _day(day)}
    if due_on > day + LONGEST_AHEAD:
        return _("Fristen ligger mere end et år ude i fremtiden. Vælg en tidligere dato.")
    return None


def _refuse_if(refusal: str | None) -> None:
    if refusal:
        raise PlanRefused(refusal)


def _goals(goals: str) -> str:
    text = goals.strip()
    if not text:
        raise PlanRefused(_("Skriv planens mål med almindelige ord."))
    return text


# Compare-and-set ------------------------------------------------------------------------------


# A plan is fetched with its unit and child: the pages and the rules read them.
PLAN_RELATED = ("unit", "child")
ACTIVE = Q(status=PlanStatus.ACTIVE)


def _fresh(plan_id: int) -> UnitPlan:
    return UnitPlan.objects.select_related(*PLAN_RELATED).get(pk=plan_id)


def _write_history(actor: User, plan: UnitPlan) -> None:
    UnitPlan.history.bulk_history_create([plan], update=True, default_user=actor)


def _check_version(plan: UnitPlan, expected_version: int) -> UnitPlan:
    """The current row; a conflict before any rule is checked, so the message fits the race."""
    return versions.check_version(
        plan, expected_version, conflict=PlanConflict, related=PLAN_RELATED
    )


def _refuse_unless_active(plan: UnitPlan) -> None:
    if plan.status != PlanStatus.ACTIVE:
        raise PlanRefused(
            _("Planen er afsluttet den %(date)s og kan ikke ændres.")
            % {"date": _day(plan.ended_on or today())}
        )


def _compare_and_set(
    *, actor: User, plan: UnitPlan, expected_version: int, **changes: Any
) -> UnitPlan:
    """Apply `changes` only if nobody changed the plan since `expected_version` and it is active."""
    return versions.compare_and_set(
        UnitPlan,
        pk=plan.pk,
        expected_version=expected_version,
        actor=actor,
        conflict=PlanConflict,
        only_if=ACTIVE,
        related=PLAN_RELATED,
        **changes,
    )


def _bump(*, actor: User, plan: UnitPlan, content: bool = False) -> UnitPlan:
    """A change that overwrites nothing still tells others that the plan moved on; `content`:
    it also changes what the parents read (a new action), so a new edition for them."""
    changes: dict[str, Any] = {"version": F("version") + 1}
    if content:
        changes["content_version"] = F("content_version") + 1
    updated = UnitPlan.objects.filter(pk=plan.pk, status=PlanStatus.ACTIVE).update(**changes)
    current = _fresh(plan.pk)
    if not updated:
        _refuse_unless_active(current)
    _write_history(actor, current)
    return current


# Writes ---------------------------------------------------------------------------------------


@transaction.atomic
def unit_plan_create(
    *,
    actor: User,
    child: Child,
    unit: Unit,
    goals: str,
    review_due: date,
    created_on: date | None = None,
    dialogue_meeting: DialogueMeeting | None = None,
    screening: Screening | None = None,
) -> UnitPlan:
    created_on = created_on or today()
    _refuse_if(review_due_refusal(review_due=review_due, after=created_on))
    plan = UnitPlan.objects.create(
        child=child,
        unit=unit,
        created_on=created_on,
        created_by=actor,
        goals=_goals(goals),
        review_due=review_due,
        dialogue_meeting=dialogue_meeting,
        screening=screening or (dialogue_meeting.screening if dialogue_meeting else None),
    )
    audit_event_record(
        actor=actor,
        event_type="unit_plan.created",
        subject=plan,
        extra={"child": child.pk, "unit": unit.pk, "review_due": review_due.isoformat()},
    )
    return plan


@transaction.atomic
def unit_plan_update(
    *, actor: User, plan: UnitPlan, expected_version: int, goals: str, review_due: date
) -> UnitPlan:
    current = _check_version(plan, expected_version)
    _refuse_unless_active(current)
    _refuse_if(review_due_refusal(review_due=review_due, after=current.created_on))
    current = _compare_and_set(
        actor=actor,
        plan=current,
        expected_version=expected_version,
        goals=_goals(goals),
        review_due=review_due,
        content_version=F("content_version") + 1,
    )
    audit_event_record(
        actor=actor,
        event_type="unit_plan.updated",
        subject=current,
        extra={"review_due": review_due.isoformat()},
    )
    return current


@transaction.atomic
def plan_action_add(
    *, actor: User, plan: UnitPlan, description: str, owner: str, due_on: date
) -> PlanAction:
    _refuse_if(action_due_refusal(due_on=due_on, day=today()))
    if not description.strip() or not owner.strip():
        raise PlanRefused(_("Skriv både handlingen og, hvem der er ansvarlig."))
    current = _bump(actor=actor, plan=plan, content=True)
    action = PlanAction.objects.create(
        plan=current, description=description.strip(), owner=owner.strip(), due_on=due_on
    )
    audit_event_record(
        actor=actor,
        event_type="plan_action.added",
        subject=action,
        extra={"plan": current.pk, "due_on": due_on.isoformat()},
    )
    return action


@transaction.atomic
def plan_action_complete(*, actor: User, action: PlanAction) -> PlanAction:
    """Mark the action done today; once only, so a second click changes nothing."""
    day = today()
    _refuse_unless_active(_fresh(action.plan_id))
    # One statement checks and writes, so two clicks at once cannot both complete it.
    updated = PlanAction.objects.filter(pk=action.pk, done_on__isnull=True).update(done_on=day)
    current = PlanAction.objects.get(pk=action.pk)
    if not updated:
        raise PlanRefused(
            _("Handlingen er allerede markeret som udført den %(date)s.")
            % {"date": _day(current.done_on or day)}
        )
    PlanAction.history.bulk_history_create([current], update=True, default_user=actor)
    _bump(actor=actor, plan=current.plan)
    audit_event_record(
        actor=actor,
        event_type="plan_action.completed",
        subject=current,
        extra={"plan": current.plan_id, "late": day > current.due_on},
    )
    return current


def review_refusal(
    *, outcome: str, next_review_due: date | None, day: date
) -> tuple[str, str] | None:
    """The field and the reason a review cannot be recorded, or None; the form asks the same."""
    if outcome == ReviewOutcome.CONTINUE:
        if next_review_due is None:
            return "next_review_due", _("Skriv datoen for næste evaluering, når planen fortsætter.")
        refusal = review_due_refusal(review_due=next_review_due, after=day)
        return ("next_review_due", refusal) if refusal else None
    if next_review_due is not None:
        return "next_review_due", _(
            "En plan, der afsluttes eller løftes videre, skal ikke have en næste evaluering. "
            "Fjern datoen."
        )
    return None


@transaction.atomic
def plan_review_record(
    *,
    actor: User,
    plan: UnitPlan,
    expected_version: int,
    note: str,
    outcome: ReviewOutcome,
    next_review_due: date | None,
) -> PlanReview:
    """Review the plan: it continues to a new review date, is closed, or is escalated."""
    day = today()
    current = _check_version(plan, expected_version)
    _refuse_unless_active(current)
    refusal = review_refusal(outcome=outcome, next_review_due=next_review_due, day=day)
    if refusal:
        raise PlanRefused(refusal[1])
    if not note.strip():
        raise PlanRefused(_("Skriv, hvad evalueringen viste."))
    changes: dict[str, Any] = (
        # A new review date is a new edition of what the parents read.
        {"review_due": next_review_due, "content_version": F("content_version") + 1}
        if outcome == ReviewOutcome.CONTINUE
        else {"status": _status_after(outcome), "ended_on": day}
    )
    current = _compare_and_set(
        actor=actor, plan=current, expected_version=expected_version, **changes
    )
    review = PlanReview.objects.create(
        plan=current,
        reviewed_on=day,
        reviewed_by=actor,
        note=note.strip(),
        outcome=outcome,
        next_review_due=next_review_due if outcome == ReviewOutcome.CONTINUE else None,
    )
    audit_event_record(
        actor=actor,
        event_type="unit_plan.reviewed",
        subject=current,
        extra={"outcome": outcome, "status": current.status},
    )
    return review


def _status_after(outcome: str) -> PlanStatus:
    return PlanStatus.ESCALATED if outcome == ReviewOutcome.ESCALATE else PlanStatus.CLOSED
