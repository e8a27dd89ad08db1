"""A professional screens a whole group of 20 children with the keyboard only, in Chromium.

She focuses the first radio button and from then on uses only Tab, the arrow keys, Space and
letters: her own rating, the joint position and sometimes a short reason, row by row. Every
change saves itself (HTMX). After a reload every position is there. axe-core checks the round
page (before and after) and the overview, through conftest.Tab.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from sikkerhedsnet.people.models import Child, Role, User
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.models import Rating, Screening
from tests.browser.conftest import Tab, assert_accessible
from tests.town import Town

pytestmark = pytest.mark.browser

NewTab = Callable[..., Tab]
GROUP = "Bierne"
LABELS = {"green": "Grøn", "yellow": "Gul", "red": "Rød"}
# From an unchecked group, Space checks the first option; each ArrowDown checks the next one.
KEYS = {"green": ["Space"], "yellow": ["ArrowDown"], "red": ["ArrowDown", "ArrowDown"]}
CYCLE = ["green", "yellow", "red", "green", "green"]


@dataclass(frozen=True)
class Group:
    professional: User
    manager: User
    children: list[Child]


@pytest.fixture
def group(town: Town) -> Group:
    professional = f.staff(Role.PROFESSIONAL, town.unit, username="pia", first_name="Pia")
    manager = f.staff(Role.MANAGEMENT, username="mads", first_name="Mads")
    children = [
        f.EnrolmentFactory.create(
            unit=town.unit,
            group=GROUP,
            child=f.ChildFactory.create(first_name=f"Barn{n:02d}", last_name="Bie"),
        ).child
        for n in range(20)
    ]
    return Group(professional, manager, children)


def _plan(index: int) -> tuple[str, str, str]:
    """(own rating, joint position, reason) for the index-th child."""
    rating = CYCLE[index % len(CYCLE)]
    joint = CYCLE[(index + 1) % len(CYCLE)]
    reason = f"Kort begrundelse {index}" if index % 4 == 0 else ""
    return rating, joint, reason


def _focused_id(page: Page) -> str:
    return str(page.evaluate("() => document.activeElement && document.activeElement.id"))


def _tab_until(page: Page, prefix: str, *, limit: int = 8) -> str:
    """Press Tab until an element whose id starts with `prefix` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = _focused_id(page)
        if focused.startswith(prefix):
            return focused
    raise AssertionError(f"Tab never reached {prefix}; the focus is on {_focused_id(page)!r}")


def _choose(page: Page, position: str) -> None:
    for key in KEYS[position]:
        page.keyboard.press(key)


def test_a_professional_screens_a_group_of_20_with_the_keyboard_only(
    new_tab: NewTab, town: Town, group: Group
) -> None:
    tab = new_tab()
    tab.log_in(group.professional.username)
    url = f"/enheder/{town.unit.pk}/runde/?gruppe={GROUP}"
    tab.goto(url)
    page = tab.page
    rows = page.locator("#round-table tbody tr")
    assert rows.count() == 20
    assert page.locator(".round-save:visible").count() == 0  # htmx saves; no buttons to tab over
    ids = [int(rows.nth(i).get_attribute("id").removeprefix("barn-")) for i in range(20)]  # type: ignore[union-attr]

    page.focus(f"#rating-{ids[0]}-green")  # the one programmatic step: where to start
    for index, child_id in enumerate(ids):
        rating, joint, reason = _plan(index)
        if index:
            assert _tab_until(page, "rating-") == f"rating-{child_id}-green"
        _choose(page, rating)
        assert _tab_until(page, "joint-") == f"joint-{child_id}-green"
        _choose(page, joint)
        assert _tab_until(page, "reason-") == f"reason-{child_id}"
        if reason:
            page.keyboard.type(reason)
    page.keyboard.press("Tab")  # leaving the last reason field saves it ("change")

    for index, child_id in enumerate(ids):
        joint_label = LABELS[_plan(index)[1]]
        status = page.locator(f"#status-{child_id}")
        status.filter(has_text=f"Den fælles position er gemt: {joint_label}").wait_for()
    assert not tab.problems, tab.problems
    assert_accessible(page)  # with the saved messages in the rows

    tab.goto(url)  # reload: what was saved is what the page shows
    for index, child_id in enumerate(ids):
        rating, joint, reason = _plan(index)
        assert page.is_checked(f"#rating-{child_id}-{rating}"), (index, "rating")
        assert page.is_checked(f"#joint-{child_id}-{joint}"), (index, "joint")
        assert page.input_value(f"#reason-{child_id}") == reason
        assert "1 vurdering" in page.inner_text(f"#ratings-{child_id}")

    saved = {s.child_id: (s.position, s.reason, s.recorded_by_id) for s in Screening.objects.all()}
    expected = {
        child_id: (_plan(i)[1], _plan(i)[2], group.professional.pk)
        for i, child_id in enumerate(ids)
    }
    assert saved == expected
    mine = dict(Rating.objects.filter(rater=group.professional).values_list("child_id", "position"))
    assert mine == {child_id: _plan(i)[0] for i, child_id in enumerate(ids)}

    tab.goto(f"/enheder/{town.unit.pk}/overblik/")  # axe on the overview, exact numbers
    assert "Tallene er præcise" in page.inner_text("main")


def test_the_overview_with_suppressed_numbers_is_accessible(
    new_tab: NewTab, town: Town, group: Group
) -> None:
    tab = new_tab()
    tab.log_in(group.manager.username)
    tab.goto(f"/enheder/{town.unit.pk}/overblik/")
    main = tab.page.inner_text("main")
    assert "under 5" in main
    assert "Barn00" not in main


def test_a_conflict_is_shown_in_the_row_and_my_choice_stays(
    new_tab: NewTab, town: Town, group: Group
) -> None:
    """Two professionals have the page open; the second one's change is refused, not lost."""
    first, second = new_tab(), new_tab()
    url = f"/enheder/{town.unit.pk}/runde/?gruppe={GROUP}"
    child_id = group.children[0].pk
    for tab, user in ((first, town.leader), (second, group.professional)):
        tab.log_in(user.username)
        tab.goto(url)

    first.page.focus(f"#joint-{child_id}-green")
    first.page.keyboard.press("ArrowDown")  # yellow
    first.page.locator(f"#status-{child_id}").filter(has_text="gemt: Gul").wait_for()

    second.page.focus(f"#joint-{child_id}-green")
    second.page.keyboard.press("ArrowDown")
    second.page.keyboard.press("ArrowDown")  # red
    status = second.page.locator(f"#status-{child_id}")
    status.filter(has_text="Den fælles position blev ændret til Gul").wait_for()
    assert second.page.is_checked(f"#joint-{child_id}-red")  # the choice is still there
    assert Screening.objects.get(child_id=child_id).position == "yellow"
    assert_accessible(second.page)

    _tab_until(second.page, "reason-")
    second.page.keyboard.press("Tab")  # the next stop is the button in the conflict message
    focused = second.page.evaluate("() => document.activeElement.textContent")
    assert "Gem Rød alligevel" in focused
    second.page.keyboard.press("Enter")
    status.filter(has_text="Den fælles position er gemt: Rød").wait_for()
    assert Screening.objects.get(child_id=child_id).position == "red"
    assert not first.problems
    assert not second.problems


def test_a_save_that_cannot_be_made_says_so_in_the_row(
    new_tab: NewTab, town: Town, group: Group
) -> None:
    tab = new_tab()
    tab.log_in(group.professional.username)
    tab.goto(f"/enheder/{town.unit.pk}/runde/?gruppe={GROUP}")
    first, second = (child.pk for child in group.children[:2])

    yesterday = timezone.localdate() - timedelta(days=1)
    group.children[0].enrolments.update(until=yesterday)  # the child has left meanwhile
    tab.page.focus(f"#rating-{first}-green")
    tab.page.keyboard.press("Space")
    tab.page.locator(f"#status-{first}").filter(has_text="Ikke gemt. Genindlæs siden").wait_for()
    # The refused request is logged by the page's checks (and by htmx on the console): expected.
    assert any("HTTP 404 for" in p and f"/runde/{first}/" in p for p in tab.problems)
    tab.problems.clear()

    tab.page.context.clear_cookies(name="sessionid")  # as after the idle timeout
    tab.page.focus(f"#rating-{second}-green")
    tab.page.keyboard.press("Space")
    status = tab.page.locator(f"#status-{second}")
    status.filter(has_text="du er blevet logget af").wait_for()
    assert "Adgangskode" not in status.inner_text()
    assert not Rating.objects.exists()
