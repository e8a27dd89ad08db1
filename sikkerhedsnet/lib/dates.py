from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.utils import translation

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


# How a moment is written for the reader, one helper per language (the UI language in force).
# Danish: 22.11.2026 kl. 14.05 (Retskrivningsordbogen: a full stop between hours and minutes);
# English: 22.11.2026 at 14:05 (the date stays day.month.year, the clock gets a colon).


def _danish_moment(at: datetime) -> str:
    return f"{at:%d.%m.%Y} kl. {at:%H.%M}"


def _english_moment(at: datetime) -> str:
    return f"{at:%d.%m.%Y} at {at:%H:%M}"


def _danish_clock(at: datetime) -> str:
    return f"kl. {at:%H.%M}"


def _english_clock(at: datetime) -> str:
    return f"at {at:%H:%M}"


MOMENT_FORMATS: dict[str, Callable[[datetime], str]] = {
    "da": _danish_moment,
    "en": _english_moment,
}
CLOCK_FORMATS: dict[str, Callable[[datetime], str]] = {
    "da": _danish_clock,
    "en": _english_clock,
}


def _language(language: str | None) -> str:
    code = (language or translation.get_language() or "da").split("-")[0].lower()
    return code if code in MOMENT_FORMATS else "da"


def local_text(at: Moment | None, *, language: str | None = None) -> str:
    """A moment as the reader writes it, in Danish time: "22.11.2026 kl. 14.05" in Danish,
    "22.11.2026 at 14:05" in English; a bare date is just "22.11.2026". Empty for None.
    `language` defaults to the active UI language."""
    if at is None:
        return ""
    if not isinstance(at, datetime):
        return f"{at:%d.%m.%Y}"
    return MOMENT_FORMATS[_language(language)](at.astimezone(COPENHAGEN))


def local_clock_text(at: datetime | None, *, language: str | None = None) -> str:
    """Only the clock of a moment, in Danish time: "kl. 14.05" / "at 14:05". Empty for None."""
    if at is None:
        return ""
    return CLOCK_FORMATS[_language(language)](at.astimezone(COPENHAGEN))
