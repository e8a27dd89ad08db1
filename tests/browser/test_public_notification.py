"""A citizen notifies the municipality anonymously through the public form, without login, and
sees the receipt number; a leader notifies from the child's page; intake registers a phone call.
Every page on the way, error states included, is checked by axe-core (conftest.Tab)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sikkerhedsnet.intake.models import Notification
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f
from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form button[type=submit]"


def test_a_citizen_notifies_anonymously_and_sees_the_receipt(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.goto("/underretning/")
    page = tab.page
    assert page.locator("h1").inner_text() == "Underret kommunen om et barn"
    assert "ring 112" in page.locator("main .alert-warning").inner_text()

    # Sent empty: the error state names what is missing and keeps the page accessible.
    tab.click(SUBMIT)
    summary = page.locator("main [role=alert]")
    assert "Underretningen er ikke sendt" in summary.inner_text()
    assert "Skriv, hvad du er bekymret for." in summary.inner_text()
    assert "Skriv barnets CPR-nummer eller barnets navn" in summary.inner_text()
    assert page.locator("#id_text").get_attribute("aria-invalid") == "true"
    assert not Notification.objects.exists()

    page.fill("#id_child_name", "Ida Holm")
    page.fill("#id_text", "Ida står ofte alene ude foran opgangen sent om aftenen.\nHun fryser.")
    page.click("label[for='id_relation_0']")  # Borger
    page.click("label[for='id_anonymous_1']")  # Ja, jeg vil være anonym
    tab.click(SUBMIT)

    assert page.url.endswith("/underretning/kvittering/")
    notification = Notification.objects.get()
    assert notification.is_anonymous
    assert notification.notifier_name == ""
    assert page.locator("h1").inner_text() == "Tak. Kommunen har modtaget din underretning"
    assert page.locator("main .reference").inner_text() == notification.reference
    assert "Du er anonym" in page.locator("main").inner_text()


def test_the_receipt_is_not_shown_in_another_browser(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.goto("/underretning/kvittering/")
    assert tab.page.locator("h1").inner_text() == "Der er ingen kvittering at vise"


def test_a_leader_notifies_from_the_childs_page(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.log_in(town.leader.username)
    tab.goto(f"/boern/{town.child.pk}/")
    tab.click(f"main a[href='/boern/{town.child.pk}/underret/']")
    page = tab.page
    assert page.locator("h1").inner_text() == "Underret kommunen om Emil Larsen"

    page.fill("#id_text", "Emil har blå mærker på armene for tredje gang denne måned.")
    tab.click(SUBMIT)  # no duty ground chosen: the error state
    assert "Vælg, hvorfor du underretter." in page.locator("main [role=alert]").inner_text()

    page.click("label[for='id_duty_ground_3']")  # Overgreb mod barnet
    page.click("label[for='id_urgent']")
    tab.click(SUBMIT)
    notification = Notification.objects.get()
    assert notification.urgent
    assert notification.duty_ground == "abuse"
    assert page.locator("h1").inner_text() == f"Underretning {notification.reference}"
    assert "Du får en kvittering senest den" in page.locator("main").inner_text()

    tab.click("main a[href='/underretninger/mine/']")
    assert notification.reference in page.locator("main table").inner_text()


def test_intake_registers_a_phone_call(new_tab: NewTab, town: Town) -> None:
    f.staff(Role.INTAKE, username="vera", first_name="Vera")
    tab = new_tab()
    tab.log_in("vera")
    tab.goto("/visitation/registrer/")
    page = tab.page
    assert page.locator("h1").inner_text() == "Registrér en underretning"

    page.fill("#id_received_time", "23.59")
    page.fill("#id_received_on", "31.12.2099")
    tab.click(SUBMIT)  # in the future, and no text: the error state
    assert "Tidspunktet ligger i fremtiden" in page.locator("main [role=alert]").inner_text()

    page.fill("#id_received_on", "01.01.2026")
    page.fill("#id_received_time", "09.00")
    page.click("label[for='id_channel_0']")  # Telefon
    page.fill("#id_child_cpr", town.child.cpr)
    page.select_option("#id_source_kind", "citizen")
    page.click("label[for='id_anonymous']")
    page.fill("#id_text", "En nabo ringede: Emil græd længe i opgangen i aftes.")
    tab.click(SUBMIT)
    notification = Notification.objects.get()
    assert notification.child == town.child
    assert notification.is_anonymous
    assert notification.reference in page.locator("main [role=status]").inner_text()
