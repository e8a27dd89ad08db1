"""A citizen notifies anonymously through the public form; intake finds it at the top of the
queue with its 24-hour clock, finds the child, records the assessment and a decision. Every page
on the way is checked by axe-core (conftest.Tab)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.intake.models import Channel, DecisionKind, Notification, Status
from sikkerhedsnet.intake.services.handling import urgent_assessment_record
from sikkerhedsnet.intake.tests.factories import make_notification
from sikkerhedsnet.people.models import Role, User
from sikkerhedsnet.people.tests import factories as f
from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form button[type=submit]"


def _citizen_notifies(tab: Tab) -> Notification:
    tab.goto("/underretning/")
    page = tab.page
    page.fill("#id_child_name", "Emil Larsen")
    page.fill("#id_text", "Emil står alene ude foran opgangen sent om aftenen.\nHan fryser.")
    page.click("label[for='id_relation_0']")  # Borger
    page.click("label[for='id_anonymous_1']")  # Ja, jeg vil være anonym
    tab.click(SUBMIT)
    assert page.url.endswith("/underretning/kvittering/"), page.locator("main").inner_text()
    return Notification.objects.get(channel=Channel.PUBLIC_FORM)


def _earlier_work(intake: User, town: Town) -> Notification:
    """A notification from yesterday, already assessed: it waits below the unassessed ones."""
    earlier = make_notification(
        child=town.other_child, at=timezone.now() - timedelta(hours=20), user=town.leader
    )
    urgent_assessment_record(
        actor=intake,
        notification=earlier,
        expected_version=earlier.version,
        danger_to_health_or_development=False,
        acute_help_needed=False,
        note="Ingen akut fare.",
    )
    return earlier


def test_intake_assesses_and_decides_an_anonymous_notification(new_tab: NewTab, town: Town) -> None:
    intake = f.staff(Role.INTAKE, username="ingrid", first_name="Ingrid")
    earlier = _earlier_work(intake, town)
    notification = _citizen_notifies(new_tab())
    assert notification.is_anonymous
    assert notification.child is None

    tab = new_tab()
    tab.log_in(intake.username)
    tab.click("nav a[href='/visitation/']")
    page = tab.page
    assert page.locator("h1").inner_text() == "Visitation"
    rows = page.locator("main table tbody tr")
    first = rows.nth(0).inner_text()
    assert notification.reference in first
    assert re.search(r"\b2[34] t \d+ min tilbage", first), first
    assert "(ikke matchet)" in first
    assert "Emil Larsen" in first
    assert "anonym" in first
    assert earlier.reference in rows.nth(1).inner_text()

    tab.click(f"main a[href='/visitation/{notification.pk}/']")
    assert page.locator("h1").inner_text() == f"Underretning {notification.reference}"
    main = page.locator("main").inner_text()
    assert "Han fryser." in main
    assert "Anonym" in main
    assert "Dan kvittering" not in main

    # The child named by the citizen is found by its CPR number.
    tab.submit(
        "main form[action$='/barn/'] button[type=submit]",
        {"#id_cpr": town.child.cpr_formatted},
    )
    assert "Barnet er fundet." in page.locator("main").inner_text()
    assert AccessLog.objects.filter(
        user=intake, child=town.child, shown=f"Underretning {notification.reference}"
    ).exists()

    page.click("label[for='id_danger_1']")  # Nej
    page.click("label[for='id_acute_help_1']")  # Nej
    tab.submit(
        "main form[action$='/vurdering/'] button[type=submit]",
        {"#id_note": "Ingen akut fare. Familien kendes ikke i forvejen."},
    )
    assert "Vurderingen er gemt." in page.locator("main").inner_text()
    assert "vurderet inden for fristen" in page.locator("main").inner_text()

    # No further action needs a reason: the error state is accessible too.
    page.click("label[for='id_kind_0']")  # Ingen yderligere handling
    tab.click("main form[action$='/afgoerelse/'] button[type=submit]")
    assert "Skriv en begrundelse" in page.locator("main").inner_text()
    assert page.locator("#id_reason").get_attribute("aria-invalid") == "true"

    page.click("label[for='id_kind_2']")  # Afdækning
    tab.submit(
        "main form[action$='/afgoerelse/'] button[type=submit]",
        {"#id_reason": "Afdæk familiens situation med sundhedsplejen."},
    )
    notification.refresh_from_db()
    assert notification.status == Status.DECIDED
    assert notification.decision.kind == DecisionKind.SCREENING_INQUIRY
    history = page.locator("main table").last.inner_text()
    assert "Modtaget" in history
    assert "Vurderet" in history
    assert "Afgjort" in history

    tab.click("main .breadcrumbs a[href='/visitation/']")
    assert notification.reference not in page.locator("main").inner_text()
    tab.click("main a[href='/visitation/?vis=afgjorte']")
    assert notification.reference in page.locator("main table").inner_text()
