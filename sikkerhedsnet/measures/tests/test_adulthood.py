from datetime import date, timedelta

import pytest

from sikkerhedsnet.measures.adulthood import (
    adult_on,
    coordinator_due,
    coordinator_overdue_birth_range,
    transition_list_birth_range,
)

DAY = date(2026, 11, 25)
ONE_DAY = timedelta(days=1)


def _listed(birth: date, day: date = DAY) -> bool:
    after, up_to = transition_list_birth_range(day)
    return after < birth <= up_to


@pytest.mark.parametrize(
    ("birth", "listed"),
    [
        (date(2009, 11, 26), False),  # 17 tomorrow
        (date(2009, 11, 25), True),  # 17 today
        (date(2008, 11, 26), True),  # 18 tomorrow
        (date(2008, 11, 25), False),  # 18 today
    ],
)
def test_the_list_runs_from_17_years_to_the_day_before_18(birth: date, listed: bool) -> None:
    assert _listed(birth) is listed


def test_a_birthday_the_month_does_not_have_falls_on_its_last_day() -> None:
    # Born 31.05.2009: 17 years and 6 months on 30.11.2026 (November has no 31st).
    assert coordinator_due(date(2009, 5, 31)) == date(2026, 11, 30)
    assert _listed(date(2009, 2, 28), date(2026, 2, 28))
    assert adult_on(date(2008, 2, 29)) == date(2026, 2, 28)


@pytest.mark.parametrize(
    ("birth", "overdue"),
    [
        (date(2009, 5, 25), False),  # 17½ today: still in time
        (date(2009, 5, 24), True),  # 17½ yesterday
        (date(2008, 11, 26), True),  # 18 tomorrow
        (date(2008, 11, 25), False),  # 18 today: off the list
    ],
)
def test_the_coordinator_is_overdue_from_the_day_after_17_and_a_half(
    birth: date, overdue: bool
) -> None:
    after, up_to = coordinator_overdue_birth_range(DAY)
    assert (after < birth <= up_to) is overdue
    assert (coordinator_due(birth) < DAY and adult_on(birth) > DAY) is overdue


@pytest.mark.parametrize("day", [date(2026, 11, 30), date(2026, 12, 1), date(2027, 3, 1)])
def test_the_birth_date_cut_offs_agree_with_the_dates_shown(day: date) -> None:
    after, up_to = coordinator_overdue_birth_range(day)
    assert coordinator_due(up_to) < day <= coordinator_due(up_to + ONE_DAY)
    assert adult_on(after) <= day < adult_on(after + ONE_DAY)
