"""Builders for the meeting tests: a series for the world's unit, meetings, agenda items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    CollaborationMeeting,
    Consent,
    MeetingSeries,
)
from sikkerhedsnet.conftest import World
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.people.models import Child, Role, User
from sikkerhedsnet.people.tests import factories as f


def at(year: int, month: int, day: int, hour: int = 13) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=COPENHAGEN)


@dataclass
class Meetings:
    series: MeetingSeries
    meeting: CollaborationMeeting
    ppr: User  # a standing member who works in no unit
    non_member_ppr: User


def build_meetings(world: World, starts_at: datetime) -> Meetings:
    ppr = f.staff(Role.PPR, username="petra", first_name="Petra")
    other_ppr = f.staff(Role.PPR, username="poul", first_name="Poul")
    series = MeetingSeries.objects.create(name="Lokalisering Solsikken", unit=world.unit)
    series.standing_members.set([world.owner, ppr])
    meeting = CollaborationMeeting.objects.create(series=series, starts_at=starts_at)
    return Meetings(series, meeting, ppr, other_ppr)


def put(
    meeting: CollaborationMeeting,
    child: Child | None,
    by: User,
    world: World,
    *,
    anonymous: str = "",
    minutes: str = "",
) -> AgendaItem:
    return AgendaItem.objects.create(
        meeting=meeting,
        child=None if anonymous else child,
        unit=world.unit,
        anonymous_description=anonymous,
        consent=Consent.NOT_GIVEN if anonymous else Consent.GIVEN,
        concern="Trækker sig fra legen.",
        put_forward_by=by,
        minutes=minutes,
    )
