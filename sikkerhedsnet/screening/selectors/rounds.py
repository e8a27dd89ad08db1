"""Screening rounds, computed from the policy's deadlines; nothing about rounds is stored.

A round runs from the day after the previous deadline to its own deadline, both inclusive. With
the default deadlines 1 March and 15 October, the round with deadline 1 March 2027 runs from
16 October 2026 to 1 March 2027.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from sikkerhedsnet.policy import get_policy


@dataclass(frozen=True, order=True)
class Round:
    starts_on: date
    deadline: date

    @property
    def label(self) -> str:
        return _("Runden med frist %(date)s") % {"date": self.deadline.strftime("%d.%m.%Y")}

    def contains(self, day: date) -> bool:
        return self.starts_on <= day <= self.deadline


def _deadlines_around(year: int) -> list[date]:
    month_days = get_policy().screening_round_deadlines
    return sorted(date(y, m, d) for y in (year - 1, year, year + 1) for m, d in month_days)


def _round_ending(deadline: date) -> Round:
    earlier = [d for d in _deadlines_around(deadline.year) if d < deadline]
    return Round(starts_on=earlier[-1] + timedelta(days=1), deadline=deadline)


def round_on(day: date) -> Round:
    """The round whose period contains `day` (its deadline is on or after `day`)."""
    deadline = next(d for d in _deadlines_around(day.year) if d >= day)
    return _round_ending(deadline)


def round_with_deadline(deadline: date) -> Round:
    if deadline not in _deadlines_around(deadline.year):
        raise ValueError(f"{deadline} is not a screening deadline")
    return _round_ending(deadline)


def previous_round(current: Round) -> Round:
    return round_on(current.starts_on - timedelta(days=1))


def last_closed_round(day: date) -> Round:
    """The latest round whose deadline has passed by `day`."""
    return previous_round(round_on(day))
