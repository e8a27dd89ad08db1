"""Radio buttons show what was chosen (issue 13, item 3): on the cross-disciplinary meeting's
minutes the outcome was drawn as empty text boxes, so the chosen outcome could not be seen.
Every page on the way is checked by axe-core (conftest.Tab)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Locator

from sikkerhedsnet.collaboration.models import (
    AgendaItem,
    CollaborationMeeting,
    Consent,
    MeetingOutcome,
    MeetingSeries,
)
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f
from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]


def _assert_visibly_chosen(radio: Locator) -> None:
    """Checked, drawn (DKFDS draws the radio as its label's ::before, the dot as ::after), and
    no text box class on it."""
    assert radio.is_checked()
    assert radio.is_visible()
    box = radio.bounding_box()
    assert box is not None
    assert box["width"] > 0
    assert box["height"] > 0
    classes = (radio.get_attribute("class") or "").split()
    assert "form-radio" in classes
    assert "form-input" not in classes
    assert radio.evaluate("r => r.matches(':checked')")
    dot = radio.evaluate(
        """r => {
            const label = document.querySelector(`label[for="${r.id}"]`);
            const after = getComputedStyle(label, '::after');
            return {content: after.content, width: parseFloat(after.width)};
        }"""
    )
    assert dot["content"] != "none", dot
    assert dot["width"] > 0, dot


def test_the_chosen_outcome_stays_visible_on_the_minutes(new_tab: NewTab, town: Town) -> None:
    psychologist = f.staff(Role.PPR, username="petra", first_name="Petra")
    pedagogue = f.staff(Role.PROFESSIONAL, town.unit, username="bent", first_name="Bent")
    series = MeetingSeries.objects.create(name="Lokalisering Solsikken", unit=town.unit)
    series.standing_members.set([town.leader, psychologist])
    meeting = CollaborationMeeting.objects.create(
        series=series, starts_at=timezone.now() - timedelta(hours=1)
    )
    item = AgendaItem.objects.create(
        meeting=meeting,
        child=town.child,
        unit=town.unit,
        consent=Consent.GIVEN,
        concern="Trækker sig fra legen.",
        put_forward_by=pedagogue,
    )
    prefix = f"punkt{item.pk}"
    chosen = f"input[name='{prefix}-outcome'][value='{MeetingOutcome.NOTIFICATION}']"

    tab = new_tab()
    tab.log_in(psychologist.username)
    tab.goto(f"/tvaerfaglige-moeder/{meeting.pk}/")
    page = tab.page
    radio = page.locator(chosen)
    assert not radio.is_checked()
    page.click(f"label[for='{radio.get_attribute('id')}']")
    _assert_visibly_chosen(radio)

    # Without minutes the form comes back with an error; the outcome is still chosen.
    tab.click(f"#punkt-{item.pk} button[type=submit]")
    assert "Skriv referatet af punktet." in page.locator("main").inner_text()
    _assert_visibly_chosen(page.locator(chosen))

    page.fill(f"#id_{prefix}-minutes", "Bekymringen deles. Vi underretter i dag.")
    tab.click(f"#punkt-{item.pk} button[type=submit]")
    item.refresh_from_db()
    assert item.outcome == MeetingOutcome.NOTIFICATION
    # Saved: the outcome is written out and still the chosen radio of the form.
    assert "Underretning" in page.locator(f"#punkt-{item.pk} dl").inner_text()
    _assert_visibly_chosen(page.locator(chosen))
