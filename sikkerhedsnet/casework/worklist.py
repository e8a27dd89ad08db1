"""The casework rules of the safety net (DESIGN §4): an assessment past its deadline without an
interim assessment, and a placement without the child's plan in time.

The assessment's deadline is stored on the case when it opens (`Case.assessment_due_on`, an
index), so the rule compares it with the day directly. The plan's deadline is months from the
stored decision day; month arithmetic differs between SQLite and PostgreSQL, so that rule turns
the day it is evaluated on into the latest decision day that is overdue (deadlines.py) and
compares the stored date with that; the due day itself is added to the row for display only.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.cases.models import Case, CaseStatus
from sikkerhedsnet.casework.deadlines import child_plan_due_on, plan_overdue_if_decided_on_or_before
from sikkerhedsnet.casework.models import (
    Assessment,
    AssessmentDecision,
    ChildPlan,
    InterimAssessment,
)
from sikkerhedsnet.lib.dates import Moment, local_day
from sikkerhedsnet.lib.worklist import NO_ID, Link, Rule

ONE_DAY = timedelta(days=1)


def _assessment_overdue(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    decided = Assessment.objects.filter(case_id=OuterRef("pk"), decided_on__lte=day)
    interim = InterimAssessment.objects.filter(
        assessment__case_id=OuterRef("pk"), recorded_on__lte=day
    )
    return (
        Case.objects.filter(status=CaseStatus.OPEN, assessment_due_on__lt=day)
        .filter(~Exists(decided), ~Exists(interim))
        .values("child_id", "became_aware_on")
        .annotate(
            case_id=F("pk"),
            user_id=F("caseworker_id"),
            unit_id=NO_ID,
            since=F("opened_on"),
            deadline=F("assessment_due_on"),
        )
    )


def _assessment_deadline(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "since": row["deadline"] + ONE_DAY}


def _placement_without_plan(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    plan = ChildPlan.objects.filter(case_id=OuterRef("case_id"), adopted_on__lte=day)
    overdue = Q(
        decision=AssessmentDecision.PLACEMENT_WITH_CONSENT,
        decided_on__lte=plan_overdue_if_decided_on_or_before(day),
    ) | Q(decision=AssessmentDecision.PLACEMENT_WITHOUT_CONSENT, decided_on__lte=day)
    return (
        Assessment.objects.filter(overdue, case__status=CaseStatus.OPEN)
        .filter(~Exists(plan))
        .values("case_id", "decision", "decided_on")
        .annotate(
            child_id=F("case__child_id"),
            user_id=F("case__caseworker_id"),
            unit_id=NO_ID,
            since=F("decided_on"),
        )
    )


def _plan_deadline(row: dict[str, Any]) -> dict[str, Any]:
    due = child_plan_due_on(row["decision"], row["decided_on"])
    assert due is not None  # noqa: S101 - the rule only finds placement decisions
    # Without consent the plan was due before the decision: the gap runs from that day.
    since = due if due == row["decided_on"] else due + ONE_DAY
    label = AssessmentDecision(row["decision"]).label
    return {**row, "plan_due": due, "since": since, "decision": str(label).lower()}


def _assessment_link(row: dict[str, Any]) -> Link:
    return Link(
        url=reverse("casework:assessment", args=[row["case_id"]]),
        label=_("Åbn undersøgelsen"),
    )


def _plan_link(row: dict[str, Any]) -> Link:
    return Link(
        url=reverse("casework:child_plan", args=[row["case_id"]]),
        label=_("Åbn barnets plan"),
    )


ASSESSMENT_OVERDUE = Rule(
    code="assessment_overdue_without_interim",
    title=_("Børnefaglig undersøgelse over fristen uden foreløbig vurdering"),
    explanation=_(
        "Kommunen blev opmærksom på barnet den %(became_aware_on)s. Undersøgelsen skulle "
        "være færdig senest %(deadline)s. Den er ikke afsluttet, og der er ingen "
        "foreløbig vurdering."
    ),
    who_acts=_("Sagens rådgiver"),
    find=_assessment_overdue,
    decorate=_assessment_deadline,
    link=_assessment_link,
)

PLACEMENT_WITHOUT_PLAN = Rule(
    code="placement_without_child_plan",
    title=_("Anbringelse uden barnets plan i tide"),
    explanation=_(
        "Undersøgelsen endte den %(decided_on)s med afgørelsen %(decision)s. Barnets plan "
        "skulle foreligge senest %(plan_due)s, men sagen har ingen plan."
    ),
    who_acts=_("Sagens rådgiver"),
    find=_placement_without_plan,
    decorate=_plan_deadline,
    link=_plan_link,
)
