"""The administrator creates a caseworker from the staff pages and reads her the one-time
password; the caseworker logs in, is sent to choose her own password, and then reaches her front
page. Every page on the way is checked by axe-core (conftest.Tab)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import pytest

from sikkerhedsnet.people.models import Role, UnitKind, User
from sikkerhedsnet.people.tests import factories as f
from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUBMIT = "main form button[type=submit]"
HER_PASSWORD = "blå-hest-synger-om-natten-7"


def test_the_administrator_creates_a_user_who_sets_her_password(
    new_tab: NewTab, town: Town
) -> None:
    admin = f.staff(Role.ADMINISTRATOR, username="anders", first_name="Anders")
    team = f.UnitFactory.create(kind=UnitKind.FAMILY_DEPARTMENT, name="Team Øst")

    tab = new_tab()
    tab.log_in(admin.username)
    tab.click("nav a[href='/medarbejdere/']")
    page = tab.page
    assert page.locator("h1").inner_text() == "Medarbejdere"
    tab.click("main a[href='/medarbejdere/ny/']")
    page.fill("#id_username", "mette")
    page.fill("#id_first_name", "Mette")
    page.fill("#id_last_name", "Holm")
    page.fill("#id_job_title", "Rådgiver")
    page.select_option("#id_role", Role.CASEWORKER)
    page.select_option("#id_unit", str(team.pk))
    tab.click(SUBMIT)
    assert page.locator("h1").inner_text() == "Midlertidig adgangskode"
    one_time = page.locator("#one-time-password").inner_text()
    mette = User.objects.get(username="mette")
    assert mette.must_change_password
    assert mette.memberships.get().unit == team

    own = new_tab()
    own.goto("/login/")
    own.submit(SUBMIT, {"#id_username": "mette", "#id_password": one_time})
    assert urlsplit(own.page.url).path == "/adgangskode/"
    assert "midlertidig adgangskode" in own.page.locator("main").inner_text()
    own.submit(
        SUBMIT,
        {
            "#id_old_password": one_time,
            "#id_new_password1": HER_PASSWORD,
            "#id_new_password2": HER_PASSWORD,
        },
    )
    assert urlsplit(own.page.url).path == "/"  # her front page
    assert "Din adgangskode er skiftet." in own.page.locator("main").inner_text()
    assert not User.objects.get(username="mette").must_change_password

    # The administrator sees it in the staff member's audit trail.
    tab.goto(f"/medarbejdere/{mette.pk}/")
    trail = page.locator("main").inner_text()
    assert "Adgangskode skiftet af medarbejderen" in trail
    assert "Oprettet" in trail
