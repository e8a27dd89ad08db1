"""The crawl of every page each demo role reaches by following links, at 375 and 1280 px.

A generated municipality with the demo logins (synth/demo.py) is built once for the module and
served by its own live server, so all roles crawl the same town. Logged in as each role (and
logged out), the crawl starts on the front page and follows every same-site link, at most
PER_PATTERN addresses per URL pattern (a roster of 200 children is one pattern, not 200 pages).
Each page is loaded at 375 px and then widened to 1280 px (a tablet turned); at both widths it
must pass conftest.Tab's checks (axe-core counts violations of every impact) and link to the
accessibility statement, and at 375 px the menu button is shown and the drawer holds the menu
and "Log af". Files (PDF, CSV) are fetched and must answer
200 with their own content type. The page counts per role are printed (`-s` shows them).

The roles are crawled in two test modules (test_crawl_*.py), so the two workers share the
work; each module builds its own town.
"""

from __future__ import annotations

import os
import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import Resolver404, resolve
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from sikkerhedsnet.synth.demo import DEMO_LOGINS, DEMO_PASSWORD, DEMO_SEED, demo_logins_reset
from sikkerhedsnet.synth.pipeline import generate
from tests.browser.conftest import Tab, open_tab
from tests.conftest import FAST_PASSWORD_HASHERS

CHILDREN = 600
HISTORY_YEARS = 2
PER_PATTERN = 1
WIDTHS = (375, 1280)
DRAWER_BELOW = 992  # px: DKFDS moves the menu and "Log af" into the drawer behind "Menu"
# Whole files, not pages: fetched with the tab's cookies and checked for status and type.
FILE_SUFFIXES = (".pdf", ".csv", ".xlsx", ".xml")
# Links that leave the crawl: the API's own documents are checked in test_shell.py and by
# Schemathesis; the admin is Django's own.
OUTSIDE = ("/api/", "/admin/", "/static/")
ACCESSIBILITY_LINK = "footer a[href='/tilgaengelighed/']"
ANONYMOUS = ""
ROLES = (ANONYMOUS, *(login.username for login in DEMO_LOGINS))
# The frontline professionals (DESIGN §1), whose pages are the largest (a school's whole round),
# are crawled in a module of their own.
FRONTLINE = ("fagperson", "laerer", "sfo-paedagog", "sundhedsplejerske", "tandplejer")


@dataclass(frozen=True)
class Town:
    url: str


@pytest.fixture(scope="module")
def demo_town(django_db_setup: None, django_db_blocker: Any) -> Iterator[Town]:
    """The demo's municipality, smaller, committed so the server thread sees it; emptied after
    the module (a module's tests run on one worker, one after another: --dist=loadfile)."""
    with django_db_blocker.unblock():
        generate(children=CHILDREN, seed=DEMO_SEED, history_years=HISTORY_YEARS)
        with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):  # as the tests check
            demo_logins_reset()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield Town(server.url)
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@dataclass
class Crawl:
    pages: list[str]
    files: list[str]
    failures: list[str]


def _pattern(path: str) -> str | None:
    """The URL pattern a path belongs to, or None for a path outside the crawl."""
    if path.startswith(OUTSIDE):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return path  # a link to nowhere is still followed, and answers 404: the crawl fails
    return f"{match.namespace}:{match.url_name or match.route}"


def _links(tab: Tab, origin: str) -> list[str]:
    hrefs: list[str] = tab.page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    found = []
    for href in hrefs:
        parts = urlsplit(href)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            continue  # mailto:, tel:, the municipality's own website
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _check_shell(tab: Tab, width: int, *, logged_in: bool) -> None:
    page = tab.page
    url = page.url
    assert page.locator(ACCESSIBILITY_LINK).count() == 1, f"{url}: no accessibility statement"
    if width >= DRAWER_BELOW or not logged_in:
        return  # the menu is in the bar; or there is no menu to reach
    assert page.locator(".js-menu-open").is_visible(), f"{url}: no menu button at {width} px"
    drawer = page.locator("#mobile-drawer")
    assert drawer.locator("button.log-off").count() == 1, f"{url}: no Log af in the drawer"
    assert drawer.locator(".nav-link").count() >= 1, f"{url}: no menu in the drawer"


def _fetch_file(tab: Tab, path: str) -> None:
    response = tab.page.request.get(path)
    assert response.status == 200, f"{path}: HTTP {response.status}"
    assert "text/html" not in response.headers.get("content-type", ""), path


def _check_page(tab: Tab, path: str, *, logged_in: bool) -> None:
    """The page as it loads on a phone, then the same page widened to a desktop's screen, as
    when a tablet is turned: one request, both widths checked."""
    for number, width in enumerate(WIDTHS):
        tab.page.set_viewport_size({"width": width, "height": 900})
        if number == 0:
            tab.goto(path)
        else:
            tab.check_page()
        _check_shell(tab, width, logged_in=logged_in)


def _screenshot_front_page(tab: Tab, role: str) -> None:
    """For a reviewer: SIKKERHEDSNET_SCREENSHOTS=<folder> keeps each role's first page at both
    widths as PNG files."""
    folder = os.environ.get("SIKKERHEDSNET_SCREENSHOTS")
    if not folder:
        return
    for width in WIDTHS:
        tab.page.set_viewport_size({"width": width, "height": 900})
        path = Path(folder) / f"{role or 'logged-out'}-{width}.png"
        tab.page.screenshot(path=str(path), full_page=True)


def _crawl(tab: Tab, origin: str, *, logged_in: bool) -> Crawl:
    start = tab.page.url.removeprefix(origin) or "/"
    queue, seen = deque([start]), {start}
    per_pattern: Counter[str] = Counter()
    crawl = Crawl(pages=[], files=[], failures=[])
    while queue:
        path = queue.popleft()
        # Every problem of the crawl at once, not only the first: one run shows them all.
        try:
            if path.split("?")[0].endswith(FILE_SUFFIXES):
                crawl.files.append(path)
                _fetch_file(tab, path)
                continue
            crawl.pages.append(path)
            _check_page(tab, path, logged_in=logged_in)
        except AssertionError as problem:
            crawl.failures.append(f"{path}: {problem}")
            if tab.page.url.removeprefix(origin) != path:
                continue
        for link in _links(tab, origin):
            pattern = _pattern(link.split("?")[0])
            if link in seen or pattern is None or per_pattern[pattern] >= PER_PATTERN:
                continue
            seen.add(link)
            per_pattern[pattern] += 1
            queue.append(link)
    return crawl


def crawl_as(browser: Browser, demo_town: Town, role: str) -> None:
    """Log in as `role` (ANONYMOUS: not at all), crawl, print the counts, fail on any problem."""
    tab = open_tab(browser, demo_town.url)
    started = time.monotonic()
    try:
        if role:
            tab.log_in(role, password=DEMO_PASSWORD)
        else:
            tab.goto("/login/")
        _screenshot_front_page(tab, role)
        crawl = _crawl(tab, demo_town.url, logged_in=bool(role))
    finally:
        tab.page.context.close()
    assert crawl.pages, f"{role}: nothing to crawl"
    widths = " and ".join(map(str, WIDTHS))
    print(
        f"\ncrawl {role or 'logged out'}: {len(crawl.pages)} pages at {widths} px, "
        f"{len(crawl.files)} files, {time.monotonic() - started:.0f} s"
    )
    assert not crawl.failures, "\n\n".join(crawl.failures)
