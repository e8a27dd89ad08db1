"""Calendar helpers that agree with `Child.age_on` (a 29 February child turns a year on 1 March)."""

from __future__ import annotations

from datetime import date, timedelta

SCHOOL_YEAR_START_MONTH = 8  # the Danish school year begins in August
ONE_DAY = timedelta(days=1)


def birthday(birth: date, years: int) -> date:
    """The day a child born on `birth` turns `years` old."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # 29 February in a year without one
        return date(birth.year + years, 3, 1)


def add_months_first_of_month(day: date, months: int) -> date:
    """The first day of the month `months` months after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def school_year(day: date) -> int:
    """The calendar year in which the school year containing `day` began."""
    return day.year if day.month >= SCHOOL_YEAR_START_MONTH else day.year - 1


def birth_dates_evenly(today: date, count: int) -> list[date]:
    """`count` birth dates spread evenly over the 18 years up to `today` (ages 0-17)."""
    first = birthday(today, -18) + ONE_DAY
    span = (today - first).days + 1
    return [first + timedelta(days=i * span // count) for i in range(count)]


def age_on(birth: date, day: date) -> int:
    years = day.year - birth.year
    return years - ((day.month, day.day) < (birth.month, birth.day))
