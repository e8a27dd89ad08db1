"""The pages of a dialogue meeting booked ahead: access for owner, colleague and outsider, the
booking with its invitations, the letters' PDF, moving, cancelling and the record afterwards."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from django.test import Client

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.collaboration.models import DialogueMeeting, DialogueStatus
from sikkerhedsnet.collaboration.services.dialogue import dialogue_meeting_book
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.people.models import Guardian
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.post.models import Letter
from sikkerhedsnet.screening.models import Position
from sikkerhedsnet.screening.tests.factories import ScreeningFactory

TODAY = date(2026, 11, 2)
STARTS = datetime(2026, 11, 24, 14, tzinfo=COPENHAGEN)
pytestmark = pytest.mark.usefixtures("today")
Capture = Callable[..., Any]


@pytest.fixture
def mother(world: World) -> Guardian:
    guardian = world.child.custodies.get().guardian
    guardian.cpr, guardian.first_name = "0101901234", "Mette"
    guardian.save()
    return guardian


@pytest.fixture
def meeting(world: World, mother: Guardian) -> DialogueMeeting:
    return dialogue_meeting_book(
        actor=world.colleague,
        child=world.child,
        unit=world.unit,
        starts_at=STARTS,
        place="Stuen",
        purpose="Emils trivsel.",
        guardians=[mother],
        staff=[world.colleague],
    )


def _base(world: World, meeting: DialogueMeeting) -> str:
    return f"/boern/{world.child.pk}/dialogmoeder/{meeting.pk}/"


def _text(response: Any) -> str:
    return str(response.content.decode())


def test_it_requires_access(world: World, meeting: DialogueMeeting) -> None:
    base = _base(world, meeting)
    letter = Letter.objects.for_subject(meeting).get()
    urls = [
        f"/boern/{world.child.pk}/dialogmoeder/planlaeg/",
        base,
        f"{base}flyt/",
        f"{base}aflys/",
        f"{base}referat/",
        f"{base}breve/{letter.pk}.pdf",
    ]
    for url in urls:
        assert client_for(world.owner).get(url).status_code == 200, url
        assert client_for(world.colleague).get(url).status_code == 200, url
        assert client_for(world.outsider).get(url).status_code == 404, url
        assert Client().get(url).status_code == 302, url
    for url in urls[2:5]:
        assert client_for(world.outsider).post(url, {"version": "1"}).status_code == 404, url
    meeting.refresh_from_db()
    assert (meeting.status, meeting.version) == (DialogueStatus.PLANNED, 1)


def test_booking_from_a_position_invites_the_parents_and_shows_the_letter(
    world: World, mother: Guardian, django_capture_on_commit_callbacks: Capture
) -> None:
    red = ScreeningFactory.create(
        child=world.child, unit=world.unit, screened_on=TODAY, position=Position.RED
    )
    url = f"/boern/{world.child.pk}/dialogmoeder/planlaeg/?position={red.pk}"
    client = client_for(world.colleague)
    form = _text(client.get(url))
    assert "Mette Hansen (mor)" in form
    [box] = re.findall(r'<input[^>]*name="guardians"[^>]*>', form)
    assert f'value="{mother.pk}"' in box
    assert "checked" in box
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "day": "24.11.2026",
                "start_time": "14.00",
                "place": "Solsikken, stuen",
                "purpose": "Hvordan Emil har det.",
                "guardians": [mother.pk],
                "staff": [world.colleague.pk, world.owner.pk],
                "others": "",
            },
        )
    meeting = DialogueMeeting.objects.get()
    assert response["Location"] == _base(world, meeting)
    response = client.get(response["Location"])
    assert (meeting.status, meeting.screening, meeting.starts_at) == (
        DialogueStatus.PLANNED,
        red,
        STARTS,
    )
    assert set(meeting.staff.all()) == {world.colleague, world.owner}
    page = _text(response)
    assert "Invitationen er sendt til 1 forælder." in page
    assert "Tirsdag den 24.11.2026 kl. 14.00" in page
    letter = Letter.objects.for_subject(meeting).get()
    assert f"{_base(world, meeting)}breve/{letter.pk}.pdf" in page
    assert "Sendt" in page
    assert "Skriv referat" not in page  # from the meeting's day
    pdf = client.get(f"{_base(world, meeting)}breve/{letter.pk}.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_a_time_in_the_past_is_refused_at_the_field(world: World, mother: Guardian) -> None:
    response = client_for(world.colleague).post(
        f"/boern/{world.child.pk}/dialogmoeder/planlaeg/",
        {
            "day": "01.11.2026",
            "start_time": "14.00",
            "place": "Stuen",
            "purpose": "Trivsel",
            "guardians": [mother.pk],
            "staff": [world.colleague.pk],
        },
    )
    assert "Vælg en dato og et tidspunkt frem i tiden." in _text(response)
    assert not DialogueMeeting.objects.exists()


def test_a_letter_of_another_meeting_is_missing_here(
    world: World, meeting: DialogueMeeting, mother: Guardian
) -> None:
    other = dialogue_meeting_book(
        actor=world.owner,
        child=world.child,
        unit=world.unit,
        starts_at=STARTS,
        place="Salen",
        purpose="Noget andet.",
        guardians=[mother],
        staff=[],
    )
    letter = Letter.objects.for_subject(other).get()
    url = f"{_base(world, meeting)}breve/{letter.pk}.pdf"
    assert client_for(world.owner).get(url).status_code == 404


def test_the_letter_pdf_is_a_logged_read_of_the_child(
    world: World, meeting: DialogueMeeting
) -> None:
    letter = Letter.objects.for_subject(meeting).get()
    client_for(world.owner).get(f"{_base(world, meeting)}breve/{letter.pk}.pdf")
    assert AccessLog.objects.filter(
        user=world.owner, child=world.child, shown="Dialogmøde: brev til forældrene"
    ).exists()


def test_moving_from_the_page_sends_a_new_letter(world: World, meeting: DialogueMeeting) -> None:
    response = client_for(world.owner).post(
        f"{_base(world, meeting)}flyt/",
        {"version": "1", "day": "26.11.2026", "start_time": "9.30", "place": "Stuen"},
        follow=True,
    )
    assert "Mødet er flyttet." in _text(response)
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime(2026, 11, 26, 9, 30, tzinfo=COPENHAGEN)
    assert Letter.objects.for_subject(meeting).count() == 2


def test_a_stale_move_is_refused_and_says_a_colleague_changed_it(
    world: World, meeting: DialogueMeeting
) -> None:
    DialogueMeeting.objects.filter(pk=meeting.pk).update(version=2)
    response = client_for(world.owner).post(
        f"{_base(world, meeting)}flyt/",
        {"version": "1", "day": "26.11.2026", "start_time": "9.30", "place": "Stuen"},
        follow=True,
    )
    assert "En kollega har netop ændret mødet" in _text(response)
    assert Letter.objects.for_subject(meeting).count() == 1


def test_cancelling_from_the_page(world: World, meeting: DialogueMeeting) -> None:
    response = client_for(world.colleague).post(
        f"{_base(world, meeting)}aflys/", {"version": "1", "reason": "Vi ringer."}, follow=True
    )
    page = _text(response)
    assert "Mødet er aflyst." in page
    assert "Aflyst" in page
    meeting.refresh_from_db()
    assert meeting.status == DialogueStatus.CANCELLED
    # A cancelled meeting cannot be moved or recorded.
    response = client_for(world.colleague).get(f"{_base(world, meeting)}referat/", follow=True)
    assert "kan ikke ændres" in _text(response)


def test_the_record_is_written_on_the_same_meeting_on_its_day(
    world: World, meeting: DialogueMeeting
) -> None:
    with time_machine.travel(datetime(2026, 11, 24, 15, 30, tzinfo=COPENHAGEN), tick=False):
        client = client_for(world.colleague)
        detail = _text(client.get(_base(world, meeting)))
        assert f"{_base(world, meeting)}referat/" in detail
        form = _text(client.get(f"{_base(world, meeting)}referat/"))
        assert 'value="24.11.2026"' in form
        assert "Mette Hansen" in form  # the invited, as the start of the participants
        response = client.post(
            f"{_base(world, meeting)}referat/",
            {
                "version": "1",
                "held_on": "24.11.2026",
                "participants": "Mette Hansen, pædagog Bob",
                "staff_view": "Trækker sig.",
                "parents_view": "Sover dårligt.",
                "agreed": "Vi laver en handleplan.",
            },
            follow=True,
        )
    assert "Referatet er gemt." in _text(response)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.agreed, meeting.recorded_by) == (
        DialogueStatus.HELD,
        "Vi laver en handleplan.",
        world.colleague,
    )
    assert DialogueMeeting.objects.count() == 1


def test_the_child_page_lists_the_planned_meeting_and_both_ways_to_record(
    world: World, meeting: DialogueMeeting
) -> None:
    page = _text(client_for(world.owner).get(f"/boern/{world.child.pk}/"))
    assert "Planlagte dialogmøder" in page
    assert _base(world, meeting) in page
    assert f"/boern/{world.child.pk}/dialogmoeder/planlaeg/" in page
    assert f"/boern/{world.child.pk}/dialogmoeder/ny/" in page
    # Not held yet, so not history: the timeline leaves it out.
    timeline = page.split('id="timeline"')[1]
    assert _base(world, meeting) not in timeline


def test_a_guardian_of_another_child_cannot_be_posted(world: World, mother: Guardian) -> None:
    stranger = f.GuardianFactory.create()
    response = client_for(world.colleague).post(
        f"/boern/{world.child.pk}/dialogmoeder/planlaeg/",
        {
            "day": "24.11.2026",
            "start_time": "14.00",
            "place": "Stuen",
            "purpose": "Trivsel",
            "guardians": [stranger.pk],
            "staff": [world.colleague.pk],
        },
    )
    assert "Vælg en af mulighederne." in _text(response)
    assert not DialogueMeeting.objects.exists()
