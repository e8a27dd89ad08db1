"""Who may see a cross-disciplinary meeting, and the children on its agenda.

A meeting is seen by the standing members of its series and by the staff (leder, fagperson) of
the unit it covers, or of the units in its district. Missing and forbidden look alike (404).
A standing member may also open the page of a child put forward by name at one of her meetings,
from a while before the meeting to a while after it (policy), and only then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sikkerhedsnet.collaboration.models import AgendaItem, CollaborationMeeting, MeetingSeries
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.people.access import (
    UNIT_STAFF_ROLES,
    ChildScope,
    register_child_scope,
    today,
    user_unit_ids,
)
from sikkerhedsnet.people.models import Role, Unit, UnitKind, User
from sikkerhedsnet.policy import get_policy

# Units a meeting series is held for: the places that see children every day.
MEETING_UNIT_KINDS = (UnitKind.DAYCARE, UnitKind.SCHOOL)
# Who may put a child forward from the child's page.
PUT_FORWARD_ROLES = {Role.PROFESSIONAL, Role.UNIT_LEADER, Role.PPR}


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _staff_units(user: User, day: date) -> tuple[list[int], list[str]]:
    """Her units and their districts, when she is unit staff; nothing otherwise."""
    if user.role not in UNIT_STAFF_ROLES:
        return [], []
    unit_ids = user_unit_ids(user, day)
    districts = Unit.objects.filter(pk__in=unit_ids).exclude(district="")
    return unit_ids, list(districts.values_list("district", flat=True).distinct())


def series_seen_by(user: User, *, day: date | None = None) -> Q:
    """Series whose meetings (and agendas) the user may see."""
    if not _active(user):
        return Q(pk__in=[])
    unit_ids, districts = _staff_units(user, day or today())
    return Q(standing_members=user) | Q(unit_id__in=unit_ids) | Q(district__in=districts)


def visible_series(user: User) -> QuerySet[MeetingSeries]:
    return MeetingSeries.objects.filter(series_seen_by(user)).distinct()


def managed_series(user: User) -> QuerySet[MeetingSeries]:
    """Series she may change and schedule: an administrator all, a leder those of her units."""
    if not _active(user):
        return MeetingSeries.objects.none()
    if user.role == Role.ADMINISTRATOR:
        return MeetingSeries.objects.all()
    if user.role != Role.UNIT_LEADER:
        return MeetingSeries.objects.none()
    unit_ids, districts = _staff_units(user, today())
    return MeetingSeries.objects.filter(Q(unit_id__in=unit_ids) | Q(district__in=districts))


def may_create_series(user: User) -> bool:
    return _active(user) and user.role in (Role.ADMINISTRATOR, Role.UNIT_LEADER)


@dataclass(frozen=True)
class SeriesAccess:
    series: MeetingSeries
    can_manage: bool
    can_see: bool  # its meetings' agendas


def access_series(user: User, series_id: int) -> SeriesAccess:
    """A series she may see or manage (administrators manage without seeing agendas)."""
    managed = managed_series(user).filter(pk=series_id).first()
    seen = visible_series(user).filter(pk=series_id).first()
    series = managed or seen
    if series is None:
        raise Http404
    return SeriesAccess(series=series, can_manage=managed is not None, can_see=seen is not None)


@dataclass(frozen=True)
class MeetingAccess:
    meeting: CollaborationMeeting
    is_member: bool
    can_manage: bool

    @property
    def basis(self) -> str:
        if self.is_member:
            return _("Fast deltager i det tværfaglige møde")
        return _("Medarbejder i en enhed, som det tværfaglige møde dækker")


def access_meeting(user: User, meeting_id: int) -> MeetingAccess:
    """The meeting for a participant; 404 for a missing meeting and a forbidden one alike."""
    if not _active(user):
        raise Http404
    series_ids = visible_series(user).values("pk")
    meeting = (
        CollaborationMeeting.objects.select_related("series")
        .filter(pk=meeting_id, series_id__in=series_ids)
        .first()
    )
    if meeting is None:
        raise Http404
    is_member = meeting.series.standing_members.filter(pk=user.pk).exists()
    can_manage = managed_series(user).filter(pk=meeting.series_id).exists()
    return MeetingAccess(meeting=meeting, is_member=is_member, can_manage=can_manage)


def visible_meetings(user: User) -> QuerySet[CollaborationMeeting]:
    return CollaborationMeeting.objects.filter(series_id__in=visible_series(user).values("pk"))


# The child scope of standing members ----------------------------------------------------------


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, COPENHAGEN)


def _items_in_window(user: User, day: date) -> QuerySet[AgendaItem]:
    """Named items at her meetings held from `after` days ago to `before` days ahead."""
    policy = get_policy()
    earliest = _start_of(day - timedelta(days=policy.meeting_child_access_days_after))
    latest = _start_of(day + timedelta(days=policy.meeting_child_access_days_before + 1))
    return AgendaItem.objects.filter(
        child__isnull=False,
        meeting__series__standing_members=user,
        meeting__starts_at__gte=earliest,
        meeting__starts_at__lt=latest,
    )


def _agenda_children(user: User, day: date) -> Q | None:
    if not _active(user):
        return None
    return Q(pk__in=_items_in_window(user, day).values("child_id"))


def _agenda_basis(user: User, child_id: int, day: date) -> str | None:
    if not _items_in_window(user, day).filter(child_id=child_id).exists():
        return None
    return _("Barnet er på dagsordenen til et tværfagligt møde, hvor du er fast deltager")


register_child_scope(
    ChildScope(name="meeting_agenda_children", children=_agenda_children, basis=_agenda_basis)
)
