"""The crawl (tests/browser/crawl.py) as each frontline professional: the daycare's pedagogue,
the teacher, the SFO pedagogue, the health visitor and dental staff."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.crawl import FRONTLINE, Town, crawl_as, demo_town

# The marker sets the test database up; each test runs in a transaction of its own, rolled back,
# above the module's committed town.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

__all__ = ["demo_town"]  # the module's town, a fixture


@pytest.mark.parametrize("role", FRONTLINE)
def test_every_page_a_role_reaches_works_at_both_widths(
    browser: Browser, demo_town: Town, role: str
) -> None:
    crawl_as(browser, demo_town, role)
