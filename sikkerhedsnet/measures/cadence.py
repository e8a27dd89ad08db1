"""Follow-up deadlines of a measure: the one place that says when the next review is due.

DESIGN §3: a measure is first followed up at the latest `first_follow_up_months` after it
starts (the law). After that the model follows up every `support_follow_up_months` for support
measures and every `residential_follow_up_weeks` for a child in a residential institution, unless
the caseworker sets another interval with a written reason.

The residential cadence applies from the start: a child newly placed in a residential
institution is seen after 6 weeks, not after 3 months, because the first weeks in an
institution are when things go wrong soonest, and the stricter local rule should not wait for
the law's first review. The first review is therefore the earlier of the two deadlines.

"Residential institution" means the døgninstitution and its partly closed or secure units
(legally a department of a døgninstitution). An opholdssted, own room and the foster family
kinds follow the support cadence, as the other placements do.

All dates are Danish calendar days; a follow-up is due *on* the date returned, and overdue
from the day after.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from sikkerhedsnet.lib.dates import add_months, last_start_overdue_on
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.policy import get_policy

ONE_DAY = timedelta(days=1)
RESIDENTIAL_CADENCE_KINDS = frozenset(
    {MeasureKind.RESIDENTIAL_INSTITUTION, MeasureKind.SECURE_UNIT}
)


def uses_residential_cadence(kind: str) -> bool:
    return kind in RESIDENTIAL_CADENCE_KINDS


def first_follow_up_due(*, kind: str, start_date: date) -> date:
    """The last day on which the first follow-up of a measure started on `start_date` is on time."""
    policy = get_policy()
    due = add_months(start_date, policy.first_follow_up_months)
    if uses_residential_cadence(kind):
        due = min(due, start_date + timedelta(weeks=policy.residential_follow_up_weeks))
    return due


def next_follow_up_due(*, kind: str, held_on: date, interval_weeks: int | None) -> date:
    """The last day for the follow-up after one held on `held_on`.

    `interval_weeks` is the caseworker's own interval (set with a reason); it overrides policy
    in either direction.
    """
    if interval_weeks is not None:
        return held_on + timedelta(weeks=interval_weeks)
    policy = get_policy()
    if uses_residential_cadence(kind):
        return held_on + timedelta(weeks=policy.residential_follow_up_weeks)
    return add_months(held_on, policy.support_follow_up_months)


def follow_up_due(
    *, kind: str, start_date: date, last_held_on: date | None, interval_weeks: int | None
) -> date:
    """The next follow-up deadline of a started measure, from its latest follow-up.

    Before the first follow-up the law's deadline stands; the caseworker's interval may bring it
    forward (a review after 2 weeks) but never put it off.
    """
    if last_held_on is not None:
        return next_follow_up_due(kind=kind, held_on=last_held_on, interval_weeks=interval_weeks)
    first = first_follow_up_due(kind=kind, start_date=start_date)
    if interval_weeks is None:
        return first
    return min(first, start_date + timedelta(weeks=interval_weeks))


def latest_start_with_first_follow_up_overdue(*, kind: str, day: date) -> date:
    """The last start date whose first follow-up is overdue on `day` (due before `day`).

    Month arithmetic clamps to the month's end, so it has no exact inverse; the rule asks the
    database `start_date <= this` instead, which keeps it set-based (lib.dates' one search).
    """
    return last_start_overdue_on(
        day, lambda start: first_follow_up_due(kind=kind, start_date=start)
    )


# Supervision visits -----------------------------------------------------------------------------
#
# The law asks for `supervision_visits_per_year` visits a year in which the child is spoken to.
# A placement owes them pro rata from its start: with 2 a year, the first visit is due 6 months
# after the start and the second 12 months after; from then on there must be 2 within any 12
# months. A placement younger than 6 months owes none yet, so a short emergency placement is not
# flagged, but one that has run 11 months without a visit is.

SUPERVISION_WINDOW_MONTHS = 12


def supervision_levels() -> list[tuple[int, int]]:
    """(visits owed, months after the start from which they are owed), lowest first."""
    per_year = get_policy().supervision_visits_per_year
    return [(owed, SUPERVISION_WINDOW_MONTHS * owed // per_year) for owed in range(1, per_year + 1)]


def supervision_visits_owed(*, start_date: date, day: date) -> int:
    """How many visits speaking with the child the placement should have had by `day`."""
    owed = 0
    for visits, months in supervision_levels():
        if add_months(start_date, months) < day:
            owed = visits
    return owed


def supervision_cut_offs(day: date) -> list[tuple[int, date]]:
    """(visits owed, last start date that owes them on `day`), lowest first; for the rule."""
    return [
        (owed, last_start_overdue_on(day, _after(months))) for owed, months in supervision_levels()
    ]


def _after(months: int) -> Callable[[date], date]:
    return lambda start: add_months(start, months)


def supervision_window_start(day: date) -> date:
    """The first day of the 12 months that end with `day`; visits from then on count."""
    return add_months(day, -SUPERVISION_WINDOW_MONTHS)


def supervision_visit_due(*, start_date: date, visits: list[date], day: date) -> date | None:
    """The last day on which a placement started on `start_date` has the visits it owes (the
    day after, PLACEMENT_SUPERVISION_MISSING flags it), as the case's next deadline on `day`.

    `visits` are the days of visits speaking with the child up to `day`. When the placement is
    short of visits on `day`, this is the day before it first fell short (a past date: overdue);
    otherwise the day before it next falls short with no further visit. What it owes and has
    changes only on a few days (a level is reached, a visit is made or leaves the 12 months), so
    those days are all that need looking at. None when the policy asks for no visits.
    """
    levels = [add_months(start_date, months) + ONE_DAY for _, months in supervision_levels()]
    changes = sorted({day, *levels, *visits, *(_leaves_window(visit) for visit in visits)})

    def short(on: date) -> bool:
        window = supervision_window_start(on)
        counted = sum(window <= visit <= on for visit in visits)
        return counted < supervision_visits_owed(start_date=start_date, day=on)

    if short(day):
        earlier = [change for change in changes if change <= day]
        first_short = day
        for change in reversed(earlier):
            if not short(change):
                break
            first_short = change
        return first_short - ONE_DAY
    later = (change for change in changes if change > day and short(change))
    first = next(later, None)
    return None if first is None else first - ONE_DAY


def _leaves_window(visit: date) -> date:
    """The first day on which a visit no longer counts among the last 12 months' visits."""
    leaves = add_months(visit, SUPERVISION_WINDOW_MONTHS)
    while supervision_window_start(leaves) <= visit:
        leaves += ONE_DAY
    return leaves
