"""The child's timeline: every area's entries merged, newest first, capped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.lib.plugins import overridden
from sikkerhedsnet.people import child_page, hooks, selectors
from sikkerhedsnet.people.access import ChildAccess
from sikkerhedsnet.people.models import Child, User

CPH = ZoneInfo("Europe/Copenhagen")
# What a timeline source returns; the fixture below hands the test its one source's list.
Entries = list[hooks.TimelineEntry]


def access_to(child: Child) -> ChildAccess:
    return ChildAccess(child=child, basis="test", can_see_full_cpr=False)


@pytest.fixture
def only_source() -> Iterator[Entries]:
    """One test source (returning this list) in place of the table's sources."""
    entries: Entries = []

    def source(viewer: User, child: Child, access: ChildAccess, *, limit: int) -> Entries:
        return entries[:limit]

    with overridden("timeline_sources", [source]):
        yield entries


def entry(when: date | datetime, title: str = "") -> hooks.TimelineEntry:
    return hooks.TimelineEntry(when=when, kind="Test", title=title or str(when))


def test_entries_are_merged_newest_first(world: World, only_source: Entries) -> None:
    only_source += [
        entry(date(2026, 3, 1), "marts"),
        entry(datetime(2026, 5, 1, 8, 0, tzinfo=CPH), "maj, morgen"),
        entry(date(2026, 5, 1), "maj, dagen"),
        entry(datetime(2026, 5, 1, 23, 30, tzinfo=CPH), "maj, aften"),
        entry(date(2025, 12, 24), "jul"),
    ]
    found = selectors.child_timeline(viewer=world.colleague, access=access_to(world.child))
    titles = [item.title for item in found.entries]
    assert titles == ["maj, aften", "maj, morgen", "maj, dagen", "marts", "jul"]
    assert not found.has_more


def test_on_one_day_the_later_step_of_the_work_comes_first(
    world: World, only_source: Entries
) -> None:
    day = date(2026, 11, 2)
    only_source += [
        hooks.TimelineEntry(when=day, kind="T", title="position", stage=hooks.STAGE["screening"]),
        hooks.TimelineEntry(when=day, kind="T", title="plan", stage=hooks.STAGE["unit_plan"]),
        hooks.TimelineEntry(
            when=day, kind="T", title="dialog", stage=hooks.STAGE["dialogue_meeting"]
        ),
    ]
    found = selectors.child_timeline(viewer=world.colleague, access=access_to(world.child))
    assert [item.title for item in found.entries] == ["plan", "dialog", "position"]


def test_a_moment_sorts_by_its_danish_day(world: World, only_source: Entries) -> None:
    # 23:30 UTC on 1 May is 2 May in Copenhagen: after a bare 1 May.
    only_source += [
        entry(date(2026, 5, 1), "1. maj"),
        entry(datetime(2026, 5, 1, 23, 30, tzinfo=ZoneInfo("UTC")), "2. maj"),
    ]
    found = selectors.child_timeline(viewer=world.colleague, access=access_to(world.child))
    assert [item.title for item in found.entries] == ["2. maj", "1. maj"]


def test_every_listed_source_is_asked(world: World) -> None:
    def one(title: str, day: date) -> hooks.TimelineSource:
        return lambda viewer, child, access, *, limit: [entry(day, title)]

    with overridden("timeline_sources", [one("a", date(2026, 1, 1)), one("b", date(2026, 2, 1))]):
        found = selectors.child_timeline(viewer=world.colleague, access=access_to(world.child))
    assert [item.title for item in found.entries] == ["b", "a"]


def test_every_area_lists_its_sources_once() -> None:
    sources = hooks.timeline_sources()
    assert len(sources) == len(set(sources)) >= 15


def test_it_is_capped_and_says_there_is_more(world: World, only_source: Entries) -> None:
    only_source += [
        entry(date(2026, 1, 1 + i % 28), f"n{i}") for i in range(selectors.FIRST_SHOWN + 1)
    ]
    found = selectors.child_timeline(viewer=world.colleague, access=access_to(world.child))
    assert len(found.entries) == selectors.FIRST_SHOWN
    assert found.has_more


@pytest.mark.parametrize(
    ("raw", "limit"),
    [(None, 50), ("", 50), ("100", 100), ("abc", 50), ("-5", 50), ("999999", selectors.MAX_SHOWN)],
)
def test_the_asked_number_is_kept_within_bounds(raw: str | None, limit: int) -> None:
    assert child_page.shown_limit(raw) == limit


def test_the_child_page_shows_the_timeline(world: World, only_source: Entries) -> None:
    only_source.append(entry(date(2026, 4, 2), "Noget skete"))
    page = client_for(world.colleague).get(f"/boern/{world.child.pk}/").content.decode()
    assert 'id="timeline-heading">Tidslinje</h2>' in page
    assert "02.04.2026" in page
    assert "Noget skete" in page
    assert "Vis flere" not in page


def test_the_empty_timeline_says_so(world: World, only_source: Entries) -> None:
    page = client_for(world.colleague).get(f"/boern/{world.child.pk}/").content.decode()
    assert "Der er ingen hændelser, som du kan se." in page


def test_show_more_loads_the_next_entries_with_htmx(world: World, only_source: Entries) -> None:
    only_source += [entry(date(2020, 1, 1), f"n{i}") for i in range(selectors.FIRST_SHOWN + 5)]
    client = client_for(world.colleague)
    page = client.get(f"/boern/{world.child.pk}/").content.decode()
    assert f'hx-get="/boern/{world.child.pk}/tidslinje/?antal=100"' in page
    more = client.get(f"/boern/{world.child.pk}/tidslinje/?antal=100", HTTP_HX_REQUEST="true")
    text = more.content.decode()
    assert text.startswith('<section id="timeline"')
    assert text.count("<tr>") == 1 + 55
    assert "Vis flere" not in text


def test_show_more_without_javascript_is_a_page(world: World, only_source: Entries) -> None:
    response = client_for(world.colleague).get(f"/boern/{world.child.pk}/tidslinje/?antal=x")
    assert response.status_code == 200
    assert "Tidslinje for" in response.content.decode()


def test_it_requires_access(world: World) -> None:
    response = client_for(world.outsider).get(f"/boern/{world.child.pk}/tidslinje/")
    assert response.status_code == 404
    assert not AccessLog.objects.exists()


def test_show_more_is_logged(world: World) -> None:
    client_for(world.colleague).get(f"/boern/{world.child.pk}/tidslinje/")
    row = AccessLog.objects.get()
    assert (row.user, row.child, row.shown) == (world.colleague, world.child, "Barnets tidslinje")
