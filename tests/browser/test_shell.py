"""The shell in a real browser: the menu at desktop width, the drawer behind "Menu" on a phone
(keyboard only), and /api/docs under the content security policy. Every page is checked by
conftest.Tab (axe-core, console errors such as CSP refusals, assets)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import pytest

from tests.browser.conftest import _AXE, ALL_IMPACTS, Tab, format_violations
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]


def test_at_1280_px_the_menu_items_are_separate_and_visible(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.page.set_viewport_size({"width": 1280, "height": 900})
    tab.log_in(town.leader.username)
    links = tab.page.locator(".navigation-menu .mainmenu > li:not(.d-none) > a.nav-link")
    assert links.count() >= 2
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert all(box is not None and box["width"] > 0 for box in boxes)
    for left, right in itertools.pairwise(boxes):
        assert left is not None
        assert right is not None
        assert right["x"] >= left["x"] + left["width"], "menu items overlap"
    assert tab.page.locator(".js-menu-open").is_hidden()
    assert tab.page.locator(".portal-user .log-off").is_visible()
    assert tab.page.locator(".portal-user a", has_text="Skift adgangskode").is_visible()


def test_at_375_px_the_drawer_opens_and_closes_by_keyboard(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    page = tab.page
    page.set_viewport_size({"width": 375, "height": 800})
    tab.log_in(town.leader.username)
    assert page.locator(".navigation-menu").is_hidden()
    menu_button = page.locator(".js-menu-open")
    assert menu_button.is_visible()

    menu_button.focus()
    page.keyboard.press("Enter")
    drawer = page.locator(".mobile-drawer")
    drawer.wait_for(state="visible")
    assert page.evaluate("document.activeElement.classList.contains('js-menu-close')")

    # Tab walks into the menu's links and on to "Log af", all inside the drawer.
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "({text: document.activeElement.innerText.trim(),"
                " inDrawer: !!document.activeElement.closest('.mobile-drawer')})"
            )
        )
        if reached[-1]["text"] == "Log af":
            break
    assert all(step["inDrawer"] for step in reached), reached
    texts = [step["text"] for step in reached]
    assert "Forside" in texts
    assert "Mine opgaver" in texts
    assert texts[-1] == "Log af"
    tab.check_page()  # axe with the drawer open

    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.classList.contains('js-menu-open')")


def test_at_375_px_log_af_logs_out(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    page = tab.page
    page.set_viewport_size({"width": 375, "height": 800})
    tab.log_in(town.leader.username)
    page.click(".js-menu-open")
    log_off = page.locator(".mobile-drawer button.log-off")
    log_off.wait_for(state="visible")
    tab.click(".mobile-drawer button.log-off")
    tab.goto("/")
    assert "/login/" in page.url


def test_the_footer_links_the_accessibility_statement(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.goto("/underretning/")
    tab.click("footer a[href='/tilgaengelighed/']")
    assert tab.page.locator("h1").inner_text() == "Tilgængelighedserklæring for Sikkerhedsnet"


def test_api_docs_render_swagger_ui_under_the_csp(new_tab: NewTab, town: Town) -> None:
    tab = new_tab()
    tab.log_in(town.leader.username)
    response = tab.page.goto("/api/docs")
    assert response is not None
    assert response.status == 200
    tab.page.locator(".swagger-ui .opblock").first.wait_for(state="visible")
    tab.page.wait_for_load_state("networkidle")
    # No console errors (a CSP refusal of a script, style or font is one), no failed assets.
    assert not tab.problems, tab.problems
    assert tab.page.evaluate("typeof window.SwaggerUIBundle") == "function"
    # The shell around it is axe-clean. Swagger UI's own widget is not (buttons inside
    # buttons, grey on grey, a <main> of its own inside ours), a deviation the accessibility
    # statement names.
    results = _AXE.run(tab.page, context={"exclude": [["#swagger-ui"]]})
    swaggers_own = {"landmark-no-duplicate-main"}
    blocking = [
        v
        for v in results.response["violations"]
        if v["impact"] in ALL_IMPACTS and v["id"] not in swaggers_own
    ]
    assert not blocking, format_violations(blocking)
