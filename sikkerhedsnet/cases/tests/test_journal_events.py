"""The automatic journal: journal_event_record, and the case's own events (the notification and
intake's decision that opened it, a case a faglig leder opened, a new caseworker)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from sikkerhedsnet.cases.journal import (
    CASE_OPENED,
    CASE_OPENED_BY_INTAKE,
    CASEWORKER_CHANGED,
    NOTIFICATION_RECEIVED,
)
from sikkerhedsnet.cases.models import Case, CaseRefused, JournalEntry, JournalKind
from sikkerhedsnet.cases.services.assignment import case_assign
from sikkerhedsnet.cases.services.journal import journal_entry_add, journal_event_record
from sikkerhedsnet.cases.services.opening import case_open_by_leader
from sikkerhedsnet.cases.tests.factories import TeamWorld, make_team_world
from sikkerhedsnet.intake.models import DecisionKind
from sikkerhedsnet.intake.services.handling import decision_record, urgent_assessment_record
from sikkerhedsnet.intake.tests.factories import make_notification
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.post.tests.factories import make_letter

TODAY = datetime(2026, 5, 4, 13, 30, tzinfo=UTC)  # 15.30 in Copenhagen

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def tw(db: None) -> TeamWorld:
    return make_team_world()


def events(case: Case, event: str | None = None) -> list[JournalEntry]:
    entries = JournalEntry.objects.filter(case=case, kind=JournalKind.EVENT)
    if event is not None:
        entries = entries.filter(event=event)
    return list(entries)


# journal_event_record -----------------------------------------------------------------------


def test_an_event_is_an_automatic_entry_naming_its_source(tw: TeamWorld) -> None:
    letter = make_letter(author=tw.owner, child=tw.child)
    entry = journal_event_record(
        case=tw.case,
        actor=tw.owner,
        occurred_at=datetime(2026, 5, 3, 22, 30, tzinfo=UTC),  # 00.30 on the 4th in Denmark
        title="Brev sendt: Indkaldelse til møde",
        event="post.letter_sent",
        source=letter,
    )
    entry.refresh_from_db()
    assert (entry.kind, entry.event, entry.source_type, entry.source_id) == (
        JournalKind.EVENT,
        "post.letter_sent",
        "post.letter",
        letter.pk,
    )
    assert (entry.occurred_on, entry.written_by, entry.written_at) == (
        date(2026, 5, 4),
        tw.owner,
        TODAY,
    )


def test_the_same_source_is_journalised_once(tw: TeamWorld) -> None:
    letter = make_letter(author=tw.owner, child=tw.child)

    def sent(title: str) -> JournalEntry:
        return journal_event_record(
            case=tw.case,
            actor=tw.owner,
            occurred_on=date(2026, 5, 4),
            title=title,
            event="post.letter_sent",
            source=letter,
        )

    first = sent("Brev sendt")
    again = sent("Brev sendt igen")
    assert again == first
    assert [entry.title for entry in events(tw.case)] == ["Brev sendt"]


def test_the_database_refuses_a_second_entry_for_one_source(tw: TeamWorld) -> None:
    letter = make_letter(author=tw.owner, child=tw.child)
    entry = journal_event_record(
        case=tw.case,
        actor=tw.owner,
        occurred_on=date(2026, 5, 4),
        title="Brev sendt",
        event="post.letter_sent",
        source=letter,
    )
    entry.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()


def test_events_without_a_source_are_each_written(tw: TeamWorld) -> None:
    for _ in range(2):
        journal_event_record(
            case=tw.case, actor=None, occurred_on=date(2026, 5, 4), title="X", event="test.x"
        )
    assert len(events(tw.case, "test.x")) == 2
    assert events(tw.case)[0].written_by is None


def test_a_caseworker_cannot_write_an_event_by_hand(tw: TeamWorld) -> None:
    with pytest.raises(CaseRefused, match="automatisk"):
        journal_entry_add(
            actor=tw.owner,
            case=tw.case,
            kind=JournalKind.EVENT,
            occurred_on=date(2026, 5, 4),
            title="Afgørelse",
            text="",
        )


def test_a_correction_of_an_event_is_a_note_and_the_event_stays(tw: TeamWorld) -> None:
    event = journal_event_record(
        case=tw.case, actor=tw.owner, occurred_on=date(2026, 5, 4), title="X", event="test.x"
    )
    note = journal_entry_add(
        actor=tw.owner,
        case=tw.case,
        kind=JournalKind.NOTE,
        occurred_on=date(2026, 5, 4),
        title="Rettelse: X",
        text="Det var den 3. maj.",
        corrects=event,
    )
    event.refresh_from_db()
    assert (event.title, list(event.corrections.all())) == ("X", [note])


# The case's own events -----------------------------------------------------------------------


def _open_by_intake(tw: TeamWorld) -> Case:
    child = f.ChildFactory.create()
    notification = make_notification(
        child=child, at=datetime(2026, 5, 4, 7, 5, tzinfo=UTC), user=tw.fagperson
    )
    urgent_assessment_record(
        actor=tw.intake,
        notification=notification,
        expected_version=notification.version,
        danger_to_health_or_development=False,
        acute_help_needed=False,
        note="Ingen akut fare.",
    )
    notification.refresh_from_db()
    decision_record(
        actor=tw.intake,
        notification=notification,
        expected_version=notification.version,
        kind=DecisionKind.CHILD_ASSESSMENT,
        reason="Gentagne bekymringer fra skolen.",
    )
    return Case.objects.get(source_notification=notification)


def test_a_case_intake_opens_starts_with_the_notification_and_the_decision(
    tw: TeamWorld,
) -> None:
    case = _open_by_intake(tw)
    received, decided = events(case, NOTIFICATION_RECEIVED), events(case, CASE_OPENED_BY_INTAKE)
    assert len(received) == len(decided) == 1
    notification = case.source_notification
    assert notification is not None
    assert received[0].title == f"Underretning modtaget ({notification.reference})"
    assert "Modtaget 04.05.2026 kl. 09.05 fra: Skole." in received[0].text
    assert (received[0].occurred_on, received[0].source_id) == (date(2026, 5, 4), notification.pk)
    assert decided[0].title == (
        "Visitationens afgørelse: Børnefaglig undersøgelse (Barnets Lov § 20)"
    )
    assert "Gentagne bekymringer fra skolen." in decided[0].text
    assert "senest 04.09.2026" in decided[0].text
    assert len(events(case)) == 2


def test_the_entries_are_written_in_danish_whatever_the_screen_language(tw: TeamWorld) -> None:
    with translation.override("en"):
        case = _open_by_intake(tw)
    assert "Børnefaglig undersøgelse" in events(case, CASE_OPENED_BY_INTAKE)[0].title


def test_a_case_a_leader_opens_says_so(tw: TeamWorld) -> None:
    case = case_open_by_leader(
        actor=tw.leader,
        child=f.ChildFactory.create(),
        team=tw.team,
        became_aware_on=date(2026, 5, 1),
        today=date(2026, 5, 4),
    )
    [entry] = events(case)
    assert (entry.event, entry.title, entry.written_by) == (
        CASE_OPENED,
        "Sagen er oprettet",
        tw.leader,
    )
    assert "Kommunen blev opmærksom på barnet 01.05.2026" in entry.text


def test_each_new_caseworker_is_one_entry(tw: TeamWorld) -> None:
    case = tw.other_case
    case.caseworker = None
    case.save()
    case_assign(actor=tw.other_leader, case=case, caseworker=tw.other_worker, expected_version=1)
    newcomer = f.staff(tw.other_worker.role, tw.other_team, username="mads", first_name="Mads")
    case_assign(
        actor=tw.other_leader,
        case=case,
        caseworker=newcomer,
        expected_version=2,
        reason="Sofie går på barsel.",
    )
    first, second = reversed(events(case, CASEWORKER_CHANGED))
    assert first.title == f"Sagen fordelt til {tw.other_worker}"
    assert second.title == f"Sagen overdraget fra {tw.other_worker} til {newcomer}"
    assert second.text == "Begrundelse: Sofie går på barsel."
    assert second.occurred_at == TODAY


def test_a_caseworker_taking_a_free_case_is_one_entry(tw: TeamWorld) -> None:
    case = tw.case
    case.caseworker = None
    case.save()
    case_assign(actor=tw.colleague, case=case, caseworker=tw.colleague, expected_version=1)
    assert [entry.title for entry in events(case)] == [f"{tw.colleague} har taget sagen"]
