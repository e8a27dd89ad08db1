from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import given, settings
from hypothesis import strategies as st

from sikkerhedsnet.audit.models import AccessLog
from sikkerhedsnet.conftest import World, client_for
from sikkerhedsnet.people.models import Child, Role
from sikkerhedsnet.people.tests import factories as f
from sikkerhedsnet.screening.selectors.overview import (
    ENROLLED,
    NOT_SCREENED,
    SCREENED,
    TOTAL,
    RoundOverview,
    _equations,
    suppress,
    unit_overview,
)
from sikkerhedsnet.screening.tests.factories import ScreeningFactory

CPH = ZoneInfo("Europe/Copenhagen")
NOV_22 = datetime(2026, 11, 22, 10, 0, tzinfo=CPH)
CURRENT_DAY = date(2026, 11, 22)  # in the round with deadline 1 March 2027
CLOSED_DAY = date(2026, 9, 1)  # in the round with deadline 15 October 2026


def _children(world: World, n: int, group: str, birth: date) -> list[Child]:
    return [
        f.EnrolmentFactory.create(
            unit=world.unit, group=group, child=f.ChildFactory.create(birth_date=birth)
        ).child
        for _ in range(n)
    ]


def _screen(children: list[Child], world: World, day: date, *positions: str) -> None:
    for child, position in zip(children, positions, strict=False):
        ScreeningFactory.create(child=child, unit=world.unit, screened_on=day, position=position)


@pytest.fixture
def town(world: World) -> World:
    """Sommerfuglene: 7 five-year-olds (with world.child); Mariehønen: 3 three-year-olds."""
    butterflies = [world.child, *_children(world, 6, "Sommerfuglene", date(2021, 5, 17))]
    ladybirds = _children(world, 3, "Mariehønen", date(2023, 1, 10))
    _screen(butterflies, world, CURRENT_DAY, "green", "green", "green", "green", "yellow")
    _screen(ladybirds, world, CURRENT_DAY, "red")
    _screen(butterflies, world, CLOSED_DAY, *["green"] * 7)
    return world


def _overview(world: World, *, suppressed: bool, day: date = CURRENT_DAY) -> list[RoundOverview]:
    return unit_overview(unit=world.unit, day=day, suppressed=suppressed)


def _row(distribution: Any, label: str) -> dict[str, Any]:
    return {c: cell.text for c, cell in dict(distribution.rows)[label].items()}


# The numbers -------------------------------------------------------------------------------


def test_coverage_and_distribution_of_the_current_round(town: World) -> None:
    current, _closed = _overview(town, suppressed=False)
    assert (current.round.deadline, current.closed) == (date(2027, 3, 1), False)
    assert current.counts | {} == {
        "green": 4,
        "yellow": 1,
        "red": 1,
        "elsewhere": 0,
        SCREENED: 6,
        NOT_SCREENED: 4,
        ENROLLED: 10,
    }
    assert _row(current.by_group, "Sommerfuglene") == {
        "green": "4",
        "yellow": "1",
        "red": "0",
        SCREENED: "5",
        NOT_SCREENED: "2",
        ENROLLED: "7",
    }
    assert _row(current.by_age, "3 år")["red"] == "1"
    assert [label for label, _ in current.by_age.rows] == ["3 år", "5 år"]
    assert not current.show_elsewhere


def test_the_closed_round_counts_the_unscreened_as_overdue(town: World) -> None:
    _, closed = _overview(town, suppressed=False)
    assert (closed.round.deadline, closed.closed) == (date(2026, 10, 15), True)
    assert closed.not_screened_label == "Overskredet"
    assert _row(closed.by_group, "Mariehønen")[NOT_SCREENED] == "3"
    assert closed.counts[SCREENED] == 7


def test_children_enrolled_after_the_deadline_are_not_in_the_closed_round(town: World) -> None:
    f.EnrolmentFactory.create(unit=town.unit, since=date(2026, 11, 1))
    current, closed = _overview(town, suppressed=False)
    assert (current.counts[ENROLLED], closed.counts[ENROLLED]) == (11, 10)


def test_children_who_have_left_are_not_counted(town: World) -> None:
    town.child.enrolments.update(until=date(2026, 11, 1))
    current, closed = _overview(town, suppressed=False)
    assert (current.counts[ENROLLED], closed.counts[ENROLLED]) == (9, 9)


def test_a_position_from_another_unit_without_consent_counts_as_screened_not_by_colour(
    world: World,
) -> None:
    ScreeningFactory.create(
        child=world.child, unit=world.other_unit, screened_on=CURRENT_DAY, position="red"
    )
    current, _ = _overview(world, suppressed=False)
    assert current.show_elsewhere
    assert (current.counts["red"], current.counts["elsewhere"], current.counts[SCREENED]) == (
        0,
        1,
        1,
    )


@pytest.mark.parametrize(
    ("moment", "current_deadline", "unscreened_now", "overdue"),
    [
        (datetime(2027, 3, 1, 23, 59, tzinfo=CPH), date(2027, 3, 1), 4, 3),
        (datetime(2027, 3, 2, 0, 1, tzinfo=CPH), date(2027, 10, 15), 10, 4),
    ],
)
def test_the_deadline_day_still_belongs_to_the_round(
    town: World, moment: datetime, current_deadline: date, unscreened_now: int, overdue: int
) -> None:
    with time_machine.travel(moment, tick=False):
        day = moment.date()
        current, closed = _overview(town, suppressed=False, day=day)
    assert current.round.deadline == current_deadline
    assert current.counts[NOT_SCREENED] == unscreened_now
    assert closed.counts[NOT_SCREENED] == overdue


# Suppression -------------------------------------------------------------------------------


def test_counts_under_5_are_suppressed_for_statistics(town: World) -> None:
    current, _ = _overview(town, suppressed=True)
    butterflies = _row(current.by_group, "Sommerfuglene")
    assert butterflies["green"] == butterflies["yellow"] == butterflies[NOT_SCREENED] == "under 5"
    # Mariehønen has 3 children ("under 5"); with the unit's 10 shown, Sommerfuglene's 7 would
    # give those 3 away, so it is hidden too.
    assert butterflies[ENROLLED] == "skjult"
    total = current.by_group.total
    assert total[ENROLLED].text == "10"
    assert total[NOT_SCREENED].text == "under 5"
    assert total[SCREENED].text == "skjult"  # else 10 - screened would give "not screened" away


def test_exact_numbers_are_never_suppressed(town: World) -> None:
    current, _ = _overview(town, suppressed=False)
    assert all(not cell.suppressed for _, row in current.by_group.rows for cell in row.values())


def _sums_giving_away_one_cell(cells: dict[Any, dict[str, Any]], partitions: Any) -> list[Any]:
    columns = list(cells[TOTAL])
    return [
        equation
        for equation in _equations(partitions, columns)
        if sum(bool(cells[row][column].suppressed) for row, column in equation) == 1
    ]


counts = st.integers(min_value=0, max_value=30)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(counts, counts, counts, counts), min_size=1, max_size=5))
def test_no_suppressed_count_can_be_worked_out_from_a_sum(rows: list[tuple[int, ...]]) -> None:
    table: dict[Any, dict[str, int]] = {}
    for index, (green, yellow, red, unscreened) in enumerate(rows):
        screened = green + yellow + red
        table[index] = {
            "green": green,
            "yellow": yellow,
            "red": red,
            SCREENED: screened,
            NOT_SCREENED: unscreened,
            ENROLLED: screened + unscreened,
        }
    table[TOTAL] = {c: sum(row[c] for row in table.values()) for c in table[0]}
    cells = suppress(table, partitions=[list(range(len(rows)))], minimum=5)
    assert not _sums_giving_away_one_cell(cells, [list(range(len(rows)))])
    assert all(
        cells[row][c].suppressed == "small"
        for row, values in table.items()
        for c, n in values.items()
        if n < 5
    )


# The page ----------------------------------------------------------------------------------


def url(world: World) -> str:
    return f"/enheder/{world.unit.pk}/overblik/"


@time_machine.travel(NOV_22)
def test_it_requires_access(town: World) -> None:
    assert client_for(town.outsider).get(url(town)).status_code == 404
    assert client_for(town.role_users[Role.DATA_PROTECTION]).get(url(town)).status_code == 404
    assert client_for(town.owner).get("/enheder/999999/overblik/").status_code == 404


@time_machine.travel(NOV_22)
def test_the_leader_sees_exact_numbers(town: World) -> None:
    page = client_for(town.owner).get(url(town)).content.decode()
    assert "Tallene er præcise" in page
    assert "under 5" not in page
    assert "Igangværende runde med frist 01.03.2027" in page
    assert "Afsluttet runde med frist 15.10.2026" in page
    assert "Sommerfuglene" in page
    assert "Overskredet" in page


@pytest.mark.parametrize("role", [Role.MANAGEMENT, Role.ADMINISTRATOR])
@time_machine.travel(NOV_22)
def test_management_sees_suppressed_aggregates_and_no_names(town: World, role: str) -> None:
    response = client_for(town.role_users[role]).get(url(town))
    page = response.content.decode()
    assert response.status_code == 200
    assert "under 5" in page
    assert town.child.first_name not in page
    assert "/boern/" not in page
    assert "/runde/" not in page
    log = AccessLog.objects.get()
    assert (log.user, log.unit, log.child) == (town.role_users[role], town.unit, None)
