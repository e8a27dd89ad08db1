"""The safety-net rules for unit plans (DESIGN §4), and the plans' answer to "yellow/red without a
unit plan" (screening/worklist.py asks the "unit_plan_sources" of the plug-in table).

An action or a review is late the day after its date: due today is not late. Only active plans
count; the actions of a closed or escalated plan were settled at its last review.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.collaboration.models import PlanAction, PlanStatus, UnitPlan
from sikkerhedsnet.lib.dates import Moment, local_day
from sikkerhedsnet.lib.worklist import NO_ID, Link, Rule


def plan_since_concern() -> Exists:
    """True when the child has a unit plan made on or after the concern (any status, any unit)."""
    return Exists(
        UnitPlan.objects.filter(
            child_id=OuterRef("child_id"), created_on__gte=OuterRef("concern_since")
        )
    )


def _action_overdue(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    return (
        PlanAction.objects.filter(
            done_on__isnull=True, due_on__lt=local_day(at), plan__status=PlanStatus.ACTIVE
        )
        .values("description", "owner", "plan_id")
        .annotate(
            child_id=F("plan__child_id"),
            unit_id=F("plan__unit_id"),
            user_id=NO_ID,
            due=F("due_on"),
            since=F("due_on"),
        )
    )


def _review_overdue(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    return (
        UnitPlan.objects.filter(status=PlanStatus.ACTIVE, review_due__lt=local_day(at))
        .values("child_id", "unit_id", "review_due", "created_on")
        .annotate(plan_id=F("pk"), user_id=NO_ID, since=F("review_due"))
    )


def _day_after(row: dict[str, Any]) -> dict[str, Any]:
    # The date the rule's query filters on is the last day in time; the gap begins the day after.
    return {**row, "since": row["since"] + timedelta(days=1)}


def _plan_link(row: dict[str, Any]) -> Link:
    url = reverse("collaboration:plan_detail", args=[row["child_id"], row["plan_id"]])
    return Link(url=url, label=_("Åbn handleplanen"))


PLAN_ACTION_OVERDUE = Rule(
    code="plan_action_overdue",
    title=_("Handling i handleplanen er ikke udført til tiden"),
    explanation=_(
        "Handlingen »%(description)s« med %(owner)s som ansvarlig skulle være udført senest "
        "%(due)s. Markér den som udført, eller evaluér planen."
    ),
    who_acts=_("Personalet og lederen i enheden"),
    find=_action_overdue,
    decorate=_day_after,
    link=_plan_link,
)

PLAN_REVIEW_OVERDUE = Rule(
    code="plan_review_overdue",
    title=_("Handleplanen er ikke evalueret til tiden"),
    explanation=_(
        "Handleplanen fra %(created_on)s skulle være evalueret senest %(review_due)s. "
        "Evaluér den: fortsætter den, afsluttes den, eller skal bekymringen løftes videre?"
    ),
    who_acts=_("Personalet og lederen i enheden"),
    find=_review_overdue,
    decorate=_day_after,
    link=_plan_link,
)
