"""Dialogue meetings: recorded afterwards (the audit row, the dates it refuses), and booked
ahead with the parents' invitation letters, moved, cancelled and recorded on the same meeting."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from sikkerhedsnet.audit.models import AuditEvent
from sikkerhedsnet.collaboration.models import DialogueMeeting, DialogueStatus
from sikkerhedsnet.collaboration.services.dialogue import (
    DialogueConflict,
    DialogueRefused,
    dialogue_meeting_book,
    dialogue_meeting_cancel,
    dialogue_meeting_move,
    dialogue_meeting_record,
    dialogue_meeting_record_booked,
)
from sikkerhedsnet.collaboration.services.letters import dialogue_letter_html, when_text
from sikkerhedsnet.conftest import World
from sikkerhedsnet.people.models import Guardian, GuardianRelation
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.post.models import Letter, LetterStatus

CPH = ZoneInfo("Europe/Copenhagen")


def _record(world: World, held_on: date) -> DialogueMeeting:
    return dialogue_meeting_record(
        actor=world.colleague,
        child=world.child,
        unit=world.unit,
        held_on=held_on,
        participants=" Mor ",
        staff_view="Trækker sig.",
        parents_view="Sover dårligt.",
        agreed="Vi ses igen.",
    )


def test_a_meeting_is_recorded_with_an_audit_row(world: World) -> None:
    with time_machine.travel(datetime(2026, 11, 2, 10, tzinfo=CPH), tick=False):
        meeting = _record(world, date(2026, 11, 2))
    assert meeting.participants == "Mor"
    assert meeting.recorded_by == world.colleague
    event = AuditEvent.objects.get(event_type="dialogue_meeting.recorded")
    assert (event.subject_id, event.extra["child"]) == (meeting.pk, world.child.pk)


def test_a_meeting_tomorrow_is_refused(world: World) -> None:
    late = time_machine.travel(datetime(2026, 11, 2, 23, 30, tzinfo=CPH), tick=False)
    with late, pytest.raises(DialogueRefused, match="fremtiden"):
        _record(world, date(2026, 11, 3))
    assert not DialogueMeeting.objects.exists()


def test_a_meeting_before_the_birth_is_refused(world: World) -> None:
    with pytest.raises(DialogueRefused, match="før barnets fødsel"):
        _record(world, world.child.birth_date - timedelta(days=1))


# Booked ahead -----------------------------------------------------------------------------------

NOW = datetime(2026, 11, 2, 10, tzinfo=CPH)
STARTS = datetime(2026, 11, 24, 14, tzinfo=CPH)  # a Tuesday
Capture = Callable[..., Any]


@pytest.fixture
def parents(world: World) -> tuple[Guardian, Guardian, Guardian]:
    """Mother and father with parental authority, a stepfather without it."""
    mother = world.child.custodies.get().guardian
    mother.cpr, mother.first_name, mother.address = "0101901234", "Mette", "Engvej 1, 7400 Herning"
    mother.save()
    father = f.CustodyFactory.create(
        child=world.child,
        guardian=f.GuardianFactory.create(first_name="Jens", cpr="0202881234"),
        relation=GuardianRelation.FATHER,
    ).guardian
    stepfather = f.CustodyFactory.create(
        child=world.child,
        guardian=f.GuardianFactory.create(first_name="Ole", cpr="0303851234"),
        relation=GuardianRelation.OTHER,
        has_custody=False,
    ).guardian
    return mother, father, stepfather


def _book(world: World, guardians: list[Guardian], **kwargs: Any) -> DialogueMeeting:
    return dialogue_meeting_book(
        actor=world.colleague,
        child=world.child,
        unit=world.unit,
        starts_at=kwargs.pop("starts_at", STARTS),
        place=kwargs.pop("place", "Solsikken, personalestuen"),
        purpose=kwargs.pop("purpose", "Hvordan Emil har det i legen med de andre børn."),
        guardians=guardians,
        staff=kwargs.pop("staff", [world.colleague, world.owner]),
        others=kwargs.pop("others", "Sundhedsplejerske Hanne"),
        **kwargs,
    )


@time_machine.travel(NOW, tick=False)
def test_booking_sends_each_parent_with_authority_an_invitation_that_is_delivered(
    world: World,
    parents: tuple[Guardian, Guardian, Guardian],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        meeting = _book(world, list(parents))
    meeting.refresh_from_db()
    assert meeting.status == DialogueStatus.PLANNED
    assert (meeting.booked_by, meeting.held_on, meeting.recorded_by) == (
        world.colleague,
        None,
        None,
    )
    assert set(meeting.guardians.all()) == set(parents)
    letters = list(Letter.objects.for_subject(meeting).order_by("recipient_name"))
    # The stepfather takes part but has no parental authority: no letter for him.
    assert [letter.recipient_name for letter in letters] == ["Jens Hansen", "Mette Hansen"]
    assert {letter.kind for letter in letters} == {"collaboration.invitation"}
    assert {letter.title for letter in letters} == {"Invitation til dialogmøde"}
    assert {letter.status for letter in letters} == {LetterStatus.SENT}
    assert all(bytes(letter.pdf).startswith(b"%PDF") for letter in letters)
    assert {letter.child_id for letter in letters} == {world.child.pk}
    event = AuditEvent.objects.get(event_type="dialogue_meeting.booked")
    assert sorted(event.extra["letters"]) == sorted(letter.pk for letter in letters)


@time_machine.travel(NOW, tick=False)
def test_the_invitation_says_why_when_where_who_and_how_to_move_it_in_plain_danish(
    world: World, parents: tuple[Guardian, Guardian, Guardian]
) -> None:
    world.colleague.email, world.colleague.job_title = "bob@solsikken.dk", "Pædagog"
    world.colleague.save()
    mother = parents[0]
    meeting = _book(world, [mother])
    html = dialogue_letter_html(meeting, mother, change="invitation")
    assert "Invitation til et møde om" in html
    assert "Kære Mette Hansen" in html
    assert "Hvordan Emil har det i legen med de andre børn." in html
    assert "Tirsdag den 24.11.2026 kl. 14.00" in html
    assert "Solsikken, personalestuen" in html
    assert "Bob Bruger" in html
    assert "pædagog" in html
    assert "Sundhedsplejerske Hanne" in html
    assert "tage en, du har tillid til, med" in html
    assert "Hvis tidspunktet ikke passer" in html
    assert "bob@solsikken.dk" in html
    assert "Engvej 1, 7400 Herning" in html


@time_machine.travel(NOW, tick=False)
def test_a_meeting_is_booked_ahead_only(world: World) -> None:
    with pytest.raises(DialogueRefused, match="frem i tiden"):
        _book(world, [], starts_at=NOW - timedelta(minutes=1))
    assert not DialogueMeeting.objects.exists()
    assert not Letter.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_only_the_childs_own_parents_and_the_units_staff_can_be_invited(world: World) -> None:
    stranger = f.GuardianFactory.create(first_name="Fremmed")
    with pytest.raises(DialogueRefused, match="barnets forældre"):
        _book(world, [stranger])
    with pytest.raises(DialogueRefused, match="personalet i enheden"):
        _book(world, [], staff=[world.outsider])
    assert not DialogueMeeting.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_moving_sends_a_new_letter_with_the_old_and_the_new_time(
    world: World,
    parents: tuple[Guardian, Guardian, Guardian],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    mother = parents[0]
    meeting = _book(world, [mother])
    later = STARTS + timedelta(days=2, hours=-1)
    with django_capture_on_commit_callbacks(execute=True):
        moved = dialogue_meeting_move(
            actor=world.owner, meeting=meeting, expected_version=1, starts_at=later, place="Stuen"
        )
    assert (moved.starts_at, moved.place, moved.version) == (later, "Stuen", 2)
    newest = Letter.objects.for_subject(meeting).first()
    assert newest is not None
    assert (newest.title, newest.kind, newest.status) == (
        "Nyt tidspunkt for dialogmøde",
        "collaboration.invitation",
        LetterStatus.SENT,
    )
    assert Letter.objects.for_subject(meeting).count() == 2
    html = dialogue_letter_html(moved, mother, change="moved", previous=when_text(STARTS))
    assert "tirsdag den 24.11.2026 kl. 14.00" in html
    assert "Torsdag den 26.11.2026 kl. 13.00" in html
    assert AuditEvent.objects.filter(event_type="dialogue_meeting.moved").exists()


@time_machine.travel(NOW, tick=False)
def test_two_colleagues_moving_at_once_send_one_letter_not_two(
    world: World, parents: tuple[Guardian, Guardian, Guardian]
) -> None:
    meeting = _book(world, [parents[0]])
    dialogue_meeting_move(
        actor=world.owner, meeting=meeting, expected_version=1, starts_at=STARTS, place="Stuen"
    )
    with pytest.raises(DialogueConflict):
        dialogue_meeting_move(
            actor=world.colleague,
            meeting=meeting,
            expected_version=1,
            starts_at=STARTS + timedelta(days=1),
            place="Salen",
        )
    assert Letter.objects.for_subject(meeting).count() == 2  # the invitation and one move
    meeting.refresh_from_db()
    assert meeting.place == "Stuen"


@time_machine.travel(NOW, tick=False)
def test_cancelling_ahead_tells_the_parents(
    world: World, parents: tuple[Guardian, Guardian, Guardian]
) -> None:
    meeting = _book(world, [parents[0]])
    cancelled = dialogue_meeting_cancel(
        actor=world.owner, meeting=meeting, expected_version=1, reason="Vi ringer og finder en tid."
    )
    assert cancelled.status == DialogueStatus.CANCELLED
    assert cancelled.cancelled_at == NOW
    newest = Letter.objects.for_subject(meeting).first()
    assert newest is not None
    assert (newest.kind, newest.title) == ("collaboration.cancellation", "Dialogmødet er aflyst")
    html = dialogue_letter_html(cancelled, parents[0], change="cancelled")
    assert "aflyst" in html
    assert "Vi ringer og finder en tid." in html
    with pytest.raises(DialogueRefused, match="ikke planlagt længere"):
        dialogue_meeting_move(
            actor=world.owner, meeting=meeting, expected_version=2, starts_at=STARTS, place="X"
        )


def test_a_meeting_cancelled_after_its_time_sends_no_letter(
    world: World, parents: tuple[Guardian, Guardian, Guardian]
) -> None:
    with time_machine.travel(NOW, tick=False):
        meeting = _book(world, [parents[0]])
    with time_machine.travel(STARTS + timedelta(hours=3), tick=False):
        dialogue_meeting_cancel(
            actor=world.owner, meeting=meeting, expected_version=1, reason="Ingen kom."
        )
    assert Letter.objects.for_subject(meeting).count() == 1  # the invitation only


def _record_booked(world: World, meeting: DialogueMeeting, held_on: date) -> DialogueMeeting:
    return dialogue_meeting_record_booked(
        actor=world.colleague,
        meeting=meeting,
        expected_version=meeting.version,
        held_on=held_on,
        participants="Mor, pædagog Bob",
        staff_view="Trækker sig.",
        parents_view="Sover dårligt.",
        agreed=" Vi laver en handleplan. ",
    )


def test_the_record_is_written_on_the_booked_meeting_from_its_day(
    world: World, parents: tuple[Guardian, Guardian, Guardian]
) -> None:
    with time_machine.travel(NOW, tick=False):
        meeting = _book(world, [parents[0]])
    with (
        time_machine.travel(STARTS - timedelta(hours=15), tick=False),
        pytest.raises(DialogueRefused, match="først skrives på mødedagen"),
    ):
        _record_booked(world, meeting, date(2026, 11, 23))
    with time_machine.travel(STARTS + timedelta(hours=1), tick=False):
        held = _record_booked(world, meeting, date(2026, 11, 24))
    assert held.pk == meeting.pk
    assert DialogueMeeting.objects.count() == 1
    assert (held.status, held.held_on, held.agreed) == (
        DialogueStatus.HELD,
        date(2026, 11, 24),
        "Vi laver en handleplan.",
    )
    assert (held.recorded_by, held.starts_at, held.booked_by) == (
        world.colleague,
        STARTS,
        world.colleague,
    )
    event = AuditEvent.objects.get(event_type="dialogue_meeting.recorded")
    assert event.extra["booked"] is True
    with (
        time_machine.travel(STARTS + timedelta(hours=2), tick=False),
        pytest.raises(DialogueRefused, match="ikke planlagt længere"),
    ):
        _record_booked(world, held, date(2026, 11, 24))
