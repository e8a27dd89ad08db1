"""The crawl (tests/browser/crawl.py) logged out and as every other demo role: the daycare's
leder, the family department, PPR, ledelsen, the data protection officer and the
administrator."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.crawl import ANONYMOUS, FRONTLINE, ROLES, Town, crawl_as, demo_town

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OTHERS = tuple(role for role in ROLES if role not in FRONTLINE)
__all__ = ["demo_town"]  # the module's town, a fixture


def test_the_two_crawl_modules_cover_every_demo_login_and_no_login() -> None:
    assert ANONYMOUS in OTHERS
    assert set(FRONTLINE) | set(OTHERS) == set(ROLES)
    assert set(FRONTLINE) < set(ROLES)


@pytest.mark.parametrize("role", OTHERS, ids=lambda role: role or "logged-out")
def test_every_page_a_role_reaches_works_at_both_widths(
    browser: Browser, demo_town: Town, role: str
) -> None:
    crawl_as(browser, demo_town, role)
