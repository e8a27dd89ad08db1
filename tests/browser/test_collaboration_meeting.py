"""A leder creates a meeting series and a meeting; a professional puts a red child forward with
the parents' consent; a standing member (PPR) writes the minutes and records a notification to
intake. Every page on the way is checked by axe-core (conftest.Tab)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone

from sikkerhedsnet.collaboration.models import AgendaItem, CollaborationMeeting, MeetingOutcome
from sikkerhedsnet.intake.models import Channel, Notification
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.models import Position
from sikkerhedsnet.screening.tests.factories import ScreeningFactory
from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form button[type=submit]"


@dataclass(frozen=True)
class Cast:
    town: Town
    pedagogue: User
    psychologist: User


@pytest.fixture
def cast(town: Town) -> Cast:
    pedagogue = f.staff(Role.PROFESSIONAL, town.unit, username="bent", first_name="Bent")
    psychologist = f.staff(Role.PPR, username="petra", first_name="Petra")
    ScreeningFactory.create(
        child=town.child,
        unit=town.unit,
        position=Position.RED,
        screened_on=timezone.localdate() - timedelta(days=3),
    )
    return Cast(town, pedagogue, psychologist)


def _click_label_of(tab: Tab, selector: str) -> None:
    input_id = tab.page.locator(selector).get_attribute("id")
    tab.page.click(f"label[for='{input_id}']")


def _leder_creates_series_and_meeting(tab: Tab, cast: Cast) -> CollaborationMeeting:
    town = cast.town
    tab.log_in(town.leader.username)
    tab.click("nav a[href='/tvaerfaglige-moeder/']")
    tab.click("main a[href='/tvaerfaglige-moeder/serier/ny/']")
    page = tab.page
    # Bad input first: the error state is accessible too.
    tab.click(SUBMIT)
    assert "Skriv et navn på mødeserien." in page.locator("main").inner_text()
    page.fill("#id_name", "Lokalisering Solsikken")
    page.select_option("#id_covers", f"unit:{town.unit.pk}")
    for member in (town.leader, cast.psychologist):
        _click_label_of(tab, f"input[name=standing_members][value='{member.pk}']")
    tab.submit(SUBMIT, {"#id_location": "Personalestuen"})
    assert "Mødeserien er oprettet." in page.locator("main").inner_text()

    tomorrow = timezone.localdate() + timedelta(days=1)
    tab.submit(
        SUBMIT,
        {"#id_first_day": tomorrow.strftime("%d.%m.%Y"), "#id_start_time": "13.00"},
    )
    assert "1 møde er planlagt." in page.locator("main").inner_text()
    return CollaborationMeeting.objects.get()


def _professional_puts_the_child_forward(tab: Tab, cast: Cast) -> AgendaItem:
    child = cast.town.child
    tab.log_in(cast.pedagogue.username)
    tab.goto(f"/boern/{child.pk}/")
    tab.click(f"main a[href='/boern/{child.pk}/tvaerfagligt-moede/']")
    page = tab.page
    page.select_option("#id_meeting", index=1)
    page.fill("#id_concern", "Emil er rød i vurderingen og trækker sig fra de andre børn.")
    page.click("label[for='id_consent_0']")  # samtykke givet
    page.click("label[for='id_parents_invited']")
    tab.click(SUBMIT)
    item = AgendaItem.objects.get()
    assert item.child == child
    main = page.locator("main").inner_text()
    assert "Barnet er sat på dagsordenen." in main
    assert "Emil Larsen" in main
    return item


def test_a_red_child_at_a_cross_disciplinary_meeting(new_tab: NewTab, cast: Cast) -> None:
    meeting = _leder_creates_series_and_meeting(new_tab(), cast)
    item = _professional_puts_the_child_forward(new_tab(), cast)

    # The meeting is held this morning.
    meeting.starts_at = timezone.now() - timedelta(hours=1)
    meeting.save()

    tab = new_tab()
    tab.log_in(cast.psychologist.username)
    tab.click("nav a[href='/tvaerfaglige-moeder/']")
    tab.goto(f"/tvaerfaglige-moeder/{meeting.pk}/")
    page = tab.page
    section = page.locator(f"#punkt-{item.pk}")
    assert "Emil Larsen" in section.inner_text()
    assert cast.town.child.cpr_masked in section.inner_text()
    prefix = f"punkt{item.pk}"
    page.fill(f"#id_{prefix}-minutes", "Bekymringen deles. Vi underretter i dag.")
    page.click(f"label[for='id_{prefix}-outcome_4']")  # Underretning til visitationen
    tab.click(f"#punkt-{item.pk} button[type=submit]")

    item.refresh_from_db()
    assert item.outcome == MeetingOutcome.NOTIFICATION
    notification = Notification.objects.get()
    assert item.notification == notification
    assert notification.channel == Channel.MEETING
    assert notification.notifier_user == cast.psychologist
    main = page.locator("main").inner_text()
    assert f"underretningen {notification.reference} er sendt" in main

    tab.click(f"main a[href='/tvaerfaglige-moeder/{meeting.pk}/referat/']")
    sheet = page.locator("main").inner_text()
    assert "Bekymringen deles." in sheet
    assert notification.reference in sheet

    # The child's page shows the meeting to the standing member, who may now open it.
    tab.goto(f"/boern/{cast.town.child.pk}/")
    assert "Lokalisering Solsikken" in page.locator("main").inner_text()
