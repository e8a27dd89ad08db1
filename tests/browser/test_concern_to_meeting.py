"""Acting on a concern from start to end, through the real pages: a professional sees a red joint
position on the round page, records a dialogue meeting with the parents from it, makes a unit
plan with an action, and puts the child on the next cross-disciplinary meeting with the parents'
consent; a PPR psychologist, standing member of the series, writes the minutes and notifies
intake, whose queue then has the notification; the professional's timeline of the child shows
the dialogue meeting, the plan and the meeting. A second test puts the child forward without
consent: the agenda never names the child. Every page on the way is checked by axe-core
(conftest.Tab)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    CollaborationMeeting,
    Consent,
    DialogueMeeting,
    MeetingOutcome,
    UnitPlan,
)
from sikkerhedsnet.collaboration.services.meetings import meeting_series_create, meetings_schedule
from sikkerhedsnet.intake.models import Channel, Notification
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.models import Position, Screening
from sikkerhedsnet.screening.tests.factories import ScreeningFactory
from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form button[type=submit]"
SERIES = "Lokalisering Solsikken"


@dataclass(frozen=True)
class Start:
    town: Town
    pedagogue: User
    psychologist: User
    social_worker: User
    red: Screening
    next_meeting: CollaborationMeeting
    later_meeting: CollaborationMeeting


@pytest.fixture
def start(town: Town) -> Start:
    """The starting data: the round's red joint position, and a series with two coming meetings.

    Built with factories and the services, as the leder's pages for the series are the subject
    of test_collaboration_meeting.py; here the flow starts where the concern does.
    """
    pedagogue = f.staff(Role.PROFESSIONAL, town.unit, username="bent", first_name="Bent")
    psychologist = f.staff(Role.PPR, username="petra", first_name="Petra")
    social_worker = f.staff(Role.INTAKE, username="ingrid", first_name="Ingrid")
    red = ScreeningFactory.create(
        child=town.child,
        unit=town.unit,
        screened_on=timezone.localdate(),
        position=Position.RED,
        reason="Trækker sig fra legen",
        recorded_by=town.leader,
    )
    series = meeting_series_create(
        actor=town.leader,
        name=SERIES,
        unit=town.unit,
        district="",
        standing_members=[town.leader, psychologist, social_worker],
        interval_weeks=6,
        location="Personalestuen",
    )
    in_two_days = timezone.localdate() + timedelta(days=2)
    next_meeting, later_meeting = meetings_schedule(
        actor=town.leader,
        series=series,
        first_starts_at=datetime.combine(in_two_days, time(13), COPENHAGEN),
        count=2,
        location="",
    )
    return Start(town, pedagogue, psychologist, social_worker, red, next_meeting, later_meeting)


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d.%m.%Y")


def _click_label_of(tab: Tab, selector: str) -> None:
    input_id = tab.page.locator(selector).get_attribute("id")
    tab.page.click(f"label[for='{input_id}']")


def _main(tab: Tab) -> str:
    return tab.page.locator("main").inner_text()


def _hold_meeting_now(meeting: CollaborationMeeting) -> None:
    # The one shortcut past the starting data: a child is put forward only at a coming meeting
    # and the minutes are written from the meeting's day, so the meeting is moved to an hour ago
    # rather than the whole flow travelling two days in time. Never before today's midnight, so
    # that the meeting keeps today's date (the timeline's order below depends on it), and a
    # minute after it: at midnight sharp the meeting would tie with the day's undated entries.
    midnight = datetime.combine(timezone.localdate(), time(), COPENHAGEN)
    meeting.starts_at = max(timezone.now() - timedelta(hours=1), midnight + timedelta(minutes=1))
    meeting.save(update_fields=["starts_at"])


# The professional: round page, dialogue meeting, unit plan -------------------------------------


def _dialogue_meeting_from_the_round(tab: Tab, start: Start) -> DialogueMeeting:
    town = start.town
    tab.click("nav a[href='/enheder/']")
    tab.click(f"main a[href='/enheder/{town.unit.pk}/']")
    tab.click(f"main a[href='/enheder/{town.unit.pk}/runde/']")
    row = tab.page.locator(f"a[href$='dialogmoeder/ny/?position={start.red.pk}']")
    assert row.count() == 1
    assert "Fælles position nu: Rød" in _main(tab)
    tab.click(f"main a[href$='dialogmoeder/ny/?position={start.red.pk}']")
    assert "Følger op på positionen rød" in _main(tab)

    tab.submit(
        SUBMIT,
        {
            "#id_participants": "Mor, far, pædagog Bent",
            "#id_staff_view": "Emil trækker sig fra legen og spiser lidt.",
            "#id_parents_view": "Han sover dårligt og vil ikke i børnehave.",
            "#id_agreed": "Vi laver en handleplan og tager Emil med på lokaliseringsmødet.",
        },
    )
    meeting = DialogueMeeting.objects.get()
    assert (meeting.screening, meeting.unit, meeting.recorded_by) == (
        start.red,
        town.unit,
        start.pedagogue,
    )
    assert "Vi laver en handleplan" in _main(tab)
    return meeting


def _plan_from_the_dialogue_meeting(tab: Tab, meeting: DialogueMeeting) -> UnitPlan:
    tab.click("main a[href*='handleplaner/ny/?dialogmoede=']")
    tab.submit(SUBMIT, {"#id_goals": "Emil leger med de andre børn hver dag."})
    plan = UnitPlan.objects.get()
    assert plan.dialogue_meeting == meeting
    assert plan.screening == meeting.screening

    tab.submit(
        "main form[action$='/handlinger/'] button[type=submit]",
        {
            "#id_description": "Voksenstøttet leg i små grupper",
            "#id_owner": "Pædagog Bent",
            "#id_due_on": _day(14),
        },
    )
    action = plan.actions.get()
    assert action.owner == "Pædagog Bent"
    assert action.due_on == timezone.localdate() + timedelta(days=14)
    assert "Voksenstøttet leg i små grupper" in tab.page.locator("#handlinger ~ table").inner_text()
    return plan


def _put_forward(
    tab: Tab, start: Start, *, consent: Consent, concern: str, invited: bool = True
) -> AgendaItem:
    """From the child's page, where `tab` is."""
    child = start.town.child
    tab.click(f"main a[href='/boern/{child.pk}/tvaerfagligt-moede/']")
    page = tab.page
    offered = page.locator("#id_meeting option").evaluate_all("os => os.map(o => o.value)")
    # The next meeting comes first, then the later one.
    assert offered == ["", str(start.next_meeting.pk), str(start.later_meeting.pk)]
    page.select_option("#id_meeting", str(start.next_meeting.pk))
    page.fill("#id_concern", concern)
    _click_label_of(tab, f"input[name=consent][value={consent.value}]")
    if invited:
        page.click("label[for='id_parents_invited']")
    tab.click(SUBMIT)
    return AgendaItem.objects.get()


# The standing member: the meeting, minutes and the outcome -------------------------------------


def _minutes_with_a_notification(tab: Tab, start: Start, item: AgendaItem) -> Notification:
    meeting = start.next_meeting
    tab.log_in(start.psychologist.username)
    tab.click("nav a[href='/tvaerfaglige-moeder/']")
    # The held meeting has left "Kommende møder"; the series lists it.
    tab.click(f"main a[href='/tvaerfaglige-moeder/serier/{meeting.series_id}/']")
    tab.click(f"main a[href='/tvaerfaglige-moeder/{meeting.pk}/']")
    page = tab.page
    section = page.locator(f"#punkt-{item.pk}").inner_text()
    assert "Emil Larsen" in section
    assert start.town.child.cpr_masked in section
    assert "Forældrene har givet samtykke" in section
    assert "inviteret" in section

    prefix = f"punkt{item.pk}"
    page.fill(f"#id_{prefix}-minutes", "Bekymringen deles af alle. Vi underretter i dag.")
    _click_label_of(tab, f"input[name={prefix}-outcome][value={MeetingOutcome.NOTIFICATION}]")
    tab.click(f"#punkt-{item.pk} button[type=submit]")

    item.refresh_from_db()
    assert (item.outcome, item.minutes_by) == (MeetingOutcome.NOTIFICATION, start.psychologist)
    notification = Notification.objects.get()
    assert item.notification == notification
    assert (notification.channel, notification.child) == (Channel.MEETING, start.town.child)
    assert notification.notifier_user == start.psychologist
    assert "Bekymringen deles af alle." in notification.text
    assert f"underretningen {notification.reference} er sendt" in _main(tab)
    return notification


def _intake_has_it(tab: Tab, start: Start, notification: Notification) -> None:
    tab.log_in(start.social_worker.username)
    tab.click("nav a[href='/visitation/']")
    row = tab.page.locator("main table tbody tr", has_text=notification.reference)
    assert row.count() == 1
    assert "Emil Larsen" in row.inner_text()
    tab.click(f"main a[href='/visitation/{notification.pk}/']")
    main = _main(tab)
    assert f"Underretning {notification.reference}" in main
    assert f"Underretning fra tværfagligt møde ({SERIES})" in main


def test_from_a_red_position_to_minutes_and_a_notification(new_tab: NewTab, start: Start) -> None:
    town = start.town
    pedagogue = new_tab()
    pedagogue.log_in(start.pedagogue.username)
    dialogue = _dialogue_meeting_from_the_round(pedagogue, start)
    plan = _plan_from_the_dialogue_meeting(pedagogue, dialogue)

    pedagogue.click(f"main .breadcrumbs a[href='/boern/{town.child.pk}/']")
    item = _put_forward(
        pedagogue,
        start,
        consent=Consent.GIVEN,
        concern="Emil er rød i trivselsrunden. Handleplanen er i gang, men han trækker sig mere.",
    )
    assert (item.child, item.unit, item.meeting) == (town.child, town.unit, start.next_meeting)
    assert item.parents_invited
    assert item.put_forward_by == start.pedagogue
    main = _main(pedagogue)
    assert "Barnet er sat på dagsordenen." in main
    assert "Emil Larsen" in main
    # Before the meeting's day the agenda is there, the minutes are not open yet.
    assert "Referatet kan skrives fra mødedagen." in main

    _hold_meeting_now(start.next_meeting)
    notification = _minutes_with_a_notification(new_tab(), start, item)
    _intake_has_it(new_tab(), start, notification)

    # The professional's timeline of the child, newest first.
    pedagogue.goto(f"/boern/{town.child.pk}/")
    rows = pedagogue.page.locator("#timeline tbody tr").all_inner_texts()
    by_kind = {row.split("\t")[1].strip(): row for row in rows}
    # The meeting has a time of day and comes first; the rest are today's, with no time.
    assert rows[0] == by_kind["Tværfagligt møde"], rows
    assert "Resultat: Underretning til visitationen" in rows[0]
    assert SERIES in rows[0]
    assert "Emil leger med de andre børn hver dag." in by_kind["Handleplan"]
    assert "Vi laver en handleplan" in by_kind["Dialogmøde"]
    assert "Rød position, Solsikken" in by_kind["Trivselsvurdering"]
    timeline = pedagogue.page.locator("#timeline")
    links = timeline.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert f"/tvaerfaglige-moeder/{start.next_meeting.pk}/" in links
    assert f"/boern/{town.child.pk}/handleplaner/{plan.pk}/" in links
    assert f"/boern/{town.child.pk}/dialogmoeder/{dialogue.pk}/" in links
    # Petra's notification is hers to see, not Bent's.
    assert notification.reference not in timeline.inner_text()


def test_without_consent_the_agenda_never_names_the_child(new_tab: NewTab, start: Start) -> None:
    child = start.town.child
    tab = new_tab()
    tab.log_in(start.pedagogue.username)
    tab.goto(f"/boern/{child.pk}/")
    item = _put_forward(
        tab,
        start,
        consent=Consent.NOT_GIVEN,
        concern="Barnet trækker sig fra legen og spiser lidt.",
        invited=False,
    )
    assert item.child is None
    assert item.consent == Consent.NOT_GIVEN
    assert item.anonymous_description  # the suggested sex and age, kept as it was
    assert "anonym drøftelse uden navn og CPR" in _main(tab)

    identifying = (
        child.first_name,
        child.last_name,
        child.cpr,
        child.cpr_formatted,
        child.cpr_masked,
        f"/boern/{child.pk}/",
    )
    # The professional who put it forward, and a standing member, on the agenda and its print.
    psychologist = new_tab()
    psychologist.log_in(start.psychologist.username)
    for viewer in (tab, psychologist):
        for path in ("", "dagsorden/"):
            viewer.goto(f"/tvaerfaglige-moeder/{start.next_meeting.pk}/{path}")
            html = viewer.page.content()
            found = [text for text in identifying if text in html]
            assert not found, f"{viewer.page.url} shows {found}"
            assert item.anonymous_description in html
        assert "Anonym drøftelse" in _main(viewer)

    # Nor is the consultation on the child's page or timeline.
    tab.goto(f"/boern/{child.pk}/")
    assert "Tværfagligt møde" not in tab.page.locator("#timeline").inner_text()
    meetings = tab.page.locator("section[aria-labelledby='meeting-section-heading']").inner_text()
    assert SERIES not in meetings
