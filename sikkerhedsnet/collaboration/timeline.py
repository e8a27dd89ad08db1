"""Dialogue meetings, unit plans and cross-disciplinary meetings on the child's timeline.

A unit's dialogue meetings and plans (created, each review, closed or escalated) are seen by the
staff of that unit while the child is enrolled there, the same people who may open them. A
meeting's agenda item about the child is seen by them too (the items their unit put forward)
and by the standing members of the meeting's series. An anonymous consultation never names the
child, so it is never on a child's timeline.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    DialogueMeeting,
    DialogueStatus,
    PlanReview,
    PlanStatus,
    UnitPlan,
)
from sikkerhedsnet.people.access import ChildAccess, today
from sikkerhedsnet.people.hooks import STAGE, TimelineEntry
from sikkerhedsnet.people.models import Child, Unit, User
from sikkerhedsnet.screening.access import units_shared_with

SUMMARY_CHARS = 140


def _units(viewer: User, child: Child) -> list[Unit]:
    """The units where the viewer works and the child is enrolled today."""
    return units_shared_with(actor=viewer, child_id=child.pk, day=today())


def _short(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(SUMMARY_CHARS)


def dialogue_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    units = _units(viewer, child)
    if not units:
        return []
    # A meeting is on the timeline once it is held; a planned or cancelled one is not history.
    meetings = (
        DialogueMeeting.objects.filter(child=child, unit__in=units, status=DialogueStatus.HELD)
        .select_related("unit")
        .order_by("-held_on", "-id")[:limit]
    )
    return [
        TimelineEntry(
            when=meeting.held_on,
            kind=_("Dialogmøde"),
            title=_("Dialogmøde med forældrene, %(unit)s") % {"unit": meeting.unit.name},
            summary=_short(meeting.agreed),
            url=reverse("collaboration:dialogue_detail", args=[child.pk, meeting.pk]),
            stage=STAGE["dialogue_meeting"],
        )
        for meeting in meetings
        if meeting.held_on is not None  # always so for a held meeting
    ]


ENDED_TITLES = {
    PlanStatus.CLOSED: lambda: _("Handleplanen er afsluttet"),
    PlanStatus.ESCALATED: lambda: _("Bekymringen er løftet videre"),
}


def plan_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    units = _units(viewer, child)
    if not units:
        return []
    plans = (
        UnitPlan.objects.filter(child=child, unit__in=units)
        .select_related("unit")
        .order_by("-created_on", "-id")[:limit]
    )
    entries = []
    for plan in plans:
        url = reverse("collaboration:plan_detail", args=[child.pk, plan.pk])
        entries.append(
            TimelineEntry(
                when=plan.created_on,
                kind=_("Handleplan"),
                title=_("Handleplan oprettet, %(unit)s") % {"unit": plan.unit.name},
                summary=_short(plan.goals),
                url=url,
                stage=STAGE["unit_plan"],
            )
        )
        if plan.ended_on is not None and plan.status in ENDED_TITLES:
            entries.append(
                TimelineEntry(
                    when=plan.ended_on,
                    kind=_("Handleplan"),
                    title=ENDED_TITLES[PlanStatus(plan.status)](),
                    summary=plan.unit.name,
                    url=url,
                    stage=STAGE["plan_ended"],
                )
            )
    return entries


def review_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    units = _units(viewer, child)
    if not units:
        return []
    reviews = PlanReview.objects.filter(plan__child=child, plan__unit__in=units).order_by(
        "-reviewed_on", "-id"
    )[:limit]
    return [
        TimelineEntry(
            when=review.reviewed_on,
            kind=_("Evaluering af handleplan"),
            title=review.get_outcome_display(),
            summary=_short(review.note),
            url=reverse("collaboration:plan_detail", args=[child.pk, review.plan_id]),
            stage=STAGE["plan_review"],
        )
        for review in reviews
    ]


def agenda_entries(
    viewer: User, child: Child, access: ChildAccess, *, limit: int
) -> list[TimelineEntry]:
    if not (viewer.is_authenticated and viewer.is_active):
        return []
    seen = Q(meeting__series__standing_members=viewer)
    units = _units(viewer, child)
    if units:
        seen |= Q(unit__in=units)
    items = (
        # child=child leaves out every anonymous consultation: those have no child.
        AgendaItem.objects.filter(seen, child=child, child__isnull=False)
        .select_related("meeting__series")
        .distinct()
        .order_by("-meeting__starts_at", "-id")[:limit]
    )
    return [_agenda_entry(item) for item in items]


def _agenda_entry(item: AgendaItem) -> TimelineEntry:
    if item.outcome:
        summary = _("Resultat: %(outcome)s") % {"outcome": item.get_outcome_display()}
    else:
        summary = _short(item.concern)
    return TimelineEntry(
        when=item.meeting.starts_at,
        kind=_("Tværfagligt møde"),
        title=item.meeting.series.name,
        summary=summary,
        url=reverse("collaboration:meeting_detail", args=[item.meeting_id]),
    )
