"""The early-detection rules of the safety net (DESIGN §4)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import (
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.utils.translation import gettext_lazy as _

from sikkerhedsnet.lib.dates import Moment, local_day
from sikkerhedsnet.lib.worklist import NO_ID, Rule
from sikkerhedsnet.people.models import Enrolment
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.hooks import any_of, escalation_sources, unit_plan_sources
from sikkerhedsnet.screening.models import (
    CONCERN_POSITIONS,
    Instrument,
    Position,
    Screening,
    adbb_follow_up_due,
)
from sikkerhedsnet.screening.selectors.rounds import last_closed_round, previous_round, round_on

TL = Instrument.TRAFFIC_LIGHT


def _joint(**filters: Any) -> QuerySet[Screening]:
    return Screening.objects.filter(instrument=TL, **filters)


def _not_screened(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    closed = last_closed_round(day)
    screened = _joint(child_id=OuterRef("child_id"), round_deadline=closed.deadline)
    return (
        Enrolment.objects.filter(
            Q(since__lte=closed.deadline) & (Q(until__isnull=True) | Q(until__gte=day)),
            unit__kind__in=get_policy().screened_unit_kinds,
        )
        .filter(~Exists(screened))
        .values("child_id", "unit_id")
        .annotate(
            user_id=NO_ID,
            since=Value(closed.deadline + timedelta(days=1), output_field=DateField()),
            deadline=Value(closed.deadline, output_field=DateField()),
        )
    )


def _has_newer_joint() -> Exists:
    return Exists(
        _joint(child_id=OuterRef("child_id"), round_deadline__gt=OuterRef("round_deadline"))
    )


def _concern_without_plan(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    days = get_policy().unit_plan_days
    return (
        _joint(position__in=CONCERN_POSITIONS, screened_on__lt=day - timedelta(days=days))
        .filter(~_has_newer_joint())
        .annotate(concern_since=F("screened_on"))
        .exclude(any_of(unit_plan_sources()))
        .values("child_id", "unit_id", "position", "screened_on")
        .annotate(user_id=NO_ID, since=F("screened_on"))
    )


def _position_label(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "position": Position(row["position"]).label.lower()}


def _plan_due(row: dict[str, Any]) -> dict[str, Any]:
    due = row["screened_on"] + timedelta(days=get_policy().unit_plan_days)
    return {**_position_label(row), "since": due + timedelta(days=1), "plan_due": due}


def _repeated_concern(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    either_round = Q(pk__in=[])
    for current in {round_on(day), last_closed_round(day)}:
        earlier = _joint(
            child_id=OuterRef("child_id"),
            round_deadline=previous_round(current).deadline,
            position__in=CONCERN_POSITIONS,
        )
        either_round |= Q(round_deadline=current.deadline) & Q(Exists(earlier))
    earlier_date = _joint(
        child_id=OuterRef("child_id"), round_deadline__lt=OuterRef("round_deadline")
    ).order_by("-round_deadline")
    return (
        _joint(position__in=CONCERN_POSITIONS)
        .filter(either_round)
        .filter(~_has_newer_joint())
        .annotate(concern_since=Subquery(earlier_date.values("screened_on")[:1]))
        .exclude(any_of(escalation_sources()))
        .values("child_id", "unit_id", "position", "screened_on", "concern_since")
        .annotate(user_id=NO_ID, since=F("screened_on"))
    )


def _adbb_without_follow_up(at: Moment) -> QuerySet[Any, dict[str, Any]]:
    day = local_day(at)
    policy = get_policy()
    later_visit = Screening.objects.filter(
        child_id=OuterRef("child_id"),
        instrument=Instrument.ADBB,
        screened_on__gt=OuterRef("screened_on"),
    )
    return (
        Screening.objects.flagged()
        .filter(screened_on__lt=day - timedelta(days=policy.adbb_follow_up_days))
        .filter(follow_ups__isnull=True)
        .filter(~Exists(later_visit))
        .values("child_id", "unit_id", "adbb_total", "screened_on")
        .annotate(user_id=NO_ID, since=F("screened_on"))
    )


def _follow_up_due(row: dict[str, Any]) -> dict[str, Any]:
    due = adbb_follow_up_due(row["screened_on"])
    return {**row, "since": due + timedelta(days=1), "visit_due": due}


NOT_SCREENED = Rule(
    code="not_screened",
    title=_("Ikke vurderet i runden"),
    explanation=_(
        "Barnet har ingen fælles trivselsvurdering i runden med frist %(deadline)s, "
        "og fristen er overskredet."
    ),
    who_acts=_("Personalet og lederen i enheden"),
    find=_not_screened,
)

CONCERN_WITHOUT_PLAN = Rule(
    code="concern_without_plan",
    title=_("Gul eller rød uden handleplan"),
    explanation=_(
        "Barnet fik positionen %(position)s den %(screened_on)s. Forældrene skulle inddrages "
        "og en handleplan laves senest %(plan_due)s, men der er ingen handleplan."
    ),
    who_acts=_("Personalet og lederen i enheden"),
    find=_concern_without_plan,
    decorate=_plan_due,
)

REPEATED_CONCERN = Rule(
    code="repeated_concern_not_escalated",
    title=_("Gul eller rød to runder i træk"),
    explanation=_(
        "Barnet har været gul eller rød i to runder i træk (%(concern_since)s og "
        "%(screened_on)s), og bekymringen er ikke løftet videre til et tværfagligt møde, "
        "PPR eller en underretning."
    ),
    who_acts=_("Lederen i enheden"),
    find=_repeated_concern,
    decorate=_position_label,
    names_deadline=False,  # a concern to lift, no deadline: due, after the overdue rows
)

ADBB_WITHOUT_FOLLOW_UP = Rule(
    code="adbb_without_follow_up",
    title=_("ADBB over grænsen uden opfølgende besøg"),
    explanation=_(
        "ADBB-scoren var %(adbb_total)s den %(screened_on)s, på eller over grænsen. "
        "Der skulle have været et opfølgende besøg senest %(visit_due)s."
    ),
    who_acts=_("Sundhedsplejen"),
    find=_adbb_without_follow_up,
    decorate=_follow_up_due,
)
