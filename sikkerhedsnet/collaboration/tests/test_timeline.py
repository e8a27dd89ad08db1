"""Dialogue meetings, plans and meetings on the child's timeline, as each viewer may see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    CollaborationMeeting,
    Consent,
    DialogueMeeting,
    MeetingOutcome,
    MeetingSeries,
    PlanReview,
    PlanStatus,
    ReviewOutcome,
    UnitPlan,
)
from sikkerhedsnet.collaboration.timeline import (
    agenda_entries,
    dialogue_entries,
    plan_entries,
    review_entries,
)
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import TimelineEntry
from sikkerhedsnet.people.models import Child, Role, User
from sikkerhedsnet.people.tests import factories as f

CPH = ZoneInfo("Europe/Copenhagen")
NOV_24 = datetime(2026, 11, 24, 9, 0, tzinfo=CPH)
SOURCES = (dialogue_entries, plan_entries, review_entries, agenda_entries)


TODAY = NOV_24
pytestmark = pytest.mark.usefixtures("today")


def seen(viewer: User, child: Child) -> list[TimelineEntry]:
    access = ChildAccess(child=child, basis="test", can_see_full_cpr=False)
    found = [entry for source in SOURCES for entry in source(viewer, child, access, limit=50)]
    return sorted(found, key=lambda entry: entry.sort_key, reverse=True)


def titles(viewer: User, child: Child) -> list[str]:
    return [entry.title for entry in seen(viewer, child)]


@dataclass
class Records:
    dialogue: DialogueMeeting
    plan: UnitPlan
    series: MeetingSeries
    psychologist: User
    item: AgendaItem
    anonymous: AgendaItem


@pytest.fixture
def records(world: World) -> Records:
    dialogue = DialogueMeeting.objects.create(
        child=world.child,
        unit=world.unit,
        held_on=date(2026, 9, 3),
        participants="Mor, far, Bob",
        staff_view="Barnet trækker sig.",
        parents_view="Det samme derhjemme.",
        agreed="Vi laver en handleplan sammen.",
        recorded_by=world.colleague,
    )
    plan = UnitPlan.objects.create(
        child=world.child,
        unit=world.unit,
        created_on=date(2026, 9, 10),
        created_by=world.owner,
        goals="Barnet leger med de andre børn hver dag.",
        review_due=date(2026, 11, 5),
        status=PlanStatus.ESCALATED,
        ended_on=date(2026, 11, 3),
        dialogue_meeting=dialogue,
    )
    PlanReview.objects.create(
        plan=plan,
        reviewed_on=date(2026, 11, 3),
        reviewed_by=world.owner,
        note="Ingen bedring; barnet tages op på det tværfaglige møde.",
        outcome=ReviewOutcome.ESCALATE,
    )
    psychologist = f.staff(Role.PPR, username="paula")
    series = MeetingSeries.objects.create(name="Lokalisering, Nord", district="Nord")
    series.standing_members.add(psychologist, world.owner)
    meeting = CollaborationMeeting.objects.create(
        series=series, starts_at=datetime(2026, 11, 12, 13, 0, tzinfo=CPH)
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        child=world.child,
        unit=world.unit,
        concern="Trækker sig fra legen trods handleplanen.",
        consent=Consent.GIVEN,
        parents_invited=True,
        put_forward_by=world.owner,
        minutes="Henvises til PPR.",
        outcome=MeetingOutcome.REFER_PPR,
    )
    anonymous = AgendaItem.objects.create(
        meeting=meeting,
        unit=world.unit,
        anonymous_description="Pige, 4 år",
        concern="Trækker sig fra legen trods handleplanen.",
        consent=Consent.NOT_GIVEN,
        put_forward_by=world.owner,
    )
    return Records(dialogue, plan, series, psychologist, item, anonymous)


def test_unit_staff_see_it_all_newest_first(world: World, records: Records) -> None:
    for viewer in (world.owner, world.colleague):
        assert titles(viewer, world.child) == [
            "Lokalisering, Nord",
            # The same day: the plan ended after its review, so it shows first.
            "Bekymringen er løftet videre",
            "Bekymringen løftes videre",
            "Handleplan oprettet, Solsikken",
            "Dialogmøde med forældrene, Solsikken",
        ]
    entries = seen(world.colleague, world.child)
    assert entries[0].summary == "Resultat: Henvises til PPR"
    assert entries[0].when == datetime(2026, 11, 12, 13, 0, tzinfo=CPH)
    assert entries[-1].summary == "Vi laver en handleplan sammen."
    child, plan = world.child.pk, records.plan.pk
    assert [entry.url for entry in entries] == [
        f"/tvaerfaglige-moeder/{records.item.meeting_id}/",
        f"/boern/{child}/handleplaner/{plan}/",
        f"/boern/{child}/handleplaner/{plan}/",
        f"/boern/{child}/handleplaner/{plan}/",
        f"/boern/{child}/dialogmoeder/{records.dialogue.pk}/",
    ]


def test_an_outsider_sees_nothing(world: World, records: Records) -> None:
    assert titles(world.outsider, world.child) == []
    for role in (Role.INTAKE, Role.CASEWORKER, Role.MANAGEMENT, Role.ADMINISTRATOR):
        assert titles(world.role_users[role], world.child) == []


def test_a_standing_member_sees_the_agenda_item_only(world: World, records: Records) -> None:
    assert titles(records.psychologist, world.child) == ["Lokalisering, Nord"]


def test_staff_of_a_unit_the_child_has_left_see_nothing(world: World, records: Records) -> None:
    world.child.enrolments.update(until=date(2026, 11, 1))
    assert titles(world.colleague, world.child) == []
    # The leader is still a standing member of the series: she keeps the meeting.
    assert titles(world.owner, world.child) == ["Lokalisering, Nord"]


def test_an_anonymous_consultation_is_never_shown(world: World, records: Records) -> None:
    records.item.delete()
    for viewer in (world.owner, world.colleague, records.psychologist):
        assert "Lokalisering, Nord" not in titles(viewer, world.child)
    page = client_for(world.owner).get(f"/boern/{world.child.pk}/").content.decode()
    assert "Pige, 4 år" not in page


def test_an_active_plan_has_no_end_entry(world: World, records: Records) -> None:
    UnitPlan.objects.filter(pk=records.plan.pk).update(status=PlanStatus.ACTIVE, ended_on=None)
    found = titles(world.colleague, world.child)
    assert "Bekymringen er løftet videre" not in found
    assert "Handleplan oprettet, Solsikken" in found


def test_the_child_page_shows_them(world: World, records: Records) -> None:
    page = client_for(world.colleague).get(f"/boern/{world.child.pk}/").content.decode()
    assert "12.11.2026 13:00" in page
    assert "Lokalisering, Nord" in page
    assert "03.09.2026" in page
    assert "Dialogmøde med forældrene, Solsikken" in page


def test_every_link_opens_for_the_viewer_it_is_shown_to(world: World, records: Records) -> None:
    for viewer in (world.colleague, records.psychologist):
        client = client_for(viewer)
        for entry in seen(viewer, world.child):
            assert client.get(entry.url).status_code == 200, (viewer, entry.url)
