from datetime import date, timedelta

import pytest
from pytest_django.fixtures import Settings

from sikkerhedsnet.measures.cadence import (
    first_follow_up_due,
    follow_up_due,
    latest_start_with_first_follow_up_overdue,
    next_follow_up_due,
    supervision_cut_offs,
    supervision_visits_owed,
    supervision_window_start,
    uses_residential_cadence,
)
from sikkerhedsnet.measures.ladder import MeasureKind

RESIDENTIAL = {MeasureKind.RESIDENTIAL_INSTITUTION, MeasureKind.SECURE_UNIT}
OTHER_KINDS = [kind for kind in MeasureKind if kind not in RESIDENTIAL]


@pytest.mark.parametrize("kind", OTHER_KINDS)
def test_first_follow_up_is_three_months_after_start(kind: str) -> None:
    assert first_follow_up_due(kind=kind, start_date=date(2026, 1, 15)) == date(2026, 4, 15)


@pytest.mark.parametrize("kind", sorted(RESIDENTIAL))
def test_first_follow_up_in_an_institution_is_six_weeks_after_start(kind: str) -> None:
    assert first_follow_up_due(kind=kind, start_date=date(2026, 1, 15)) == date(2026, 2, 26)


def test_first_follow_up_at_the_end_of_a_month_is_the_last_day_of_the_shorter_month() -> None:
    due = first_follow_up_due(kind=MeasureKind.FAMILY_TREATMENT, start_date=date(2025, 11, 30))
    assert due == date(2026, 2, 28)


def test_first_follow_up_follows_policy(settings: Settings) -> None:
    settings.SIKKERHEDSNET_POLICY = {"first_follow_up_months": 1, "residential_follow_up_weeks": 8}
    assert first_follow_up_due(kind=MeasureKind.HOME_SUPPORT, start_date=date(2026, 1, 15)) == (
        date(2026, 2, 15)
    )
    # The law's month is earlier than the institution's eight weeks: the earlier one wins.
    assert first_follow_up_due(
        kind=MeasureKind.RESIDENTIAL_INSTITUTION, start_date=date(2026, 1, 15)
    ) == date(2026, 2, 15)


@pytest.mark.parametrize("kind", OTHER_KINDS)
def test_next_follow_up_of_support_and_other_placements_is_three_months(kind: str) -> None:
    due = next_follow_up_due(kind=kind, held_on=date(2026, 3, 10), interval_weeks=None)
    assert due == date(2026, 6, 10)


@pytest.mark.parametrize("kind", sorted(RESIDENTIAL))
def test_next_follow_up_in_an_institution_is_six_weeks(kind: str) -> None:
    due = next_follow_up_due(kind=kind, held_on=date(2026, 3, 10), interval_weeks=None)
    assert due == date(2026, 4, 21)


@pytest.mark.parametrize("kind", [MeasureKind.CONTACT_PERSON, MeasureKind.RESIDENTIAL_INSTITUTION])
def test_the_caseworkers_interval_overrides_policy_both_ways(kind: str) -> None:
    held_on = date(2026, 3, 10)
    assert next_follow_up_due(kind=kind, held_on=held_on, interval_weeks=4) == date(2026, 4, 7)
    assert next_follow_up_due(kind=kind, held_on=held_on, interval_weeks=26) == (
        held_on + timedelta(weeks=26)
    )


def test_only_institution_kinds_use_the_residential_cadence() -> None:
    assert {kind for kind in MeasureKind if uses_residential_cadence(kind)} == RESIDENTIAL


@pytest.mark.parametrize("kind", [MeasureKind.FAMILY_TREATMENT, MeasureKind.SECURE_UNIT])
@pytest.mark.parametrize(
    "day", [date(2026, 3, 1), date(2026, 2, 28), date(2026, 5, 31), date(2026, 12, 1)]
)
def test_the_overdue_cut_off_is_exact(kind: str, day: date) -> None:
    cut_off = latest_start_with_first_follow_up_overdue(kind=kind, day=day)
    assert first_follow_up_due(kind=kind, start_date=cut_off) < day
    assert first_follow_up_due(kind=kind, start_date=cut_off + timedelta(days=1)) >= day


def test_before_the_first_follow_up_an_own_interval_may_bring_it_forward_not_put_it_off() -> None:
    start = date(2026, 1, 15)
    kind = MeasureKind.HOME_SUPPORT
    assert follow_up_due(kind=kind, start_date=start, last_held_on=None, interval_weeks=2) == (
        date(2026, 1, 29)
    )
    assert follow_up_due(kind=kind, start_date=start, last_held_on=None, interval_weeks=26) == (
        date(2026, 4, 15)
    )


def test_after_a_follow_up_the_deadline_runs_from_the_latest_one() -> None:
    due = follow_up_due(
        kind=MeasureKind.SECURE_UNIT,
        start_date=date(2026, 1, 15),
        last_held_on=date(2026, 2, 20),
        interval_weeks=None,
    )
    assert due == date(2026, 4, 3)


@pytest.mark.parametrize(
    ("start", "owed"),
    [
        (date(2026, 6, 1), 0),  # six months ago today: the first visit is due today
        (date(2026, 5, 31), 1),
        (date(2025, 12, 1), 1),  # a year today
        (date(2025, 11, 30), 2),
        (date(2020, 1, 1), 2),
    ],
)
def test_supervision_visits_are_owed_pro_rata_from_the_start(start: date, owed: int) -> None:
    day = date(2026, 12, 1)
    assert supervision_visits_owed(start_date=start, day=day) == owed
    cut_offs = supervision_cut_offs(day)
    assert max([n for n, cut_off in cut_offs if start <= cut_off], default=0) == owed


def test_supervision_follows_the_number_of_visits_a_year(settings: Settings) -> None:
    settings.SIKKERHEDSNET_POLICY = {"supervision_visits_per_year": 4}
    owed = supervision_visits_owed(start_date=date(2026, 1, 1), day=date(2026, 7, 2))
    assert owed == 2  # due after 3 and 6 months


def test_the_supervision_window_is_the_twelve_months_up_to_the_day() -> None:
    assert supervision_window_start(date(2026, 12, 1)) == date(2025, 12, 1)
