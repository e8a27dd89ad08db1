"""Writing the child's plan and its goals."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import audit_event_record
from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.services.journal import journal_event_record
from sikkerhedsnet.casework import journal
from sikkerhedsnet.casework.models import ChildPlan, PlanGoal
from sikkerhedsnet.lib.errors import Refused
from sikkerhedsnet.lib.versions import compare_and_set
from sikkerhedsnet.people.models import User


@transaction.atomic
def child_plan_create(*, actor: User, case: Case, adopted_on: date) -> ChildPlan:
    if adopted_on > timezone.localdate():
        raise Refused(_("Planens dato kan ikke ligge i fremtiden."))
    try:
        with transaction.atomic():
            plan = ChildPlan.objects.create(case=case, adopted_on=adopted_on, created_by=actor)
    except IntegrityError:
        raise Refused(_("Sagen har allerede en plan for barnet.")) from None
    journal_event_record(case=case, actor=actor, source=plan, **journal.child_plan_adopted(plan))
    audit_event_record(
        actor=actor, event_type="child_plan.created", subject=plan, extra={"case": case.pk}
    )
    return plan


def _agreement(
    *, text: str, child: bool, parents: bool, others: str, agreed_on: date
) -> dict[str, Any]:
    if not text.strip():
        raise Refused(_("Skriv målet."))
    if not (child or parents or others.strip()):
        raise Refused(_("Angiv, hvem målet er aftalt med."))
    if agreed_on > timezone.localdate():
        raise Refused(_("Datoen for aftalen kan ikke ligge i fremtiden."))
    return {
        "text": text.strip(),
        "agreed_with_child": child,
        "agreed_with_parents": parents,
        "agreed_with_others": others.strip(),
        "agreed_on": agreed_on,
    }


@transaction.atomic
def plan_goal_add(
    *,
    actor: User,
    plan: ChildPlan,
    text: str,
    agreed_with_child: bool,
    agreed_with_parents: bool,
    agreed_with_others: str,
    agreed_on: date,
) -> PlanGoal:
    fields = _agreement(
        text=text,
        child=agreed_with_child,
        parents=agreed_with_parents,
        others=agreed_with_others,
        agreed_on=agreed_on,
    )
    goal = PlanGoal.objects.create(plan=plan, created_by=actor, **fields)
    audit_event_record(
        actor=actor, event_type="plan_goal.added", subject=goal, extra={"case": plan.case_id}
    )
    return goal


@transaction.atomic
def plan_goal_update(
    *,
    actor: User,
    goal: PlanGoal,
    expected_version: int,
    text: str,
    agreed_with_child: bool,
    agreed_with_parents: bool,
    agreed_with_others: str,
    agreed_on: date,
) -> PlanGoal:
    fields = _agreement(
        text=text,
        child=agreed_with_child,
        parents=agreed_with_parents,
        others=agreed_with_others,
        agreed_on=agreed_on,
    )
    updated = compare_and_set(
        PlanGoal, pk=goal.pk, expected_version=expected_version, actor=actor, **fields
    )
    audit_event_record(
        actor=actor,
        event_type="plan_goal.updated",
        subject=updated,
        extra={"case": goal.plan.case_id},
    )
    return updated
