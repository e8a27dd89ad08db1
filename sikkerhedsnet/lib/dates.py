from __future__ import annotations

import calendar
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
