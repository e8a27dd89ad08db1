"""Headless Chromium against pytest-django's live server, with checks on every page visited.

Every page a test opens through `Tab.goto`, `Tab.submit` or `Tab.click` is checked for:
axe-core violations of any impact, console errors (CSP refusals show up there), uncaught
JavaScript errors, sub-resources (CSS, JS, fonts) that failed to load, and that the design
system's CSS and JavaScript actually arrived.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, sync_playwright

from tests.town import PASSWORD, Town, build_town

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Every impact counts: a "minor" violation is still one a user of assistive technology meets.
ALL_IMPACTS = ("minor", "moderate", "serious", "critical")
_AXE = Axe()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One Chromium per module: launching costs about a second, a new context almost nothing."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing; ./scripts/setup.sh --browser installs it")
    # Playwright's sync API keeps an event loop in this thread, and Django refuses ORM calls
    # from a thread with a running loop. Only while the browser lives, and only in tests.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def town(transactional_db: None) -> Town:
    # transactional_db, not db: the live server's thread must see committed rows.
    return build_town()


@dataclass
class Tab:
    """A page in a fresh browser context (its own cookies) that checks every page it lands on."""

    page: Page
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def goto(self, path: str, *, status: int = 200) -> Response:
        response = self.page.goto(path)
        assert response is not None, path
        assert response.status == status, f"{path}: HTTP {response.status}, expected {status}"
        self.check_page()
        return response

    def click(self, selector: str) -> None:
        """Click what the user sees: the menu is in the page twice (the bar and the mobile
        drawer), and only one of them is shown at a width."""
        with self.page.expect_navigation():
            self.page.locator(f"{selector} >> visible=true").first.click()
        self.check_page()

    def submit(self, button: str, fields: dict[str, str] | None = None) -> None:
        for selector, value in (fields or {}).items():
            self.page.fill(selector, value)
        self.click(button)

    def select_and_submit(self, select: str, value: str, button: str) -> None:
        self.page.select_option(select, value)
        self.click(button)

    def log_in(self, username: str, *, password: str = PASSWORD) -> None:
        self.goto("/login/")
        self.submit(
            "main form button[type=submit]",
            {"#id_username": username, "#id_password": password},
        )
        assert "/login/" not in self.page.url, f"login as {username} failed: {self.page.url}"

    def check_page(self) -> None:
        self.page.wait_for_load_state("load")
        url = self.page.url
        self.checked.append(url)
        problems, self.problems = self.problems, []
        assert not problems, f"{url}:\n" + "\n".join(problems)
        assets = self.page.evaluate(
            """() => ({
                sheets: [...document.styleSheets].map(s => [s.href, s.cssRules.length]),
                dkfds: typeof window.DKFDS,
                htmx: typeof window.htmx,
            })"""
        )
        empty = [href for href, rules in assets["sheets"] if not rules]
        assert len(assets["sheets"]) >= 2, f"{url}: stylesheets {assets['sheets']}"
        assert not empty, f"{url}: stylesheets {assets['sheets']}"
        assert assets["dkfds"] == "object", f"{url}: dkfds.min.js did not load"
        assert assets["htmx"] == "object", f"{url}: htmx.min.js did not load"
        assert_accessible(self.page)

    def _on_console(self, message: ConsoleMessage) -> None:
        # A 404 page's own status is logged as "Failed to load resource"; failed sub-resources
        # are caught in _on_response, so this keeps the real errors (CSP refusals, scripts).
        if message.type == "error" and "Failed to load resource" not in message.text:
            self.problems.append(f"console error: {message.text}")

    def _on_response(self, response: Response) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self.problems.append(f"HTTP {response.status} for {response.url}")


def assert_accessible(page: Page) -> None:
    results = _AXE.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in ALL_IMPACTS]
    assert not blocking, f"axe: {page.url}\n" + format_violations(blocking)


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", "\n      ")
            lines.append(f"      {summary}")
    return "\n".join(lines)


@pytest.fixture
def new_tab(browser: Browser, live_server: Any) -> Iterator[Any]:
    """A factory of Tabs; each has its own cookies, so two users can be logged in at once."""
    tabs: list[Tab] = []

    def make(locale: str = "da-DK") -> Tab:
        tab = open_tab(browser, live_server.url, locale=locale)
        tabs.append(tab)
        return tab

    yield make
    for tab in tabs:
        tab.page.context.close()


def open_tab(
    browser: Browser,
    base_url: str,
    *,
    locale: str = "da-DK",
) -> Tab:
    """A Tab in a context of its own (its own cookies); the caller closes its context."""
    context = browser.new_context(base_url=base_url, locale=locale)
    page = context.new_page()
    tab = Tab(page)
    page.on("console", tab._on_console)
    page.on("pageerror", lambda error: tab.problems.append(f"page error: {error}"))
    page.on("response", tab._on_response)
    return tab
