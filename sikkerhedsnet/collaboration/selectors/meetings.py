"""Reads of the cross-disciplinary meetings: lists, the agenda, a child's meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from sikkerhedsnet.collaboration.access import (
    MEETING_UNIT_KINDS,
    managed_series,
    visible_meetings,
    visible_series,
)
from sikkerhedsnet.collaboration.models import AgendaItem, CollaborationMeeting, MeetingSeries
from sikkerhedsnet.lib.dates import COPENHAGEN, local_day
from sikkerhedsnet.people.access import visible_children
from sikkerhedsnet.people.models import (
    Child,
    Enrolment,
    Membership,
    Role,
    Unit,
    UnitKind,
    User,
    current_on,
)

UPCOMING_SHOWN = 20
CHILD_MEETINGS_OFFERED = 10


def series_for_user(user: User) -> QuerySet[MeetingSeries]:
    """The series she takes part in, works under or manages."""
    seen = Q(pk__in=visible_series(user).values("pk"))
    return (
        MeetingSeries.objects.filter(seen | Q(pk__in=managed_series(user).values("pk")))
        .select_related("unit")
        .order_by("name")
    )


def upcoming_meetings(user: User) -> QuerySet[CollaborationMeeting]:
    # Today's meetings stay on the list after they start: minutes are written from the list.
    start_of_today = datetime.combine(local_day(timezone.now()), time.min, COPENHAGEN)
    return (
        visible_meetings(user)
        .filter(starts_at__gte=start_of_today)
        .select_related("series")
        .annotate(items=Count("agenda_items"))
        .order_by("starts_at")[:UPCOMING_SHOWN]
    )


def series_meetings(series: MeetingSeries) -> QuerySet[CollaborationMeeting]:
    return series.meetings.annotate(items=Count("agenda_items")).order_by("-starts_at")


def agenda(meeting: CollaborationMeeting) -> list[AgendaItem]:
    return list(
        meeting.agenda_items.select_related(
            "child", "unit", "put_forward_by", "minutes_by", "notification"
        ).order_by("put_forward_at", "id")
    )


def openable_children(user: User, child_ids: list[int]) -> set[int]:
    """Which of these children's pages the user may open (for the links on the agenda)."""
    if not child_ids:
        return set()
    return set(visible_children(user).filter(pk__in=child_ids).values_list("pk", flat=True))


# A child and the meetings ------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingChoice:
    """A meeting a child can be put forward at, and the unit the item belongs to."""

    meeting: CollaborationMeeting
    unit: Unit


def meetings_for_child(child: Child, *, day: date) -> list[MeetingChoice]:
    """Coming meetings of active series that cover one of the child's current units."""
    enrolments = list(
        Enrolment.objects.filter(current_on(day), child=child, unit__kind__in=MEETING_UNIT_KINDS)
        .select_related("unit")
        .order_by("unit__name")
    )
    units = {enrolment.unit_id: enrolment.unit for enrolment in enrolments}
    by_district = {unit.district: unit for unit in reversed(units.values()) if unit.district}
    covering = Q(series__unit_id__in=units) | Q(series__district__in=by_district)
    meetings = (
        CollaborationMeeting.objects.filter(covering, series__active=True)
        .filter(starts_at__gt=timezone.now())
        .select_related("series")
        .order_by("starts_at")[:CHILD_MEETINGS_OFFERED]
    )
    return [
        MeetingChoice(
            meeting=meeting,
            unit=units[meeting.series.unit_id]
            if meeting.series.unit_id in units
            else by_district[meeting.series.district],
        )
        for meeting in meetings
    ]


def child_agenda_items(child: Child, user: User) -> list[AgendaItem]:
    """The child's named items at meetings the user may see, newest meeting first."""
    return list(
        AgendaItem.objects.filter(child=child, meeting__in=visible_meetings(user))
        .select_related("meeting__series", "notification")
        .order_by("-meeting__starts_at", "-id")
    )


# Standing members to choose from ---------------------------------------------------------------


def member_candidates() -> QuerySet[User]:
    """Leders, PPR, health visitors and intake's social workers, as the standing members."""
    day = timezone.localdate()
    health_visitor = Membership.objects.filter(
        current_on(day), user=OuterRef("pk"), unit__kind=UnitKind.HEALTH_VISITING
    )
    return (
        User.objects.filter(is_active=True)
        .annotate(is_health_visitor=Exists(health_visitor))
        .filter(
            Q(role__in=[Role.UNIT_LEADER, Role.PPR, Role.INTAKE])
            | Q(role=Role.PROFESSIONAL, is_health_visitor=True)
        )
        .order_by("first_name", "last_name", "username")
    )


def with_members(series: QuerySet[MeetingSeries]) -> QuerySet[MeetingSeries]:
    return series.prefetch_related(
        Prefetch("standing_members", queryset=User.objects.order_by("first_name", "last_name"))
    )
