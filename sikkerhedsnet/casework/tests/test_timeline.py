"""Casework on the child's timeline: the case's team sees it, nobody else does."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.tests.factories import TeamWorld
from sikkerhedsnet.casework.models import (
    Assessment,
    AssessmentDecision,
    ChildPlan,
    InterimAssessment,
    ParticipantRole,
    PlanGoal,
    SafetyMeeting,
    SafetyScore,
)
from sikkerhedsnet.casework.timeline import (
    assessment_entries,
    child_plan_entries,
    interim_entries,
    safety_meeting_entries,
)
from sikkerhedsnet.conftest import client_for
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.hooks import TimelineEntry
from sikkerhedsnet.people.models import User

CPH = ZoneInfo("Europe/Copenhagen")
SOURCES = (assessment_entries, interim_entries, safety_meeting_entries, child_plan_entries)


def casework_for(case: Case, worker: User) -> None:
    assessment = Assessment.objects.create(
        case=case,
        conclusion="Barnet har brug for støtte i hjemmet.",
        decision=AssessmentDecision.SUPPORT,
        decided_on=date(2026, 8, 20),
        decided_by=worker,
        updated_at=datetime(2026, 8, 20, 12, tzinfo=CPH),
        updated_by=worker,
    )
    InterimAssessment.objects.create(
        assessment=assessment,
        text="Vi mangler skolens udtalelse.",
        expected_done_on=date(2026, 8, 31),
        recorded_on=date(2026, 6, 28),
        recorded_by=worker,
    )
    meeting = SafetyMeeting.objects.create(case=case, held_on=date(2026, 4, 2), created_by=worker)
    for name, role, score in (("Mette", ParticipantRole.MOTHER, 6), ("Rikke", "caseworker", 3)):
        SafetyScore.objects.create(
            meeting=meeting,
            participant_name=name,
            participant_role=role,
            score=score,
            recorded_by=worker,
            recorded_at=datetime(2026, 4, 2, 15, tzinfo=CPH),
        )
    plan = ChildPlan.objects.create(case=case, adopted_on=date(2026, 9, 1), created_by=worker)
    for text in ("Barnet kommer i skole hver dag.", "Faste sengetider."):
        PlanGoal.objects.create(plan=plan, text=text, agreed_on=date(2026, 9, 1), created_by=worker)


@pytest.fixture
def world(tw: TeamWorld) -> TeamWorld:
    casework_for(tw.case, tw.owner)
    casework_for(tw.other_case, tw.other_worker)
    return tw


def seen(viewer: User, tw: TeamWorld) -> list[TimelineEntry]:
    access = ChildAccess(child=tw.child, basis="test", can_see_full_cpr=False)
    found = [entry for source in SOURCES for entry in source(viewer, tw.child, access, limit=50)]
    return sorted(found, key=lambda entry: entry.sort_key, reverse=True)


def test_the_caseworker_sees_the_casework_newest_first(world: TeamWorld) -> None:
    found = seen(world.owner, world)
    assert [entry.title for entry in found] == [
        "Barnets plan er lavet",
        "Undersøgelsen er afsluttet: Støttende indsats",
        "Foreløbig vurdering, forventes færdig 31.08.2026",
        "Signs of Safety-møde",
    ]
    plan, concluded, interim, meeting = found
    assert plan.summary == "2 mål"
    assert concluded.summary == "Barnet har brug for støtte i hjemmet."
    assert interim.summary == "Vi mangler skolens udtalelse."
    assert meeting.summary == "Sikkerhedsskala: Mette 6, Rikke 3"
    case = world.case.pk
    assert plan.url == f"/sager/{case}/barnets-plan/"
    assert concluded.url == interim.url == f"/sager/{case}/undersoegelse/"
    assert meeting.url.startswith(f"/sager/{case}/signs-of-safety/moeder/")


@pytest.mark.parametrize("who", ["owner", "colleague", "leader"])
def test_the_cases_team_sees_it(world: TeamWorld, who: str) -> None:
    assert len(seen(getattr(world, who), world)) == 4


@pytest.mark.parametrize("who", ["other_worker", "other_leader", "fagperson", "intake"])
def test_no_one_else_sees_anything(world: TeamWorld, who: str) -> None:
    assert seen(getattr(world, who), world) == []


def test_an_open_assessment_is_not_on_the_timeline(world: TeamWorld) -> None:
    Assessment.objects.filter(case=world.case).update(decision="", decided_on=None)
    titles = [entry.title for entry in seen(world.owner, world)]
    assert not [title for title in titles if title.startswith("Undersøgelsen er afsluttet")]


def test_a_meeting_without_scores_says_so(world: TeamWorld) -> None:
    SafetyMeeting.objects.create(case=world.case, held_on=date(2026, 5, 2), created_by=world.owner)
    summaries = [entry.summary for entry in seen(world.owner, world)]
    assert "Ingen scoringer på sikkerhedsskalaen" in summaries


def test_a_fixed_few_queries_however_many_meetings(
    world: TeamWorld, django_assert_max_num_queries: object
) -> None:
    for day in range(1, 8):
        SafetyMeeting.objects.create(
            case=world.case, held_on=date(2026, 6, day), created_by=world.owner
        )
    access = ChildAccess(child=world.child, basis="test", can_see_full_cpr=False)
    with django_assert_max_num_queries(3):  # type: ignore[operator]
        safety_meeting_entries(world.owner, world.child, access, limit=50)


@pytest.mark.parametrize("who", ["owner", "colleague", "leader"])
def test_every_link_opens_for_the_viewer_it_is_shown_to(world: TeamWorld, who: str) -> None:
    viewer = getattr(world, who)
    client = client_for(viewer)
    for url in {entry.url for entry in seen(viewer, world)}:
        assert client.get(url).status_code == 200, url
