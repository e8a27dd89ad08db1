"""The main paths through the web pages in a real browser, each page checked with axe-core.

The checks on every page (accessibility, console, assets) live in conftest.Tab.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import translation

from tests.browser.conftest import Tab
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
ENGLISH_CATALOGUE = (
    Path(__file__).resolve().parents[2] / "sikkerhedsnet/locale/en/LC_MESSAGES/django.po"
)


def test_anonymous_pages(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.goto("/")  # the home page asks for a login first
    assert "/login/" in tab.page.url
    assert tab.page.locator("h1").inner_text() == "Log ind"
    tab.goto("/findes-ikke/", status=404)
    assert tab.page.locator("h1").inner_text() == "Siden findes ikke"


def test_wrong_password_is_refused_on_the_form(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.goto("/login/")
    tab.submit(
        "main form button[type=submit]",
        {"#id_username": town.leader.username, "#id_password": "forkert-adgangskode"},
    )
    assert "/login/" in tab.page.url
    assert tab.page.locator("main [role=alert]").count() == 1


def test_leader_opens_her_unit_and_a_child(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.log_in(town.leader.username)
    assert tab.page.locator("h1").inner_text() == "Goddag, Lene"

    tab.click(f"main a[href='/enheder/{town.unit.pk}/']")
    assert tab.page.url.endswith(f"/enheder/{town.unit.pk}/")
    assert tab.page.locator("h1").inner_text() == "Solsikken"

    tab.click(f"#roster a[href='/boern/{town.child.pk}/']")
    assert tab.page.url.endswith(f"/boern/{town.child.pk}/")
    assert tab.page.locator("h1").inner_text() == "Emil Larsen"


def test_professional_of_another_unit_gets_404_for_the_child(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.log_in(town.outsider.username)
    tab.goto(f"/boern/{town.child.pk}/", status=404)
    assert "Emil" not in tab.page.content()
    tab.goto(f"/enheder/{town.unit.pk}/", status=404)


def test_data_protection_officer_sees_the_leaders_read(new_tab: NewTab, town: Town) -> None:
    leader = new_tab()
    leader.log_in(town.leader.username)
    leader.goto(f"/boern/{town.child.pk}/")

    dpo = new_tab()
    dpo.log_in(town.dpo.username)
    dpo.goto(f"/adgangslog/?cpr={town.child.cpr}")
    rows = dpo.page.locator("main table tbody tr")
    assert rows.count() >= 1
    assert town.leader.username in rows.first.inner_text()
    assert "Emil Larsen" in rows.first.inner_text()


@pytest.mark.skipif(
    not ENGLISH_CATALOGUE.exists(), reason=f"no English catalogue at {ENGLISH_CATALOGUE}"
)
def test_switching_to_english(new_tab: NewTab, town: Town) -> None:
    with translation.override("en"):
        english = {danish: translation.gettext(danish) for danish in ("Log af", "Forside")}
    untranslated = [danish for danish, text in english.items() if danish == text]
    assert not untranslated, f"{ENGLISH_CATALOGUE} does not translate {untranslated}"

    tab = new_tab()
    tab.log_in(town.leader.username)
    tab.click(".language-switcher button[lang=en]")
    assert tab.page.locator("html").get_attribute("lang") == "en"
    header = tab.page.locator("header").inner_text()
    for text in english.values():
        assert text in header, f"{text!r} not in the English header: {header!r}"
