from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

D = TypeVar("D", date, datetime)


def add_months(value: D, months: int) -> D:
    """The same day `months` later (or earlier); the month's last day when it is shorter."""
    month_index = value.month - 1 + months
    year, month = value.year + month_index // 12, month_index % 12 + 1
    day = min(value.day, calendar.monthrange(year, month)[1])
    return value.replace(year=year, month=month, day=day)


COPENHAGEN = ZoneInfo("Europe/Copenhagen")
Moment = date | datetime


def local_day(at: Moment) -> date:
    """The Danish calendar day of a moment (a date is its own day)."""
    if isinstance(at, datetime):
        return at.astimezone(COPENHAGEN).date()
    return at


def instant(at: Moment) -> datetime:
    """A moment as an aware datetime; a bare date stands for the end of that Danish day."""
    if isinstance(at, datetime):
        return at
    return datetime.combine(at + timedelta(days=1), time.min, COPENHAGEN) - timedelta(
        microseconds=1
    )


ONE_DAY = timedelta(days=1)


def last_start_overdue_on(day: date, due_on: Callable[[date], date]) -> date:
    """The latest start date whose deadline (`due_on(start)`) lies before `day`.

    Lets a rule compare a stored start date in the database instead of computing month
    arithmetic in SQL: the deadline has passed exactly when start <= this date. `due_on` only
    ever moves forward with its start, so stepping from a first guess a few days either way
    finds the boundary, whatever the month lengths.
    """
    guess = day - (due_on(day) - day)
    while due_on(guess) >= day:
        guess -= ONE_DAY
    while due_on(guess + ONE_DAY) < day:
        guess += ONE_DAY
    return guess
