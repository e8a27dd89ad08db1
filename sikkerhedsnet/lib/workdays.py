"""Danish working days: Monday to Friday, less the public holidays (the `holidays` package).

Christmas Eve, New Year's Eve and Constitution Day are not public holidays in law and count as
working days, as the package's default Danish calendar has it.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

import holidays


@cache
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DK", years=year))


SATURDAY = 5  # date.weekday(): Monday is 0


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY and day not in _public_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date `count` working days after `start` (the day of `start` itself does not count)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day
