"""The meeting pages: access, anonymity on every page, minutes with compare-and-set, bad input."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    CollaborationMeeting,
    Consent,
    MeetingOutcome,
    MeetingSeries,
)
from sikkerhedsnet.collaboration.selectors.meetings import upcoming_meetings
from sikkerhedsnet.collaboration.tests.factories import (
    Meetings,
    at,
    make_agenda_item,
    make_meetings,
)
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.lib.tests.choices import assert_design_system_group
from sikkerhedsnet.people.models import Role

NOW = at(2026, 11, 10, 9)


TODAY = NOW
pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def held(world: World) -> Meetings:
    """A meeting held this morning."""
    return make_meetings(world, at(2026, 11, 10, 8))


def _meeting_url(meeting: CollaborationMeeting) -> str:
    return reverse("collaboration:meeting_detail", args=[meeting.pk])


# Access ----------------------------------------------------------------------------------------


def test_it_requires_access(world: World, held: Meetings) -> None:
    item = make_agenda_item(held.meeting, world.child, world.colleague, world)
    urls = [
        _meeting_url(held.meeting),
        reverse("collaboration:meeting_print", args=[held.meeting.pk, "referat"]),
        reverse("collaboration:meeting_pdf", args=[held.meeting.pk, "dagsorden"]),
        reverse("collaboration:series_detail", args=[held.series.pk]),
    ]
    for user in (world.outsider, held.non_member_ppr):
        client = client_for(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
        minutes_url = reverse("collaboration:agenda_item_minutes", args=[held.meeting.pk, item.pk])
        assert client.post(minutes_url, {}).status_code == 404
    assert not AccessLog.objects.filter(user=world.outsider).exists()
    assert client_for(world.colleague).get(_meeting_url(held.meeting)).status_code == 200


def test_login_is_required(world: World, held: Meetings) -> None:
    response = Client().get(_meeting_url(held.meeting))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_unknown_print_kind_is_404(world: World, held: Meetings) -> None:
    url = reverse("collaboration:meeting_print", args=[held.meeting.pk, "andet"])
    assert client_for(world.owner).get(url).status_code == 404


def test_series_creation_is_for_leders_and_administrators(world: World) -> None:
    url = reverse("collaboration:series_create")
    assert client_for(world.colleague).get(url).status_code == 404
    assert client_for(world.owner).get(url).status_code == 200
    assert client_for(world.role_users[Role.ADMINISTRATOR]).get(url).status_code == 200


def test_the_put_forward_page_requires_the_child(world: World, held: Meetings) -> None:
    url = reverse("collaboration:put_forward", args=[world.child.pk])
    assert client_for(world.outsider).get(url).status_code == 404
    assert client_for(world.role_users[Role.INTAKE]).get(url).status_code == 404
    assert client_for(world.colleague).get(url).status_code == 200


# Series and scheduling -------------------------------------------------------------------------


def test_a_leder_creates_a_series_and_schedules_meetings(world: World) -> None:
    ppr = world.role_users[Role.PPR]
    client = client_for(world.owner)
    response = client.post(
        reverse("collaboration:series_create"),
        {
            "name": "Lokalisering Solsikken",
            "covers": f"unit:{world.unit.pk}",
            "standing_members": [world.owner.pk, ppr.pk],
            "interval_weeks": "6",
            "location": "Personalestuen",
        },
    )
    series = MeetingSeries.objects.get()
    assert response.status_code == 302
    assert series.unit == world.unit
    assert set(series.standing_members.all()) == {world.owner, ppr}
    url = reverse("collaboration:series_detail", args=[series.pk])
    response = client.post(
        url, {"first_day": "24.11.2026", "start_time": "13.30", "count": "2", "location": ""}
    )
    assert response.status_code == 302
    first, second = CollaborationMeeting.objects.order_by("starts_at")
    assert first.starts_at == at(2026, 11, 24, 13).replace(minute=30)
    assert second.starts_at == at(2027, 1, 5, 13).replace(minute=30)
    assert first.location == "Personalestuen"


def test_a_leder_may_not_create_a_series_for_another_unit(world: World) -> None:
    response = client_for(world.owner).post(
        reverse("collaboration:series_create"),
        {
            "name": "Fremmed",
            "covers": f"unit:{world.other_unit.pk}",
            "standing_members": [world.owner.pk],
            "interval_weeks": "6",
        },
    )
    assert response.status_code == 200
    assert not MeetingSeries.objects.exists()
    assert "Vælg en af mulighederne." in response.content.decode()


def test_bad_series_input_is_explained_in_danish(world: World) -> None:
    response = client_for(world.owner).post(
        reverse("collaboration:series_create"),
        {"name": "", "covers": "", "interval_weeks": "nul", "standing_members": ["abc"]},
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Skriv et navn på mødeserien." in text
    assert "Vælg den enhed eller det distrikt, mødet dækker." in text
    assert "Skriv antal uger som et helt tal, fx 6." in text


def test_bad_schedule_input_is_explained_in_danish(world: World, held: Meetings) -> None:
    url = reverse("collaboration:series_detail", args=[held.series.pk])
    client = client_for(world.owner)
    text = client.post(url, {"first_day": "31.02.2026", "start_time": "25.99"}).content.decode()
    assert "Skriv datoen som DD.MM.ÅÅÅÅ, fx 22.11.2026." in text
    assert "Skriv klokkeslættet som TT.MM, fx 13.00." in text
    past = client.post(url, {"first_day": "01.11.2026", "start_time": "13.00", "count": "1"})
    assert "Vælg en dato og et tidspunkt frem i tiden." in past.content.decode()
    many = client.post(url, {"first_day": "01.12.2026", "start_time": "13.00", "count": "40"})
    assert "højst 12 møder" in many.content.decode()


def test_a_colleague_cannot_schedule(world: World, held: Meetings) -> None:
    url = reverse("collaboration:series_detail", args=[held.series.pk])
    response = client_for(world.colleague).post(
        url, {"first_day": "01.12.2026", "start_time": "13.00", "count": "1"}
    )
    assert response.status_code == 404


# Putting a child forward -----------------------------------------------------------------------


@pytest.fixture
def coming(world: World) -> Meetings:
    return make_meetings(world, at(2026, 11, 24, 13))


def _put_forward(world: World, meeting: CollaborationMeeting, **data: Any) -> Any:
    url = reverse("collaboration:put_forward", args=[world.child.pk])
    body = {"meeting": meeting.pk, "concern": "Trækker sig.", **data}
    return client_for(world.colleague).post(url, body)


def test_the_form_suggests_an_anonymous_description(world: World, coming: Meetings) -> None:
    url = reverse("collaboration:put_forward", args=[world.child.pk])
    text = client_for(world.colleague).get(url).content.decode()
    age = world.child.age_on(NOW.date())
    assert f'value="{world.child.get_sex_display()}, {age} år"' in text
    assert "Lokalisering Solsikken" in text


def test_put_forward_with_consent(world: World, coming: Meetings) -> None:
    response = _put_forward(world, coming.meeting, consent="given", parents_invited="on")
    item = AgendaItem.objects.get()
    assert item.child == world.child
    assert item.parents_invited
    assert response["Location"].endswith(f"#punkt-{item.pk}")


def test_put_forward_bad_input_is_explained_in_danish(world: World, coming: Meetings) -> None:
    url = reverse("collaboration:put_forward", args=[world.child.pk])
    client = client_for(world.colleague)
    text = client.post(url, {"meeting": "999", "concern": ""}).content.decode()
    assert "Vælg en af mulighederne." in text
    assert "Skriv, hvad I vil drøfte." in text
    assert "Vælg, om forældrene har givet samtykke." in text
    text = _put_forward(
        world, coming.meeting, consent="not_given", anonymous_description=""
    ).content.decode()
    assert "Skriv en anonym beskrivelse, når forældrene ikke har givet samtykke." in text
    assert not AgendaItem.objects.exists()


def test_a_meeting_of_another_unit_is_not_offered(world: World, coming: Meetings) -> None:
    other = MeetingSeries.objects.create(name="Mælkebøtten", unit=world.other_unit)
    meeting = CollaborationMeeting.objects.create(series=other, starts_at=at(2026, 11, 25))
    response = _put_forward(world, meeting, consent="given")
    assert response.status_code == 200
    assert not AgendaItem.objects.exists()


def test_without_consent_the_child_is_nowhere_on_agenda_print_or_minutes(
    world: World, coming: Meetings, time_machine: Any, monkeypatch: Any
) -> None:
    _put_forward(world, coming.meeting, consent="not_given", anonymous_description="Pige, 5 år")
    item = AgendaItem.objects.get()
    assert item.child is None
    assert item.consent == Consent.NOT_GIVEN
    time_machine.move_to(at(2026, 11, 24, 15), tick=False)
    client = client_for(world.owner)
    minutes_url = reverse("collaboration:agenda_item_minutes", args=[coming.meeting.pk, item.pk])
    client.post(
        minutes_url,
        {
            f"punkt{item.pk}-minutes": "Råd: tal med forældrene igen.",
            f"punkt{item.pk}-outcome": "notification",
            f"punkt{item.pk}-version": "1",
        },
    )
    item.refresh_from_db()
    assert item.minutes
    assert item.notification is None
    assert not Notification.objects.exists()

    captured: list[str] = []

    def fake_pdf(html: str) -> bytes:
        captured.append(html)
        return b"%PDF-"

    monkeypatch.setattr("sikkerhedsnet.lib.letters.render_pdf", fake_pdf)
    pages = [
        client.get(_meeting_url(coming.meeting)).content.decode(),
        client.get(
            reverse("collaboration:meeting_print", args=[coming.meeting.pk, "dagsorden"])
        ).content.decode(),
        client.get(
            reverse("collaboration:meeting_print", args=[coming.meeting.pk, "referat"])
        ).content.decode(),
    ]
    for kind in ("dagsorden", "referat"):
        client.get(reverse("collaboration:meeting_pdf", args=[coming.meeting.pk, kind]))
    pages += captured
    child = world.child
    secrets = [child.first_name, child.last_name, child.cpr, child.cpr_masked, child.cpr_formatted]
    for page in pages:
        assert "Pige, 5 år" in page
        for secret in secrets:
            assert secret not in page
    assert "Råd: tal med forældrene igen." in pages[2]
    assert "Råd: tal med forældrene igen." in pages[4]
    assert not AccessLog.objects.filter(child=child, user=world.owner).exists()


# The meeting page and minutes -----------------------------------------------------------------


def test_the_agenda_shows_masked_cpr_and_logs_the_read(world: World, held: Meetings) -> None:
    make_agenda_item(held.meeting, world.child, world.colleague, world)
    text = client_for(held.ppr).get(_meeting_url(held.meeting)).content.decode()
    assert world.child.cpr_masked in text
    assert world.child.cpr_formatted not in text
    assert reverse("people:child_detail", args=[world.child.pk]) in text
    log = AccessLog.objects.get(user=held.ppr, child=world.child)
    assert log.shown == "Tværfagligt møde 10.11.2026"
    assert log.basis == "Fast deltager i det tværfaglige møde"


def test_no_child_link_for_a_viewer_who_may_not_open_it(world: World) -> None:
    # A district meeting: the colleague sees the agenda but not a child of another unit.
    world.other_unit.district = world.unit.district
    world.other_unit.save()
    series = MeetingSeries.objects.create(name="Nord", district=world.unit.district)
    meeting = CollaborationMeeting.objects.create(series=series, starts_at=at(2026, 11, 10, 8))
    make_agenda_item(meeting, world.other_child, world.outsider, world)
    text = client_for(world.colleague).get(_meeting_url(meeting)).content.decode()
    assert world.other_child.first_name in text
    assert reverse("people:child_detail", args=[world.other_child.pk]) not in text


def _minutes(item: AgendaItem, version: int, text: str, outcome: str = "") -> dict[str, str]:
    prefix = f"punkt{item.pk}"
    return {
        f"{prefix}-minutes": text,
        f"{prefix}-outcome": outcome,
        f"{prefix}-version": str(version),
    }


def test_minutes_and_the_notification_outcome(world: World, held: Meetings) -> None:
    item = make_agenda_item(held.meeting, world.child, world.colleague, world)
    url = reverse("collaboration:agenda_item_minutes", args=[held.meeting.pk, item.pk])
    response = client_for(held.ppr).post(
        url, _minutes(item, 1, "Vi underretter.", MeetingOutcome.NOTIFICATION)
    )
    assert response.status_code == 302
    item.refresh_from_db()
    notification = Notification.objects.get()
    assert item.notification == notification
    assert notification.notifier_user == held.ppr
    page = client_for(held.ppr).get(_meeting_url(held.meeting)).content.decode()
    assert notification.reference in page


def test_the_second_save_is_refused_and_her_text_kept(world: World, held: Meetings) -> None:
    item = make_agenda_item(held.meeting, world.child, world.colleague, world)
    url = reverse("collaboration:agenda_item_minutes", args=[held.meeting.pk, item.pk])
    first = client_for(world.owner).post(url, _minutes(item, 1, "Alice skrev først."))
    assert first.status_code == 302
    second = client_for(held.ppr).post(url, _minutes(item, 1, "Petras egen tekst."))
    text = second.content.decode()
    assert second.status_code == 409
    assert "Dit referat er ikke gemt" in text
    assert "Alice skrev først." in text
    assert "Petras egen tekst." in text
    assert f'name="punkt{item.pk}-version" value="2"' in text
    item.refresh_from_db()
    assert item.minutes == "Alice skrev først."
    again = client_for(held.ppr).post(url, _minutes(item, 2, "Petras egen tekst."))
    assert again.status_code == 302


def test_empty_minutes_are_explained_in_danish(world: World, held: Meetings) -> None:
    item = make_agenda_item(held.meeting, world.child, world.colleague, world)
    url = reverse("collaboration:agenda_item_minutes", args=[held.meeting.pk, item.pk])
    response = client_for(world.owner).post(url, _minutes(item, 1, "", "ukendt"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Skriv referatet af punktet." in text
    assert "Vælg en af mulighederne." in text
    broken = client_for(world.owner).post(url, {f"punkt{item.pk}-minutes": "x"})
    assert broken.status_code == 200


def test_the_child_page_shows_the_meeting_and_the_action(world: World, held: Meetings) -> None:
    make_agenda_item(held.meeting, world.child, world.colleague, world)
    url = reverse("people:child_detail", args=[world.child.pk])
    text = client_for(world.colleague).get(url).content.decode()
    assert "Lokalisering Solsikken" in text
    assert "Sæt på tværfagligt møde" in text
    response = client_for(world.role_users[Role.INTAKE]).get(url)
    assert response.status_code == 404  # intake sees no child without a notification


def test_the_minutes_as_pdf(world: World, held: Meetings) -> None:
    make_agenda_item(held.meeting, world.child, world.colleague, world, minutes="Drøftet.")
    url = reverse("collaboration:meeting_pdf", args=[held.meeting.pk, "referat"])
    response = client_for(world.owner).get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert 'filename="referat-2026-11-10.pdf"' in response["Content-Disposition"]
    assert AccessLog.objects.filter(
        user=world.owner, child=world.child, shown="Tværfagligt møde 10.11.2026, udskrift"
    ).exists()


def test_the_leder_changes_the_standing_members(world: World, held: Meetings) -> None:
    url = reverse("collaboration:series_members", args=[held.series.pk])
    assert client_for(world.colleague).get(url).status_code == 404
    assert client_for(held.ppr).get(url).status_code == 404
    client = client_for(world.owner)
    assert client.post(url, {"standing_members": []}).status_code == 200
    response = client.post(url, {"standing_members": [world.owner.pk, held.non_member_ppr.pk]})
    assert response.status_code == 302
    assert set(held.series.standing_members.all()) == {world.owner, held.non_member_ppr}
    assert client_for(held.ppr).get(_meeting_url(held.meeting)).status_code == 404


def test_the_list_keeps_todays_meeting_after_it_has_started(world: World) -> None:
    m = make_meetings(world, at(2026, 11, 24, 9))
    yesterday = CollaborationMeeting.objects.create(series=m.series, starts_at=at(2026, 11, 23))
    with time_machine.travel(at(2026, 11, 24, 11), tick=False):
        shown = list(upcoming_meetings(m.ppr))
    assert m.meeting in shown
    assert yesterday not in shown


# Radio and checkbox groups (issue 13) ---------------------------------------------------------


def test_the_minutes_outcome_is_radio_buttons_and_stays_chosen_after_an_error(
    world: World, held: Meetings
) -> None:
    """The outcome showed as empty text boxes (form-input): the chosen one could not be seen."""
    item = make_agenda_item(held.meeting, world.child, world.colleague, world)
    name = f"punkt{item.pk}-outcome"
    page = client_for(held.ppr).get(_meeting_url(held.meeting)).content
    assert_design_system_group(page, name, "radio", {""})  # "Ikke afgjort endnu"
    url = reverse("collaboration:agenda_item_minutes", args=[held.meeting.pk, item.pk])
    response = client_for(held.ppr).post(url, _minutes(item, 1, "", MeetingOutcome.NOTIFICATION))
    assert "Skriv referatet af punktet." in response.content.decode()
    assert_design_system_group(response.content, name, "radio", {MeetingOutcome.NOTIFICATION})


def test_the_consent_is_radio_buttons_and_stays_chosen_after_an_error(
    world: World, coming: Meetings
) -> None:
    url = reverse("collaboration:put_forward", args=[world.child.pk])
    assert_design_system_group(
        client_for(world.colleague).get(url).content, "consent", "radio", set()
    )
    response = _put_forward(world, coming.meeting, consent="not_given", anonymous_description="")
    assert "Skriv en anonym beskrivelse" in response.content.decode()
    assert_design_system_group(response.content, "consent", "radio", {"not_given"})


def test_the_standing_members_are_checkboxes_and_stay_ticked_after_an_error(world: World) -> None:
    ppr = world.role_users[Role.PPR]
    client = client_for(world.owner)
    url = reverse("collaboration:series_create")
    assert_design_system_group(client.get(url).content, "standing_members", "checkbox", set())
    response = client.post(
        url,
        {"name": "", "covers": f"unit:{world.unit.pk}", "standing_members": [ppr.pk]},
    )
    assert "Skriv et navn på mødeserien." in response.content.decode()
    assert_design_system_group(response.content, "standing_members", "checkbox", {str(ppr.pk)})
