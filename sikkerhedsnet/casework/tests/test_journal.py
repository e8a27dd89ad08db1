"""Casework in the case journal: each event one automatic entry, written by the service."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from sikkerhedsnet.cases.hooks import journal_links
from sikkerhedsnet.cases.models import JournalEntry, JournalKind
from sikkerhedsnet.cases.tests.factories import TeamWorld
from sikkerhedsnet.casework import journal
from sikkerhedsnet.casework.models import AssessmentDecision
from sikkerhedsnet.casework.services.assessment import (
    assessment_conclude,
    assessment_save,
    interim_assessment_record,
)
from sikkerhedsnet.casework.services.plan import child_plan_create
from sikkerhedsnet.casework.services.safety import safety_meeting_create, safety_meeting_update
from sikkerhedsnet.lib.dates import COPENHAGEN

TODAY = datetime(2026, 7, 2, 9, 0, tzinfo=COPENHAGEN)
pytestmark = pytest.mark.usefixtures("today")


def entries(tw: TeamWorld) -> list[JournalEntry]:
    return list(JournalEntry.objects.filter(case=tw.case, kind=JournalKind.EVENT))


def _save(tw: TeamWorld, version: int) -> None:
    assessment_save(
        actor=tw.owner,
        case=tw.case,
        expected_version=version,
        dimensions={"health": "Ingen bemærkninger"},
        child_view="",
        parents_view="",
    )


def test_the_first_save_begins_the_assessment_once(tw: TeamWorld) -> None:
    _save(tw, 0)
    _save(tw, 1)
    [entry] = entries(tw)
    assert (entry.event, entry.title, entry.occurred_on, entry.written_by) == (
        journal.ASSESSMENT_BEGUN,
        "Børnefaglig undersøgelse påbegyndt",
        date(2026, 7, 2),
        tw.owner,
    )
    assert entry.text == "Undersøgelsen skal være færdig senest 01.07.2026 (Barnets Lov § 20)."


def test_an_interim_assessment_is_one_entry(tw: TeamWorld) -> None:
    _save(tw, 0)
    interim_assessment_record(
        actor=tw.owner,
        case=tw.case,
        expected_version=1,
        text="Vi mangler skolens udtalelse.",
        expected_done_on=date(2026, 8, 15),
    )
    [interim] = [entry for entry in entries(tw) if entry.event == journal.INTERIM_RECORDED]
    assert interim.title == "Foreløbig vurdering: undersøgelsen forventes færdig 15.08.2026"
    assert interim.text == "Vi mangler skolens udtalelse."
    assert len(entries(tw)) == 2


def test_an_interim_assessment_first_also_begins_the_assessment(tw: TeamWorld) -> None:
    interim_assessment_record(
        actor=tw.owner,
        case=tw.case,
        expected_version=0,
        text="Vi er i gang.",
        expected_done_on=date(2026, 8, 15),
    )
    assert sorted(entry.event for entry in entries(tw)) == [
        journal.ASSESSMENT_BEGUN,
        journal.INTERIM_RECORDED,
    ]


def test_the_conclusion_is_one_entry_with_its_decision(tw: TeamWorld) -> None:
    _save(tw, 0)
    assessment_conclude(
        actor=tw.owner,
        case=tw.case,
        expected_version=1,
        conclusion="Familien har brug for støtte i hjemmet.",
        decision=AssessmentDecision.SUPPORT,
        decided_on=date(2026, 7, 1),
    )
    [entry] = [entry for entry in entries(tw) if entry.event == journal.ASSESSMENT_CONCLUDED]
    assert entry.title == "Børnefaglig undersøgelse afsluttet: Støttende indsats"
    assert entry.occurred_on == date(2026, 7, 1)
    assert entry.text == (
        "Familien har brug for støtte i hjemmet.\nAfsluttet inden for fristen 01.07.2026."
    )


def test_a_safety_meeting_is_one_entry_and_its_edits_add_none(tw: TeamWorld) -> None:
    meeting = safety_meeting_create(
        actor=tw.owner, case=tw.case, held_on=date(2026, 6, 30), columns={"next_steps": "Møde"}
    )
    safety_meeting_update(
        actor=tw.owner,
        meeting=meeting,
        expected_version=1,
        held_on=date(2026, 6, 30),
        columns={"next_steps": "Nyt møde 1. august"},
    )
    [entry] = entries(tw)
    assert (entry.title, entry.text, entry.occurred_on) == (
        "Signs of Safety-møde holdt",
        "Næste skridt: Møde",
        date(2026, 6, 30),
    )


def test_the_childs_plan_is_one_entry(tw: TeamWorld) -> None:
    plan = child_plan_create(actor=tw.owner, case=tw.case, adopted_on=date(2026, 7, 1))
    [entry] = entries(tw)
    assert (entry.event, entry.title, entry.source_id) == (
        journal.CHILD_PLAN_ADOPTED,
        "Barnets plan vedtaget",
        plan.pk,
    )


def test_the_entries_link_back_to_their_pages(tw: TeamWorld) -> None:
    _save(tw, 0)
    meeting = safety_meeting_create(
        actor=tw.owner, case=tw.case, held_on=date(2026, 6, 30), columns={}
    )
    child_plan_create(actor=tw.owner, case=tw.case, adopted_on=date(2026, 7, 1))
    links = journal_links(tw.case, entries(tw))
    urls = {entry.event: links[entry.pk].url for entry in entries(tw)}
    case = tw.case.pk
    assert urls == {
        journal.ASSESSMENT_BEGUN: f"/sager/{case}/undersoegelse/",
        journal.SAFETY_MEETING_HELD: f"/sager/{case}/signs-of-safety/moeder/{meeting.pk}/",
        journal.CHILD_PLAN_ADOPTED: f"/sager/{case}/barnets-plan/",
    }
