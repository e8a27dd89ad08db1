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

from datetime import date, timedelta

from sikkerhedsnet.lib.dates import add_months
from sikkerhedsnet.measures.ladder import MeasureKind
from sikkerhedsnet.policy import get_policy

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


def latest_start_with_first_follow_up_overdue(*, kind: str, day: date) -> date:
    """The last start date whose first follow-up is overdue on `day` (due before `day`).

    Month arithmetic clamps to the month's end, so it has no exact inverse; the due date never
    decreases as the start date grows, so the answer is found by stepping from a close guess.
    The safety-net rule uses it to ask the database `start_date <= cut-off` per cadence.
    """
    start = add_months(day, -get_policy().first_follow_up_months)
    while first_follow_up_due(kind=kind, start_date=start) >= day:
        start -= timedelta(days=1)
    while first_follow_up_due(kind=kind, start_date=start + timedelta(days=1)) < day:
        start += timedelta(days=1)
    return start
