"""The error summary in the browser: a caseworker sends the form for a measure without filling it
in. The summary at the top takes focus, names each field with its error, and each link moves
focus to the field with its label in view (Det Fælles Designsystem's error summary). Every page
is axe-checked (conftest.Tab), and the page with focus moved is checked again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from sikkerhedsnet.cases.models import Case
from sikkerhedsnet.cases.tests.factories import CaseFactory, make_team
from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.measures.services.catalogue import offers_demo_load
from sikkerhedsnet.people.models import Role
from sikkerhedsnet.people.tests import factories as f
from tests.browser.conftest import Tab, assert_accessible

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
SUMMARY = "main [data-module='error-summary']"


@pytest.fixture
def case(transactional_db: None) -> Case:
    team = make_team("Familieteam Nord")
    caseworker = f.staff(Role.CASEWORKER, team, username="rikke", first_name="Rikke")
    birth = add_months(timezone.localdate(), -8 * 12)
    child = f.ChildFactory.create(first_name="Emma", birth_date=birth)
    offers_demo_load()
    case: Case = CaseFactory.create(child=child, team=team, caseworker=caseworker)
    return case


def _focused(tab: Tab) -> str:
    focused: str = tab.page.evaluate(
        "() => document.activeElement.id || document.activeElement.dataset.module || ''"
    )
    return focused


def _in_view(tab: Tab, selector: str) -> bool:
    seen: bool = tab.page.eval_on_selector(
        selector,
        "e => { const box = e.getBoundingClientRect();"
        " return box.top >= 0 && box.bottom <= innerHeight; }",
    )
    return seen


def test_the_summary_takes_focus_and_its_links_move_focus_to_the_fields(
    new_tab: NewTab, case: Case
) -> None:
    tab = new_tab()
    tab.log_in("rikke")
    tab.goto(f"/sager/{case.pk}/foranstaltninger/ny/")
    tab.click("main form[method=post] button[type=submit]")

    assert _focused(tab) == "error-summary"
    summary = tab.page.locator(SUMMARY)
    assert summary.get_attribute("role") == "alert"
    lines = summary.locator("li").all_inner_texts()
    assert "Type: Vælg en type." in lines
    assert "Formål: Skriv formålet med foranstaltningen." in lines

    summary.locator("a[href='#id_purpose']").click()
    assert _focused(tab) == "id_purpose"
    assert _in_view(tab, "label[for='id_purpose']")
    tab.page.keyboard.type("Ro om sengetid")
    assert tab.page.input_value("#id_purpose") == "Ro om sengetid"

    # A radio group: the link goes to its first option, with the group's legend in view.
    summary.locator("a[href='#id_legal_ground_0']").click()
    assert _focused(tab) == "id_legal_ground_0"
    assert _in_view(tab, "#id_legal_ground_0")
    assert_accessible(tab.page)
