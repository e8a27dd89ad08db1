"""A dialogue meeting booked ahead from the concern guide's result: the pedagogue assesses Emil
in the guide, whose result offers "book a dialogue meeting" as its primary button; she books it
for tomorrow, the parent's invitation goes out as a letter (Digital Post, the demo's outbox) and
is linked from the meeting; her worklist reminds her the day before; the next day she writes
what was agreed on the same meeting. A second test prints the unit plan for the parents, sends
it, and records a parent's answer. Every page on the way is checked by axe-core
(conftest.Tab)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from sikkerhedsnet.collaboration.models import DialogueMeeting, DialogueStatus
from sikkerhedsnet.collaboration.tests.factories import UnitPlanFactory
from sikkerhedsnet.lib.dates import COPENHAGEN
from sikkerhedsnet.people.models import Guardian, Role, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.post.models import Letter, LetterStatus
from sikkerhedsnet.screening.models import GuideAssessment
from sikkerhedsnet.screening.selectors.guide import age_band_for, default_guide
from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form button[type=submit]"


def _main(tab: Tab) -> str:
    return tab.page.locator("main").inner_text()


@pytest.fixture
def outbox(settings: Any, tmp_path: Path) -> Path:
    settings.SIKKERHEDSNET_POST_OUTBOX = tmp_path / "outbox"
    return tmp_path / "outbox"


def _assess_in_the_guide(tab: Tab, town: Town) -> None:
    """From the child's page, a level 2 assessment; the page left is the guide's result."""
    band = age_band_for(default_guide(), town.child, timezone.localdate())
    sign = band.areas[0].signs_at(2)[0]
    tab.goto(f"/boern/{town.child.pk}/")
    tab.click(f"main a[href='/boern/{town.child.pk}/bekymringsguide/']")
    tab.page.click(f"label[for='sign-{sign.id}']")
    tab.page.wait_for_selector("#proposal >> text=Niveau 2: Begyndende bekymring")
    tab.page.click("label[for='id_decided_level_1']")  # the second option: level 2
    tab.click("main form button[value=save]")
    assert GuideAssessment.objects.get().decided_level == 2


def _book_from_the_result(tab: Tab, day: date, guardian: Guardian, pedagogue: User) -> None:
    # The recommended step is the one primary button, the others secondary.
    steps = tab.page.locator("main .guide-next-steps a")
    primary = tab.page.locator("main .guide-next-steps a.button-primary")
    assert primary.count() == 1
    assert primary.inner_text() == "Planlæg dialogmøde med forældrene"
    assert steps.count() > 1
    tab.click("main .guide-next-steps a.button-primary")

    assert tab.page.is_checked(f"input[name=guardians][value='{guardian.pk}']")
    assert tab.page.is_checked(f"input[name=staff][value='{pedagogue.pk}']")
    tab.submit(
        SUBMIT,
        {
            "#id_day": day.strftime("%d.%m.%Y"),
            "#id_start_time": "10.00",
            "#id_place": "Solsikken, personalestuen",
            "#id_purpose": "Hvordan Emil har det i legen, og hvad I ser derhjemme.",
        },
    )


def _the_invitation_is_linked(tab: Tab, town: Town, meeting: DialogueMeeting, outbox: Path) -> None:
    main = _main(tab)
    assert "Invitationen er sendt til 1 forælder." in main
    assert "Planlagt" in main
    assert "Referatet kan skrives fra mødedagen." in main
    letter = Letter.objects.for_subject(meeting).get()
    assert (letter.kind, letter.status) == ("collaboration.invitation", LetterStatus.SENT)
    assert [path.name for path in outbox.glob("*.xml")] == [f"{letter.uuid}.xml"]
    row = tab.page.locator("#breve ~ table tbody tr")
    assert "Invitation til dialogmøde" in row.inner_text()
    assert "Mette Hansen" in row.inner_text()
    assert "Sendt" in row.inner_text()
    href = row.locator("a").get_attribute("href")
    assert href == f"/boern/{town.child.pk}/dialogmoeder/{meeting.pk}/breve/{letter.pk}.pdf"
    pdf = tab.page.request.get(href)
    assert pdf.ok
    assert pdf.body().startswith(b"%PDF")


def test_from_the_guides_result_to_a_booked_meeting_and_its_record_the_next_day(
    new_tab: NewTab, town: Town, outbox: Path
) -> None:
    mother = town.child.custodies.get().guardian
    mother.first_name, mother.cpr = "Mette", "0101901234"
    mother.save()
    pedagogue = f.staff(Role.PROFESSIONAL, town.unit, username="bent", first_name="Bent")
    tomorrow = timezone.localdate() + timedelta(days=1)
    starts = datetime.combine(tomorrow, time(10), COPENHAGEN)

    tab = new_tab()
    tab.log_in(pedagogue.username)
    _assess_in_the_guide(tab, town)
    _book_from_the_result(tab, tomorrow, mother, pedagogue)
    meeting = DialogueMeeting.objects.get()
    assert (meeting.status, meeting.starts_at, meeting.booked_by) == (
        DialogueStatus.PLANNED,
        starts,
        pedagogue,
    )
    _the_invitation_is_linked(tab, town, meeting, outbox)
    meeting_url = f"/boern/{town.child.pk}/dialogmoeder/{meeting.pk}/"

    # The day before: her worklist reminds her.
    tab.goto("/opgaver/")
    assert "Dialogmøde i morgen" in _main(tab)
    tab.click(f"main a[href='{meeting_url}']")

    # The next day, after the meeting: she writes what was agreed, on the same meeting.
    with time_machine.travel(starts + timedelta(hours=2), tick=True):
        tab.log_in(pedagogue.username)  # the session of yesterday has run out
        tab.goto(meeting_url)
        tab.click(f"main a[href='{meeting_url}referat/']")
        assert tab.page.input_value("#id_held_on") == tomorrow.strftime("%d.%m.%Y")
        assert "Mette Hansen" in tab.page.input_value("#id_participants")
        tab.submit(
            SUBMIT,
            {
                "#id_staff_view": "Emil trækker sig fra legen.",
                "#id_parents_view": "Han sover dårligt.",
                "#id_agreed": "Vi laver en handleplan og taler igen om seks uger.",
            },
        )
        assert "Referatet er gemt." in _main(tab)
        assert "Vi laver en handleplan og taler igen om seks uger." in _main(tab)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.held_on, meeting.recorded_by) == (
        DialogueStatus.HELD,
        tomorrow,
        pedagogue,
    )
    assert DialogueMeeting.objects.count() == 1


def test_the_unit_plan_printed_for_the_parents_and_their_answer(
    new_tab: NewTab, town: Town, outbox: Path
) -> None:
    """After the meeting: the plan for the parents (its page and PDF, sent by Digital Post), and
    the parent's answer on the plan, marked once the plan changes."""
    mother = town.child.custodies.get().guardian
    mother.first_name, mother.cpr = "Mette", "0101901234"
    mother.save()
    today = timezone.localdate()
    plan = UnitPlanFactory.create(
        child=town.child,
        unit=town.unit,
        created_by=town.leader,
        created_on=today,
        review_due=today + timedelta(weeks=8),
        goals="Emil leger med de andre børn hver dag.",
    )
    plan_url = f"/boern/{town.child.pk}/handleplaner/{plan.pk}/"
    tab = new_tab()
    tab.log_in(town.leader.username)
    tab.goto(plan_url)
    tab.click(f"main a[href='{plan_url}foraeldre/']")
    assert "Emil leger med de andre børn hver dag." in _main(tab)
    pdf = tab.page.request.get(f"{plan_url}foraeldre.pdf")
    assert pdf.body().startswith(b"%PDF")
    tab.click("main form[action$='/foraeldre/send/'] button[type=submit]")
    assert "Planen er sendt til 1 forælder." in _main(tab)
    letter = Letter.objects.for_subject(plan).get()
    assert (letter.kind, letter.status) == ("collaboration.unit_plan", LetterStatus.SENT)

    tab.goto(plan_url)
    tab.page.click("label[for='id_answer_0']")  # agreed
    tab.submit(
        "main form[action$='/foraeldre/svar/'] button[type=submit]",
        {"#id_comment": "Vi er glade for planen."},
    )
    answers = tab.page.locator("#foraeldrenes-svar ~ ol").inner_text()
    assert "Mette Hansen: Enig i planen" in answers
    assert "Vi er glade for planen." in answers

    tab.click(f"main a[href='{plan_url}rediger/']")
    tab.submit(SUBMIT, {"#id_goals": "Emil leger med én ven hver dag."})
    answers = tab.page.locator("#foraeldrenes-svar ~ ol").inner_text()
    assert "Svaret gælder udgave 1 af planen. Planen er ændret siden (nu udgave 2)." in answers
