"""Factories for collaboration's tests: plans, actions, dialogue meetings, meetings and items.

Rows are written straight to the database (no service, no audit row), for tests that need a
state to start from. `make_meetings` builds the world's meeting series with its people, and
`make_agenda_item` an item by name or anonymously, as a professional would put it forward.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import factory

from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    CollaborationMeeting,
    Consent,
    DialogueMeeting,
    MeetingSeries,
    PlanAction,
    UnitPlan,
)
from sikkerhedsnet.conftest import World
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.people.models import Child, Role, User
from sikkerhedsnet.people.tests import factories as f

# Plans and dialogue meetings ------------------------------------------------------------------


class UnitPlanFactory(factory.django.DjangoModelFactory[UnitPlan]):
    class Meta:
        model = UnitPlan

    goals = "Emil leger med de andre børn."


class PlanActionFactory(factory.django.DjangoModelFactory[PlanAction]):
    class Meta:
        model = PlanAction

    description = "Samtale med mor"
    owner = "Pædagog Bob"


class DialogueMeetingFactory(factory.django.DjangoModelFactory[DialogueMeeting]):
    class Meta:
        model = DialogueMeeting

    participants = "Mor, pædagog Bob"
    staff_view = "Trækker sig fra legen."
    parents_view = "Sover dårligt."
    agreed = "Vi taler igen om fire uger."


# Cross-disciplinary meetings --------------------------------------------------------------------


def at(year: int, month: int, day: int, hour: int = 13) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=COPENHAGEN)


@dataclass
class Meetings:
    series: MeetingSeries
    meeting: CollaborationMeeting
    ppr: User  # a standing member who works in no unit
    non_member_ppr: User


def make_meetings(world: World, starts_at: datetime) -> Meetings:
    ppr = f.staff(Role.PPR, username="petra", first_name="Petra")
    other_ppr = f.staff(Role.PPR, username="poul", first_name="Poul")
    series = MeetingSeries.objects.create(name="Lokalisering Solsikken", unit=world.unit)
    series.standing_members.set([world.owner, ppr])
    meeting = CollaborationMeeting.objects.create(series=series, starts_at=starts_at)
    return Meetings(series, meeting, ppr, other_ppr)


def make_agenda_item(
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
