"""The ages of the move to adulthood (DESIGN §3): the one place for the dates they fall on.

A young person with an open measure is on the transition list from `transition_list_age_months`
(17 years) until the day before she turns 18; by `adult_coordinator_age_months` (17½) an
adult-services coordinator is named. After 18 the case goes on as aftercare (efterværn) with
adult services, and the list's work (planning the move) is done.

A birthday falls on the same day of the month; from a day the month does not have (31st, 29
February) on the month's last day, as add_months counts. The database queries compare birth
dates with cut-offs computed here, so the list, the agenda and the rule agree to the day.
"""

from __future__ import annotations

from datetime import date, timedelta

from sikkerhedsnet.lib.dates import add_months, last_start_overdue_on
from sikkerhedsnet.policy import get_policy

ADULT_MONTHS = 18 * 12
ONE_DAY = timedelta(days=1)


def turns(birth_date: date, months: int) -> date:
    """The day a person born on `birth_date` is `months` old."""
    return add_months(birth_date, months)


def born_on_or_before_to_be(months: int, *, day: date) -> date:
    """The last birth date of those who are at least `months` old on `day`."""
    return last_start_overdue_on(day + ONE_DAY, lambda birth: turns(birth, months))


def transition_list_birth_range(day: date) -> tuple[date, date]:
    """(after, up to and including): birth dates of those on the list on `day`."""
    listed_from = get_policy().transition_list_age_months
    return born_on_or_before_to_be(ADULT_MONTHS, day=day), born_on_or_before_to_be(
        listed_from, day=day
    )


def coordinator_overdue_birth_range(day: date) -> tuple[date, date]:
    """(after, up to and including): birth dates of those whose coordinator is overdue on `day`.

    Named "by 17½" means the 17½ birthday itself is still in time; the gap starts the day after.
    """
    months = get_policy().adult_coordinator_age_months
    return born_on_or_before_to_be(ADULT_MONTHS, day=day), born_on_or_before_to_be(
        months, day=day - ONE_DAY
    )


def coordinator_due(birth_date: date) -> date:
    return turns(birth_date, get_policy().adult_coordinator_age_months)


def adult_on(birth_date: date) -> date:
    return turns(birth_date, ADULT_MONTHS)
