"""Who may see and do what in collaboration: meetings and their agendas, dialogue meetings, plans.

A cross-disciplinary meeting is seen by the standing members of its series and by the staff
(leder, fagperson) of the unit it covers, or of the units in its district. Missing and forbidden
look alike (404). A standing member may also open the page of a child put forward by name at one
of her meetings, from a while before the meeting to a while after it (policy), and only then.

Dialogue meetings and unit plans: the staff (professional or unit leader) of a unit where the
child is enrolled today act for that unit: they record dialogue meetings and plans there, and
open the unit's own. Nobody else does, and for everyone else a plan or a meeting looks missing
(404), exactly like one that does not exist. The object fetch goes through access_child
afterwards, so each page is also logged.

Each capability is declared once here, as a `rules` permission; views and templates ask the
access objects (`SeriesAccess`, `MeetingAccess`, `RecordingAccess`, `DialogueAccess`,
`PlanAccess`) or these functions, never the role sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import rules
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    CollaborationMeeting,
    DialogueMeeting,
    DialogueStatus,
    MeetingSeries,
    PlanStatus,
    UnitPlan,
)
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.people.access import (
    UNIT_STAFF_ROLES,
    ChildAccess,
    access_child,
    today,
    user_unit_ids,
)
from sikkerhedsnet.people.hooks import ChildScope
from sikkerhedsnet.people.models import Child, Role, Unit, UnitKind, User
from sikkerhedsnet.policy import get_policy
from sikkerhedsnet.screening.access import units_shared_with

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


SERIES_CREATOR_ROLES = {Role.ADMINISTRATOR, Role.UNIT_LEADER}
# Who has the meetings in her menu: the staff who take part, intake, and the administrator.
MEETING_READER_ROLES = {
    Role.PROFESSIONAL,
    Role.UNIT_LEADER,
    Role.PPR,
    Role.INTAKE,
    Role.ADMINISTRATOR,
}


def _creates_series(user: User) -> bool:
    return _active(user) and user.role in SERIES_CREATOR_ROLES


def _puts_forward(user: User) -> bool:
    return _active(user) and user.role in PUT_FORWARD_ROLES


def _reads_meetings(user: User) -> bool:
    return _active(user) and user.role in MEETING_READER_ROLES


rules.add_perm("collaboration.add_meetingseries", rules.predicate(_creates_series))
rules.add_perm("collaboration.add_agendaitem", rules.predicate(_puts_forward))
# The menu's "Tværfaglige møder" (the list itself shows only the series she may see).
rules.add_perm("collaboration.view_collaborationmeeting", rules.predicate(_reads_meetings))


def may_create_series(user: User) -> bool:
    return bool(rules.has_perm("collaboration.add_meetingseries", user))


def may_put_forward(user: User) -> bool:
    """She may put a child forward to a meeting from the child's page."""
    return bool(rules.has_perm("collaboration.add_agendaitem", user))


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


# Dialogue meetings and unit plans ------------------------------------------------------------


def acting_units(user: User, child_id: int) -> list[Unit]:
    """The units where `user` works and the child is enrolled today: where she may act."""
    return units_shared_with(actor=user, child_id=child_id, day=today())


def _works_with_child(user: User, child: Child) -> bool:
    return bool(acting_units(user, child.pk))


def _works_in_record_unit(user: User, record: DialogueMeeting | UnitPlan) -> bool:
    return any(unit.pk == record.unit_id for unit in acting_units(user, record.child_id))


def _plan_is_active(user: User, plan: UnitPlan) -> bool:
    return plan.status == PlanStatus.ACTIVE


def _dialogue_is_planned(user: User, meeting: DialogueMeeting) -> bool:
    return meeting.status == DialogueStatus.PLANNED


works_with_child = rules.predicate(_works_with_child)
works_in_record_unit = rules.predicate(_works_in_record_unit)
plan_is_active = rules.predicate(_plan_is_active)
dialogue_is_planned = rules.predicate(_dialogue_is_planned)


rules.add_perm("collaboration.add_unitplan", works_with_child)
rules.add_perm("collaboration.add_dialoguemeeting", works_with_child)
rules.add_perm("collaboration.change_unitplan", works_in_record_unit)
rules.add_perm("collaboration.view_unitplan", works_in_record_unit)
rules.add_perm("collaboration.view_dialoguemeeting", works_in_record_unit)
# Move, cancel or write the record of a booked meeting: while it is planned (the services refuse
# too), by the staff of the unit that booked it.
rules.add_perm("collaboration.change_dialoguemeeting", dialogue_is_planned & works_in_record_unit)
# Goals, review date, actions and reviews: only while the plan runs (the services refuse too).
rules.add_perm("collaboration.work_on_unitplan", plan_is_active & works_in_record_unit)


@dataclass(frozen=True)
class RecordingAccess:
    """A child she may record dialogue meetings and plans for, and the units she acts for."""

    child_access: ChildAccess
    units: list[Unit]

    @property
    def child(self) -> Child:
        return self.child_access.child


def access_child_to_record(user: User, child_id: int, *, shown: str) -> RecordingAccess:
    """The child and the units to record for; 404 (nothing logged) for anyone who may not."""
    child = Child.objects.filter(pk=child_id).first()
    if child is None or not user.has_perm("collaboration.add_unitplan", child):
        raise Http404
    return RecordingAccess(
        child_access=access_child(user, child_id, shown=shown),
        units=acting_units(user, child_id),
    )


@dataclass(frozen=True)
class DialogueAccess:
    meeting: DialogueMeeting
    child_access: ChildAccess
    can_change: bool  # move, cancel, write the record: while it is planned


def access_dialogue(
    user: User, child_id: int, meeting_id: int, *, shown: str, meetings: QuerySet[DialogueMeeting]
) -> DialogueAccess:
    """A dialogue meeting of the child that her unit recorded; 404 otherwise (nothing logged)."""
    meeting = meetings.filter(pk=meeting_id, child_id=child_id).first()
    if meeting is None or not user.has_perm("collaboration.view_dialoguemeeting", meeting):
        raise Http404
    return DialogueAccess(
        meeting=meeting,
        child_access=access_child(user, child_id, shown=shown),
        can_change=bool(user.has_perm("collaboration.change_dialoguemeeting", meeting)),
    )


def may_see_dialogue(user: User, meeting: DialogueMeeting) -> bool:
    return bool(user.has_perm("collaboration.view_dialoguemeeting", meeting))


@dataclass(frozen=True)
class PlanAccess:
    plan: UnitPlan
    child_access: ChildAccess
    can_work_on: bool  # edit goals and date, add and complete actions, review: while it runs


def access_plan(
    user: User, child_id: int, plan_id: int, *, shown: str, plans: QuerySet[UnitPlan]
) -> PlanAccess:
    """A plan of the child that her unit made; 404 otherwise (nothing logged)."""
    plan = plans.filter(pk=plan_id, child_id=child_id).first()
    if plan is None or not user.has_perm("collaboration.change_unitplan", plan):
        raise Http404
    return plan_access_of(user, plan, access_child(user, child_id, shown=shown))


def plan_access_of(user: User, plan: UnitPlan, child_access: ChildAccess) -> PlanAccess:
    """What she may do with `plan` as it is now (ask again after a change)."""
    return PlanAccess(
        plan=plan,
        child_access=child_access,
        can_work_on=bool(rules.has_perm("collaboration.work_on_unitplan", user, plan)),
    )


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


MEETING_AGENDA_CHILDREN = ChildScope(
    name="meeting_agenda_children", children=_agenda_children, basis=_agenda_basis
)
