"""Screening's panels on the front page: the round of her units, and ADBB follow-ups due.

The round panel is for the staff of a unit whose children are rated in the round (daycare,
school, SFO): per unit how many children are assessed out of how many, and the deadline; then
the children whose latest joint position is yellow or red and who have no unit plan since it
(DESIGN §4: the parents are involved and a plan made, Barnets Lov § 11's early preventive work).
The ADBB panel is for a health visitor: the infants scored at or over the cutoff whose follow-up
visit is due and not made. Both name children, so each unit shown is logged as its round page
logs it (access_log_record_unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sikkerhedsnet.audit.services import access_log_record_unit
from sikkerhedsnet.lib.front_page import PANEL_ITEMS, FrontPanel
from sikkerhedsnet.lib.http import AuthedRequest
from sikkerhedsnet.people.access import today, visible_units
from sikkerhedsnet.people.models import Enrolment, Unit, UnitKind, current_on
from sikkerhedsnet.screening.access import rates_children
from sikkerhedsnet.screening.hooks import any_of, unit_plan_sources
from sikkerhedsnet.screening.models import (
    CONCERN_POSITIONS,
    Instrument,
    Screening,
    adbb_follow_up_due,
)
from sikkerhedsnet.screening.selectors.rounds import round_on


def _staff_units(request: AuthedRequest) -> list[Unit]:
    """Her units, when she works in units as staff (the permission the unit pages ask)."""
    if not request.user.has_perm("people.work_in_unit"):
        return []
    return list(visible_units(request.user).order_by("name"))


def _log_units(request: AuthedRequest, units: set[Unit]) -> None:
    for unit in sorted(units, key=lambda u: u.pk):
        access_log_record_unit(
            user=request.user,
            unit=unit,
            shown=_("Forside"),
            basis=_("Børn i enheden, som du har adgang til"),
        )


# The round ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRound:
    unit: Unit
    assessed: int
    enrolled: int


def _joint_in(deadline: date) -> Exists:
    return Exists(
        Screening.objects.filter(
            instrument=Instrument.TRAFFIC_LIGHT,
            child_id=OuterRef("child_id"),
            round_deadline=deadline,
        )
    )


def _round_counts(units: list[Unit], *, deadline: date, day: date) -> list[UnitRound]:
    """One aggregate query: per unit, the children enrolled today and those assessed."""
    rows = {
        row["unit_id"]: row
        for row in Enrolment.objects.filter(current_on(day), unit__in=units)
        .annotate(is_assessed=_joint_in(deadline))
        .values("unit_id")
        .annotate(
            enrolled=Count("child_id", distinct=True),
            assessed=Count("child_id", filter=Q(is_assessed=True), distinct=True),
        )
        .order_by()
    }
    return [
        UnitRound(
            unit,
            rows.get(unit.pk, {}).get("assessed", 0),
            rows.get(unit.pk, {}).get("enrolled", 0),
        )
        for unit in units
    ]


def _concerns_without_plan(units: list[Unit], day: date) -> tuple[list[Screening], int]:
    """The latest joint position of a child now enrolled in the unit that set it, yellow or red,
    with no unit plan made since; the oldest first. One query for the rows, one for the count."""
    newer = Screening.objects.filter(
        instrument=Instrument.TRAFFIC_LIGHT,
        child_id=OuterRef("child_id"),
        round_deadline__gt=OuterRef("round_deadline"),
    )
    enrolled = Enrolment.objects.filter(
        current_on(day), child_id=OuterRef("child_id"), unit_id=OuterRef("unit_id")
    )
    found = (
        Screening.objects.filter(
            instrument=Instrument.TRAFFIC_LIGHT,
            position__in=CONCERN_POSITIONS,
            unit__in=units,
        )
        .filter(Exists(enrolled), ~Exists(newer))
        .annotate(concern_since=F("screened_on"))
        .exclude(any_of(unit_plan_sources()))
    )
    rows = list(found.select_related("child", "unit").order_by("screened_on", "pk")[:PANEL_ITEMS])
    return rows, (found.count() if len(rows) == PANEL_ITEMS else len(rows))


def render_round(request: AuthedRequest) -> SafeString | None:
    units = [unit for unit in _staff_units(request) if rates_children(unit)]
    if not units:
        return None
    day = today()
    rnd = round_on(day)
    concerns, concern_count = _concerns_without_plan(units, day)
    _log_units(request, {screening.unit for screening in concerns})
    context = {
        "round": rnd,
        "days_left": (rnd.deadline - day).days,
        "units": _round_counts(units, deadline=rnd.deadline, day=day),
        "concerns": concerns,
        "concern_count": concern_count,
    }
    return render_to_string("screening/front_page/round.html", context, request=request)


# ADBB -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdbbDue:
    screening: Screening
    due: date
    overdue: bool


def render_adbb(request: AuthedRequest) -> SafeString | None:
    units = [u for u in _staff_units(request) if u.kind == UnitKind.HEALTH_VISITING]
    if not units:
        return None
    day = today()
    later_visit = Screening.objects.filter(
        child_id=OuterRef("child_id"),
        instrument=Instrument.ADBB,
        screened_on__gt=OuterRef("screened_on"),
    )
    enrolled = Enrolment.objects.filter(
        current_on(day), child_id=OuterRef("child_id"), unit_id=OuterRef("unit_id")
    )
    found = (
        Screening.objects.flagged()
        .filter(unit__in=units, follow_ups__isnull=True)
        .filter(Exists(enrolled), ~Exists(later_visit))
    )
    screenings = list(
        found.select_related("child", "unit").order_by("screened_on", "pk")[:PANEL_ITEMS]
    )
    count = found.count() if len(screenings) == PANEL_ITEMS else len(screenings)
    _log_units(request, {screening.unit for screening in screenings})
    rows = []
    for screening in screenings:
        due = adbb_follow_up_due(screening.screened_on)
        rows.append(AdbbDue(screening, due, overdue=due < day))
    context = {"rows": rows, "count": count, "units": units}
    return render_to_string("screening/front_page/adbb.html", context, request=request)


ROUND_PANEL = FrontPanel(name="screening_round", render=render_round)
ADBB_PANEL = FrontPanel(name="screening_adbb", render=render_adbb)
