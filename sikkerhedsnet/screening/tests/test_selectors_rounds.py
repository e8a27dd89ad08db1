from datetime import date

import pytest
from pytest_django.fixtures import Settings

from sikkerhedsnet.screening.selectors.rounds import (
    Round,
    last_closed_round,
    previous_round,
    round_on,
    round_with_deadline,
)


def test_a_round_runs_from_the_day_after_the_previous_deadline() -> None:
    assert round_on(date(2026, 11, 24)) == Round(date(2026, 10, 16), date(2027, 3, 1))
    assert round_on(date(2026, 3, 2)) == Round(date(2026, 3, 2), date(2026, 10, 15))


def test_the_deadline_day_belongs_to_its_round() -> None:
    assert round_on(date(2027, 3, 1)).deadline == date(2027, 3, 1)
    assert round_on(date(2026, 10, 15)).deadline == date(2026, 10, 15)


def test_previous_and_last_closed() -> None:
    current = round_on(date(2026, 11, 24))
    assert previous_round(current) == Round(date(2026, 3, 2), date(2026, 10, 15))
    assert last_closed_round(date(2026, 11, 24)).deadline == date(2026, 10, 15)
    assert last_closed_round(date(2026, 10, 15)).deadline == date(2026, 3, 1)


def test_deadlines_come_from_policy(settings: Settings) -> None:
    settings.SIKKERHEDSNET_POLICY = {"screening_round_deadlines": [[2, 15], [9, 30]]}
    assert round_on(date(2026, 11, 24)) == Round(date(2026, 10, 1), date(2027, 2, 15))


def test_an_arbitrary_date_is_not_a_deadline() -> None:
    assert round_with_deadline(date(2026, 3, 1)).starts_on == date(2025, 10, 16)
    with pytest.raises(ValueError, match="not a screening deadline"):
        round_with_deadline(date(2026, 3, 2))
