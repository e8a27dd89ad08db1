"""The child's cases on the timeline: the case's team sees them, nobody else does."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from sikkerhedsnet.cases.models import CaseAssignment, CaseStatus
from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world
from sikkerhedsnet.cases.timeline import case_entries
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import TimelineEntry
from sikkerhedsnet.people.models import User
from sikkerhedsnet.people.selectors import child_timeline

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def tw(db: None) -> TeamWorld:
    world = make_team_world()
    CaseAssignment.objects.create(
        case=world.case,
        caseworker=world.colleague,
        since=datetime(2026, 3, 3, 10, tzinfo=CPH),
        until=datetime(2026, 5, 1, 10, tzinfo=CPH),
        assigned_by=world.leader,
    )
    CaseAssignment.objects.create(
        case=world.case,
        caseworker=world.owner,
        since=datetime(2026, 5, 1, 10, tzinfo=CPH),
        reason="Rasmus er gået på barsel.",
        assigned_by=world.leader,
    )
    return world


def entries(viewer: User, tw: TeamWorld) -> list[TimelineEntry]:
    access = ChildAccess(child=tw.child, basis="test", can_see_full_cpr=False)
    return case_entries(viewer, tw.child, access, limit=50)


def titles(viewer: User, tw: TeamWorld) -> list[str]:
    found = sorted(entries(viewer, tw), key=lambda entry: entry.sort_key, reverse=True)
    return [entry.title for entry in found]


def test_the_caseworker_sees_opening_and_each_caseworker(tw: TeamWorld) -> None:
    owner, colleague = tw.owner.get_full_name(), tw.colleague.get_full_name()
    assert titles(tw.owner, tw) == [
        f"Ny rådgiver: {owner}",
        f"Rådgiver tildelt: {colleague}",
        "Sag oprettet",
    ]
    found = entries(tw.owner, tw)
    assert {entry.url for entry in found} == {f"/sager/{tw.case.pk}/"}
    changed = next(entry for entry in found if entry.title.startswith("Ny rådgiver"))
    assert changed.summary == "Rasmus er gået på barsel."


@pytest.mark.parametrize("who", ["owner", "colleague", "leader"])
def test_the_cases_team_sees_it(tw: TeamWorld, who: str) -> None:
    assert len(entries(getattr(tw, who), tw)) == 3


@pytest.mark.parametrize("who", ["other_worker", "other_leader", "fagperson", "intake"])
def test_no_one_else_sees_anything(tw: TeamWorld, who: str) -> None:
    assert entries(getattr(tw, who), tw) == []


def test_a_closed_case_shows_the_day_it_was_closed(tw: TeamWorld) -> None:
    tw.case.status = CaseStatus.CLOSED
    tw.case.save()  # the history row records the change
    closed = [entry for entry in entries(tw.leader, tw) if entry.title == "Sagen er lukket"]
    assert len(closed) == 1
    assert closed[0].has_time


def test_the_fagperson_sees_no_case_on_the_whole_timeline(tw: TeamWorld) -> None:
    access = ChildAccess(child=tw.child, basis="test", can_see_full_cpr=False)
    shown = child_timeline(viewer=tw.fagperson, access=access).entries
    assert not [entry for entry in shown if entry.kind == "Sag"]
    mine = child_timeline(viewer=tw.owner, access=access).entries
    assert [entry for entry in mine if entry.kind == "Sag"]


def test_one_query_for_the_cases_and_one_for_the_assignments(
    tw: TeamWorld, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        entries(tw.owner, tw)


@pytest.mark.parametrize("who", ["owner", "colleague", "leader"])
def test_every_link_opens_for_the_viewer_it_is_shown_to(tw: TeamWorld, who: str) -> None:
    viewer = getattr(tw, who)
    client = client_for(viewer)
    for url in {entry.url for entry in entries(viewer, tw)}:
        assert client.get(url).status_code == 200, url
